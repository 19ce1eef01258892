using EduPlatform.Contracts.Facilities;
using EduPlatform.Registry;

namespace EduPlatform.Inspection.Domain.Indicators;

/// <summary>Which of a school section's returns the read models hold, for the data-quality list.</summary>
public sealed record SectionPresence(string SchoolCode, Section Level, bool Facilities, bool Classes, int Teachers);

/// <summary>Everything the read models know of one county in one school year, as the indicator engine takes it.</summary>
public sealed record CountyYearFacts(
    string CountyCode,
    string CountyName,
    int Year,
    IReadOnlyList<SchoolSection> Sections,
    IReadOnlyList<SchoolFacts> Schools,
    TeacherSummary Teachers,
    CountyFacts County,
    PlanFacts Plan,
    RetentionRate JuniorRetention,
    RetentionRate NineYearRetention,
    IReadOnlyList<VerdictFacts> Verdicts,
    ImportedFacts? Imported,
    IReadOnlyList<SectionPresence> Presence);

/// <summary>Every figure the engine applies, as data (<see cref="StandardFiles"/>): a province may adopt stricter ones.</summary>
public sealed record Standards(StandardSet Resources, GuaranteeStandard Guarantee, QualityStandard Quality, PlanStandard Plan)
{
    /// <summary>The standards shipped with the service: 优质均衡 2017, the 基本均衡 2012 baseline and the city plan 2026.</summary>
    public static readonly Standards Default = StandardFiles.Load();

    /// <summary>The standards applied, each with its version and the document that sets it.</summary>
    public IReadOnlyList<StandardSource> Sources { get; init; } = [];

    /// <summary>What a scorecard names as its standard: "优质均衡 2017 · 基本均衡 2012 · … 2026".</summary>
    public string Name => Sources.Count == 0 ? Resources.Name : string.Join(" · ", Sources.Select(s => $"{s.Name} {s.Version}"));
}

/// <summary>
/// One line of a scorecard. <paramref name="Value"/> is at full precision (the status is judged on it; rounding is the
/// display's). <paramref name="Missing"/> names what was never reported when the line is no-data for that reason.
/// </summary>
public sealed record ScorecardLine(string Code, string Name, string Label, Section? Level, string Unit, decimal? Value, decimal? Threshold,
    Status Status, string Test, string[] SchoolsAtFault, IReadOnlyDictionary<string, decimal> Inputs, string? Evidence, int? Deadline,
    string? Missing = null);

/// <summary>A group of the standard; <paramref name="Counts"/> is false for the plan's own targets (not part of the national verdict).</summary>
public sealed record ScorecardGroup(Group Key, string Name, string Label, bool Counts, Status Status, ScorecardLine[] Lines);

/// <summary>A fault in the data a scorecard rests on: a missing return, no students, or a value the county's other schools make implausible.</summary>
public sealed record DataQualityIssue(string SchoolCode, Section? Level, string Kind, string Detail);

/// <summary>
/// A county's scorecard for a school year. <paramref name="Verdict"/> is met only when every item that
/// counts is met; not-met when any is not met (or only near); otherwise no-data, naming what is missing.
/// </summary>
public sealed record Scorecard(
    string CountyCode,
    string CountyName,
    int Year,
    string Standard,
    Status Verdict,
    string[] Failing,
    string[] Vetoes,
    string[] NoData,
    Status PlanTargets,
    double? CompositeCvPrimary,
    double? CompositeCvJunior,
    double? BaselineCvPrimary,
    double? BaselineCvJunior,
    ScorecardGroup[] Groups,
    DataQualityIssue[] DataQuality);

/// <summary>Builds a county's scorecard from its facts: pure, so every figure can be unit-tested by hand.</summary>
public static class Scorecards
{
    private static readonly Dictionary<Group, (string Name, string Label)> GroupNames = new()
    {
        [Group.ResourceAllocation] = ("资源配置", "resource allocation"),
        [Group.GovernmentGuarantee] = ("政府保障程度", "government guarantee"),
        [Group.EducationQuality] = ("教育质量", "education quality"),
        [Group.SocialRecognition] = ("社会认可度", "social recognition"),
        [Group.PlanTargets] = ("规划目标", "the city plan's targets"),
    };

