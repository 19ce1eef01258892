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
    /// <summary>优质均衡 (教督〔2017〕6号) with the 2012 baseline's limits, from the shipped standard files.</summary>
    public static StandardSet National2017 => Standards.Default.Resources;

    public decimal Threshold(string code, Section level) =>
        level == Section.Primary ? ResourceThresholds[code].Primary : ResourceThresholds[code].Junior;

    public double Limit(Section level) => level == Section.Primary ? CvLimit.Primary : CvLimit.Junior;

    public double BaselineLimit(Section level) => level == Section.Primary ? BaselineCvLimit.Primary : BaselineCvLimit.Junior;
}
