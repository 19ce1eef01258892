namespace EduPlatform.Contracts.Staffing;

/// <summary>
/// A county's pay references for a year (元 a year): the civil servants' average (GG8) and, added
/// later, town teachers' average pay by rank (<paramref name="TownRanks"/>[i] earns
/// <paramref name="TownPay"/>[i]), against which rural teachers of the same rank are judged (PL9).
/// </summary>
public sealed record PayReferenceRecorded(string CountyCode, int Year, decimal CivilServantAveragePay, DateTimeOffset OccurredAt,
    Rank[]? TownRanks = null, decimal[]? TownPay = null) : ICountyEvent;
