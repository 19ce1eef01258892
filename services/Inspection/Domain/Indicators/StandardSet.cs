using EduPlatform.Contracts.Facilities;

namespace EduPlatform.Inspection.Domain.Indicators;

/// <summary>
/// The thresholds inspectors apply, as data (a province may adopt stricter values): the seven 资源配置
/// indicators per level (教督〔2017〕6号), the balance limits, the 2012 baseline's limits, and the band
/// within which a value that misses its limit is "near" (a CV up to limit ÷ 0.85).
/// </summary>
public sealed record StandardSet(
    string Name,
    IReadOnlyDictionary<string, (decimal Primary, decimal Junior)> ResourceThresholds,
    decimal RemainderShare,
    (double Primary, double Junior) CvLimit,
    (double Primary, double Junior) BaselineCvLimit,
    int SmallTeachingPointStudents,
    double NearBand)
{
    public static readonly StandardSet National2017 = new("优质均衡 2017",
        new Dictionary<string, (decimal, decimal)>
        {
            ["RA1"] = (4.2m, 5.3m), ["RA2"] = (1.0m, 1.0m), ["RA3"] = (0.9m, 0.9m), ["RA4"] = (4.5m, 5.8m),
            ["RA5"] = (7.5m, 10.2m), ["RA6"] = (2000m, 2500m), ["RA7"] = (2.3m, 2.4m),
        },
        RemainderShare: 0.85m, CvLimit: (0.50, 0.45), BaselineCvLimit: (0.65, 0.55), SmallTeachingPointStudents: 50,
        NearBand: 0.85);

    public decimal Threshold(string code, Section level) =>
        level == Section.Primary ? ResourceThresholds[code].Primary : ResourceThresholds[code].Junior;

    public double Limit(Section level) => level == Section.Primary ? CvLimit.Primary : CvLimit.Junior;

    public double BaselineLimit(Section level) => level == Section.Primary ? BaselineCvLimit.Primary : BaselineCvLimit.Junior;
}