    public static Scorecard Build(CountyYearFacts facts, Standards standards)
    {
        var primary = ResourceIndicators.Evaluate(Section.Primary, facts.Sections, standards.Resources);
        var junior = ResourceIndicators.Evaluate(Section.Junior, facts.Sections, standards.Resources);
        var resourceLines = new[] { primary, junior }.Where(r => r.Schools + r.OutOfScope.Length + r.WithoutStudents.Length > 0)
            .SelectMany(ResourceLines).ToList();

        var guarantee = GuaranteeIndicators.Evaluate(facts.Schools, facts.Teachers, facts.County, standards.Guarantee);
        var verdicts = facts.Verdicts.ToDictionary(v => v.Code);
        var evidence = Catalogue.EvidenceCodes.Select(code => QualityIndicators.Evidence(code, verdicts.GetValueOrDefault(code))).ToList();
        var quality = standards.Quality;
        var computed = guarantee.Concat(evidence).Concat(
        [
            QualityIndicators.Training(facts.Teachers, quality),
            QualityIndicators.Retention("EQ1", facts.JuniorRetention, quality),
            QualityIndicators.TrainingBudget(facts.Schools),
            QualityIndicators.Monitoring(facts.Imported, quality),
            QualityIndicators.Satisfaction(facts.Imported, quality),
        ]).ToList();
        var nineYear = QualityIndicators.Retention("PL10", facts.NineYearRetention, quality) with { Name = Catalogue.Get("PL10").Name };
        var plan = PlanIndicators.Evaluate(facts.Year, facts.Sections, facts.Schools, facts.Teachers, facts.County, facts.Plan,
            [.. computed, nineYear], standards.Resources, quality, standards.Plan);

        var lines = resourceLines.Concat(computed.Concat(plan).Select(r => Line(r, null, standards.Plan))).ToList();
        var groups = Enum.GetValues<Group>().Select(g =>
        {
            var inGroup = lines.Where(l => Catalogue.Get(l.Code).Group == g)
                .OrderBy(l => l.Level).ThenBy(l => Order(l.Code)).ToArray();
            return new ScorecardGroup(g, GroupNames[g].Name, GroupNames[g].Label, g != Group.PlanTargets, Verdict(inGroup), inGroup);
        }).ToArray();

        var counting = groups.Where(g => g.Counts).SelectMany(g => g.Lines).ToList();
        return new Scorecard(facts.CountyCode, facts.CountyName, facts.Year, standards.Name, Verdict(counting),
            [.. counting.Where(l => l.Status is Status.NotMet or Status.Near).Select(Label)],
            [.. counting.Where(l => Catalogue.Get(l.Code).Veto && l.Status is Status.NotMet).Select(l => l.Code)],
            [.. counting.Where(l => l.Status == Status.NoData).Select(Label)],
            Verdict(groups.Single(g => g.Key == Group.PlanTargets).Lines),
            primary.CompositeCv, junior.CompositeCv, primary.BaselineCompositeCv, junior.BaselineCompositeCv,
            groups, [.. DataQuality(facts, standards.Resources)]);
    }

    /// <summary>Not met when anything is not met or only near; else no data when anything is missing; else met.</summary>
    public static Status Verdict(IReadOnlyCollection<ScorecardLine> lines) =>
        lines.Any(l => l.Status is Status.NotMet or Status.Near) ? Status.NotMet
        : lines.Count == 0 || lines.Any(l => l.Status == Status.NoData) ? Status.NoData : Status.Met;

    private static string Label(ScorecardLine line) => line.Level is { } level ? $"{line.Code} ({level.ToString().ToLowerInvariant()})" : line.Code;

    private static int Order(string code) => int.TryParse(code.AsSpan(2), out var n) ? n : 0;

    private static ScorecardLine Line(IndicatorResult r, Section? level, PlanStandard plan)
    {
        var entry = Catalogue.Get(r.Code);
        return new ScorecardLine(r.Code, r.Name, entry.Label, level, entry.Unit, r.Value, r.Threshold, r.Status, r.Test, r.SchoolsAtFault, r.Inputs,
            r.Evidence, entry.Group == Group.PlanTargets ? plan.Deadline(r.Code) : null,
            r.Missing ?? (r.Status != Status.NoData ? null : entry.Evidence ? "inspectors: no verdict recorded for this year"
                : r.Code == "EQ9" ? "inspectors: no national monitoring results imported for this year"
                : r.Code == "SR1" ? "inspectors: no satisfaction survey imported for this year" : null));
    }

