namespace EduPlatform.Staffing.Domain;

/// <summary>
/// The local civil servants' average annual pay (元) in a county and year: the bar that teachers'
/// average pay must reach (GG8).
/// </summary>
public sealed class PayReference
{
    public required string CountyCode { get; init; }
    public required int Year { get; init; }
    public decimal CivilServantAveragePay { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }
}
