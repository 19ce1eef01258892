namespace EduPlatform.WebApp.Api;

// The inspection API's answers as this application reads them (enums arrive as kebab-case names).

public sealed record CityRanking(int Year, string Standard, CountyStanding[] Counties);

public sealed record CountyStanding(int Rank, string CountyCode, string CountyName, string Verdict, int Met, int NotMet, int NoData,
    string[] Failing, string[] Vetoes, string PlanTargets, double? CompositeCvPrimary, double? CompositeCvJunior, int DataQualityIssues,
    string? Note);

public sealed record Scorecard(string CountyCode, string CountyName, int Year, string Standard, string Verdict, string[] Failing,
    string[] Vetoes, string[] NoData, string PlanTargets, double? CompositeCvPrimary, double? CompositeCvJunior, ScorecardGroup[] Groups,
    DataQualityIssue[] DataQuality)
{
    public IEnumerable<ScorecardLine> Lines => Groups.SelectMany(g => g.Lines);

    /// <summary>The line of <paramref name="code"/> at <paramref name="level"/> (null: a county-wide line), if the scorecard has it.</summary>
    public ScorecardLine? Line(string code, string? level) => Lines.FirstOrDefault(l => l.Code == code && l.Level == level);
}

public sealed record ScorecardGroup(string Key, string Name, string Label, bool Counts, string Status, ScorecardLine[] Lines);

public sealed record ScorecardLine(string Code, string Name, string Label, string? Level, string Unit, decimal? Value, decimal? Threshold,
    string Status, string Test, string[] SchoolsAtFault, Dictionary<string, decimal> Inputs, string? Evidence, int? Deadline, string? Missing);

public sealed record DataQualityIssue(string SchoolCode, string? Level, string Kind, string Detail);

public sealed record ResourceAllocation(string CountyCode, int Year, ResourceResult Primary, ResourceResult Junior, SchoolSection[] Inputs,
    Dictionary<string, string> Locations);

public sealed record ResourceResult(string Level, int Schools, SchoolResourceResult[] SchoolResults, ResourceIndicatorResult[] Indicators,
    double? CompositeCv);

public sealed record SchoolResourceResult(string SchoolCode, string Name, string Level, Dictionary<string, decimal> Values, string[] Below, bool Passes);

public sealed record ResourceIndicatorResult(string Code, string Name, decimal Threshold, double? Cv, double CvLimit, string Status);

public sealed record SchoolSection(string SchoolCode, string Name, string Type, string Level, int Students, int QualifiedTeachers,
    int BackboneTeachers, int PeAndArtTeachers, decimal TeachingArea, decimal SportsArea, decimal EquipmentValue, int MultimediaClassrooms,
    int FullTimeTeachers);

public sealed record SchoolFacts(string Code, string Name, string Type, int? Students, string Location, bool Boarding);

public sealed record ResourceThreshold(string Level, string Code, string Name, decimal Threshold, decimal RemainderShare);

public sealed record SchoolDrillDown(string SchoolCode, string CountyCode, int Year, SchoolFacts Facts, SchoolSection[] Sections,
    SchoolResourceResult[] ResourceValues, string[] AtFaultIn, DataQualityIssue[] DataQuality, ResourceThreshold[] Thresholds);

public sealed record Evaluation(Guid Id, string Kind, int SchoolYear, DateOnly AsOf, DateTimeOffset OpenedAt, DateTimeOffset? ClosedAt,
    string Status, DateTimeOffset? ClosingSince);

public sealed record EvaluationCounty(string CountyCode, string CountyName, string Verdict, string[] Failing, string[] Vetoes, string[] NoData,
    string PlanTargets);

public sealed record EvaluationDetail(Evaluation Evaluation, Guid? ComparedWith, EvaluationCounty[] Counties, int CountiesFrozen, int CountiesTotal);

public sealed record IndicatorChange(string Code, string? Level, string Name, decimal? Before, string? BeforeStatus, decimal? After,
    string AfterStatus, decimal? Change);

public sealed record CountySnapshot(Evaluation Evaluation, Scorecard Scorecard, Guid? ComparedWith, string? VerdictBefore, IndicatorChange[] Changes);

public sealed record Verdict(string CountyCode, int Year, string Code, string Name, bool Met, string DocumentReference, string Inspector,
    string? Note, DateTimeOffset RecordedAt);

public sealed record ScenarioChange(string? Kind, string? School, string? Level = null, string? Teachers = null, int? Count = null,
    decimal? TeachingArea = null, decimal? SportsArea = null, decimal? EquipmentValue = null, int? MultimediaRooms = null, int? Students = null,
    string? To = null, int? MaxSize = null);

public sealed record PricedChange(ScenarioChange Change, decimal Cost, string Reason);

public sealed record RemedyPlan(string Method, PricedChange[] Changes, decimal Cost, PricedChange[] Baseline, decimal BaselineCost);

public sealed record ScenarioLine(string Code, string? Level, string Name, string Unit, decimal? Threshold, decimal? Today, decimal? Scenario,
    decimal? Change, string TodayStatus, string ScenarioStatus);

public sealed record ScenarioResult(string CountyCode, int Year, int ChangesApplied, string TodayVerdict, string ScenarioVerdict, string[] Turned,
    ScenarioLine[] Lines, Scorecard Today, Scorecard Scenario);

public sealed record RemedyResult(string CountyCode, int Year, RemedyPlan Plan, bool Passes, string[] StillFailing, bool BaselinePasses,
    ScenarioResult Scenario);

public sealed record SectionProjection(string SchoolCode, string Level, int Today, decimal? ProgressionRate, string RateFrom, string Intake,
    decimal? IntakeTrend, int[] Projected);

public sealed record ProjectionInputs(int[] HistoryYears, Dictionary<int, decimal> CountyProgression, decimal? JuniorTransition,
    SectionProjection[] Sections);

public sealed record ProjectedYear(int Year, bool Deadline, int Students, string[] WillFail, string[] WillPass, ScenarioLine[] Lines);

public sealed record ProjectionResult(string CountyCode, int Year, int TodayStudents, int[] Deadlines, string Method, ProjectedYear[] Years,
    ProjectionInputs Inputs);

/// <summary>A refusal as the API words it (ProblemDetails): its title, detail and, for input, the errors per field or line.</summary>
public sealed record Problem(int Status, string Title, string? Detail, Dictionary<string, string[]>? Errors);
