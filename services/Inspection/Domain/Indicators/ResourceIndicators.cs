using EduPlatform.Contracts.Facilities;

namespace EduPlatform.Inspection.Domain.Indicators;

/// <summary>
/// What the read models know of one school's section (学段) in one school year: its students and the
/// raw quantities behind the resource indicators. A through-train school gives one per section.
/// </summary>
public sealed record SchoolSection(
    string SchoolCode,
    string Name,
    SchoolType Type,
    Section Level,
    int Students,
    int QualifiedTeachers,
    int BackboneTeachers,
    int PeAndArtTeachers,
    decimal TeachingArea,
    decimal SportsArea,
    decimal EquipmentValue,
    int MultimediaClassrooms,
    int Computers,
    int Books,
    int FullTimeTeachers,
    int MidRankTeachers);

public enum Status { Met, Near, NotMet, NoData }

/// <summary>
/// One section's seven values (exact quotients, at full precision: rounding is for display) and its verdict:
/// 6 of 7 at the threshold, the remaining one at ≥ 85 % of it, compared exactly.
/// </summary>
public sealed record SchoolResourceResult(string SchoolCode, string Name, Section Level, IReadOnlyDictionary<string, decimal> Values,
    string[] Below, bool Passes);

public sealed record ResourceIndicatorResult(string Code, string Name, decimal Threshold, double PooledValue, double? Cv, double CvLimit,
    Status Status, CvContribution[] TopContributors, string[] SchoolsBelow);

/// <param name="WithoutStudents">In scope but with no students: neither passing nor failing, out of every CV (a data-quality fault).</param>
public sealed record ResourceResult(
    Section Level,
    int Schools,
    string[] OutOfScope,
    string[] WithoutStudents,
    SchoolResourceResult[] SchoolResults,
    ResourceIndicatorResult[] Indicators,
    double? CompositeCv,
    double? BaselineCompositeCv,
    double BaselineLimit,
    Status SchoolsStatus,
    Status BalanceStatus,
    Status BaselineStatus);

/// <summary>
/// 资源配置 RA1–RA7 for one county, school year and level: each school's values and pass/fail, each
/// indicator's enrolment-weighted CV against its limit (with the schools that pull it up most), the
/// 综合差异系数 for information, and the 2012 baseline (8 indicators, pass on their average CV).
/// </summary>
public static class ResourceIndicators
{
    public static readonly (string Code, string Name, Func<SchoolSection, decimal> Quantity, decimal Scale)[] Definitions =
    [
        ("RA1", "每百名学生拥有高于规定学历教师数", s => s.QualifiedTeachers, 100m),
        ("RA2", "每百名学生拥有县级以上骨干教师数", s => s.BackboneTeachers, 100m),
        ("RA3", "每百名学生拥有体育、艺术（美术、音乐）专任教师数", s => s.PeAndArtTeachers, 100m),
        ("RA4", "生均教学及辅助用房面积", s => s.TeachingArea, 1m),
        ("RA5", "生均体育运动场馆面积", s => s.SportsArea, 1m),
        ("RA6", "生均教学仪器设备值", s => s.EquipmentValue, 1m),
        ("RA7", "每百名学生拥有网络多媒体教室数", s => s.MultimediaClassrooms, 100m),
    ];

    /// <summary>基本均衡 (2012): 生均教学及辅助用房面积, 生均体育运动场馆面积, 生均教学仪器设备值, 每百名学生拥有计算机台数, 生均图书册数, 师生比, 生均高于规定学历教师数, 生均中级及以上专业技术职务教师数.</summary>
    public static readonly (string Name, Func<SchoolSection, decimal> Quantity, decimal Scale)[] Baseline =
    [
        ("生均教学及辅助用房面积", s => s.TeachingArea, 1m),
        ("生均体育运动场馆面积", s => s.SportsArea, 1m),
        ("生均教学仪器设备值", s => s.EquipmentValue, 1m),
        ("每百名学生拥有计算机台数", s => s.Computers, 100m),
        ("生均图书册数", s => s.Books, 1m),
        ("师生比", s => s.FullTimeTeachers, 1m),
        ("生均高于规定学历教师数", s => s.QualifiedTeachers, 1m),
        ("生均中级及以上专业技术职务教师数", s => s.MidRankTeachers, 1m),
    ];