    private static IEnumerable<ScorecardLine> ResourceLines(ResourceResult result)
    {
        var failing = result.SchoolResults.Where(s => !s.Passes).Select(s => s.SchoolCode).ToArray();
        var entry = Catalogue.Get("RA");
        yield return new ScorecardLine("RA", entry.Name, entry.Label, result.Level, entry.Unit,
            result.Schools == 0 ? null : result.Schools - failing.Length, result.Schools == 0 ? null : result.Schools,
            result.Schools == 0 ? Status.NoData : result.SchoolsStatus, "per school: at least 6 of the 7 values at their threshold, the remaining one at ≥ 85 % of it",
            failing, new Dictionary<string, decimal>
            {
                ["schools in scope"] = result.Schools, ["schools out of scope"] = result.OutOfScope.Length,
                ["schools without students (not counted)"] = result.WithoutStudents.Length,
            }, null, null);
        foreach (var indicator in result.Indicators)
        {
            var e = Catalogue.Get(indicator.Code);
            var inputs = new Dictionary<string, decimal>
            {
                ["county value (Σ quantity ÷ Σ students)"] = (decimal)indicator.PooledValue,
                ["per-school threshold"] = indicator.Threshold,
                ["schools below the threshold"] = indicator.SchoolsBelow.Length,
            };
            foreach (var c in indicator.TopContributors)
            {
                inputs[$"value of {c.SchoolCode}"] = (decimal)c.Value;
            }
            yield return new ScorecardLine(indicator.Code, indicator.Name, e.Label, result.Level, e.Unit,
                indicator.Cv is { } cv ? (decimal)cv : null, (decimal)indicator.CvLimit, indicator.Status,
                "enrolment-weighted coefficient of variation (差异系数) across the level's schools ≤ the limit",
                indicator.Status is Status.Met or Status.NoData ? [] : [.. indicator.TopContributors.Select(c => c.SchoolCode)], inputs, null, null);
        }
    }

    /// <summary>
    /// Missing returns, sections without students or teachers, and per-student values outside a quarter to
    /// four times the median of the county's other schools of the level (needs at least three schools).
    /// </summary>
    public static IEnumerable<DataQualityIssue> DataQuality(CountyYearFacts facts, StandardSet standard)
    {
        foreach (var school in facts.Schools.Where(s => s.Students is null))
        {
            yield return new DataQualityIssue(school.Code, null, "no-enrolment-return", $"{school.Name} has no enrolment return for {facts.Year}.");
        }
        var sections = facts.Sections.ToDictionary(s => (s.SchoolCode, s.Level));
        foreach (var p in facts.Presence)
        {
            var section = sections[(p.SchoolCode, p.Level)];
            if (section.Students == 0)
            {
                yield return new DataQualityIssue(p.SchoolCode, p.Level, "zero-enrolment", "The enrolment return has no students; the school is left out of every CV.");
                continue;
            }
            if (!p.Facilities)
            {
                yield return new DataQualityIssue(p.SchoolCode, p.Level, "no-facility-return", "No facility return: its floor areas, equipment and rooms count as zero.");
            }
            if (!p.Classes)
            {
                yield return new DataQualityIssue(p.SchoolCode, p.Level, "no-classes", "No class list: class sizes cannot be judged.");
            }
            if (p.Teachers == 0 && section.Type != SchoolType.SpecialEducation)
            {
                yield return new DataQualityIssue(p.SchoolCode, p.Level, "no-teachers", "No full-time teacher is recorded at this section.");
            }
        }
        foreach (var level in new[] { Section.Primary, Section.Junior })
        {
            var scope = facts.Sections.Where(s => s.Level == level && s.Students > 0 && ResourceIndicators.InScope(s, standard)).ToList();
            if (scope.Count < 3)
            {
                continue;
            }
            foreach (var (code, _, quantity, scale) in ResourceIndicators.Definitions)
            {
                var values = scope.Select(s => (s.SchoolCode, Value: quantity(s) * scale / s.Students)).ToList();
                var sorted = values.Select(v => v.Value).Order().ToList();
                var median = sorted.Count % 2 == 1 ? sorted[sorted.Count / 2] : (sorted[sorted.Count / 2 - 1] + sorted[sorted.Count / 2]) / 2;
                foreach (var (school, value) in values.Where(v => median > 0 && (v.Value < median / 4 || v.Value > median * 4)))
                {
                    yield return new DataQualityIssue(school, level, "implausible",
                        $"{code} is {Math.Round(value, 2)} against a county median of {Math.Round(median, 2)} (outside ¼–4×).");
                }
            }
        }
    }
}
