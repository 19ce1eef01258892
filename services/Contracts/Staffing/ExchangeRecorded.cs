namespace EduPlatform.Contracts.Staffing;

/// <summary>
/// A teacher went on exchange (交流轮岗) in a school year from an urban or town school to a rural one.
/// <paramref name="Backbone"/>: recognised at county level or above at the time.
/// </summary>
public sealed record ExchangeRecorded(
    Guid ExchangeId,
    Guid TeacherId,
    string CountyCode,
    int Year,
    string FromSchoolCode,
    string ToSchoolCode,
    bool Backbone,
    bool RuralAllowance,
    DateOnly StartDate,
    DateTimeOffset OccurredAt) : ICountyEvent;