    /// <summary>In scope: every school of the level except special-education schools and small teaching points.</summary>
    public static bool InScope(SchoolSection s, StandardSet standard) =>
        s.Type != SchoolType.SpecialEducation && !(s.Type == SchoolType.TeachingPoint && s.Students < standard.SmallTeachingPointStudents);

    public static ResourceResult Evaluate(Section level, IReadOnlyCollection<SchoolSection> sections, StandardSet standard, int topContributors = 3)
    {
        var atLevel = sections.Where(s => s.Level == level).ToList();
        var inScope = atLevel.Where(s => InScope(s, standard)).ToList();
        var outOfScope = atLevel.Except(inScope).Select(s => s.SchoolCode).ToArray();
        // A school without students is not counted at all: not in the school count, not passing or failing, not in a CV.
        var withoutStudents = inScope.Where(s => s.Students <= 0).Select(s => s.SchoolCode).ToArray();
        var scope = inScope.Where(s => s.Students > 0).ToList();
        if (scope.Count == 0)
        {
            return new ResourceResult(level, 0, outOfScope, withoutStudents, [], [], null, null, standard.BaselineLimit(level),
                Status.NoData, Status.NoData, Status.NoData);
        }

        var schoolResults = scope.Select(s =>
        {
            // Exact quotients, compared exactly: 4.49996 does not meet 4.5, 84.99998 % is not 85 %.
            var values = Definitions.ToDictionary(d => d.Code, d => d.Quantity(s) * d.Scale / s.Students);
            var below = Definitions.Where(d => values[d.Code] < standard.Threshold(d.Code, level)).Select(d => d.Code).ToArray();
            var passes = below.Length == 0 || (below.Length == 1 && values[below[0]] >= standard.Threshold(below[0], level) * standard.RemainderShare);
            return new SchoolResourceResult(s.SchoolCode, s.Name, level, values, below, passes);
        }).ToArray();

        var indicators = Definitions.Select(d =>
        {
            var cv = WeightedCv.Compute(scope.Select(s => new SchoolQuantity(s.SchoolCode, s.Students, d.Quantity(s))), d.Scale);
            var limit = standard.Limit(level);
            var status = cv.Cv is not { } value ? Status.NoData : value <= limit ? Status.Met : value <= limit / standard.NearBand ? Status.Near : Status.NotMet;
            return new ResourceIndicatorResult(d.Code, d.Name, standard.Threshold(d.Code, level), cv.PooledValue, cv.Cv, limit, status,
                [.. cv.Contributions.Take(topContributors)],
                schoolResults.Where(r => r.Below.Contains(d.Code)).Select(r => r.SchoolCode).ToArray());
        }).ToArray();

        var composite = indicators.All(i => i.Cv is not null) ? indicators.Average(i => i.Cv!.Value) : (double?)null;
        var baselineCvs = Baseline.Select(b => WeightedCv.Compute(scope.Select(s => new SchoolQuantity(s.SchoolCode, s.Students, b.Quantity(s))), b.Scale).Cv)
            .ToList();
        var baseline = baselineCvs.All(c => c is not null) ? baselineCvs.Average(c => c!.Value) : (double?)null;

        var failing = schoolResults.Count(r => !r.Passes);
        var schoolsStatus = failing == 0 ? Status.Met : Status.NotMet;
        var balanceStatus = indicators.Any(i => i.Status == Status.NoData) ? Status.NoData
            : indicators.All(i => i.Status == Status.Met) ? Status.Met
            : indicators.All(i => i.Status is Status.Met or Status.Near) ? Status.Near : Status.NotMet;
        var baselineStatus = baseline is not { } b ? Status.NoData : b <= standard.BaselineLimit(level) ? Status.Met : Status.NotMet;
        return new ResourceResult(level, scope.Count, outOfScope, withoutStudents, schoolResults, indicators, composite, baseline, standard.BaselineLimit(level),
            schoolsStatus, balanceStatus, baselineStatus);
    }
}
