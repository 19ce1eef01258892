using EduPlatform.Registry;
using static EduPlatform.Inspection.Domain.Indicators.IndicatorMath;

namespace EduPlatform.Inspection.Domain.Indicators;

/// <summary>An inspector's verdict on an evidence item, with the document it rests on.</summary>
public sealed record VerdictFacts(string Code, bool Met, string DocumentReference, string Inspector, string? Note);

/// <summary>Imported national results: monitoring (levels 1–4 for 水平Ⅰ–Ⅳ per subject, difference rate) and the survey.</summary>
public sealed record ImportedFacts(string[] Subjects, int[] Levels, decimal? DifferenceRate, decimal? SatisfactionPercent, int? Respondents,
    string? MonitoringDocument, string? SurveyDocument);

/// <summary>The quality figures as data (教督〔2017〕6号 unless a province says otherwise).</summary>
public sealed record QualityStandard(decimal Retention, decimal TrainingHours, decimal TrainingCompletion, int MonitoringLevel,
    decimal MonitoringDifference, decimal Satisfaction, decimal NearBand)
{
    public static QualityStandard National2017 => Standards.Default.Quality;
}

/// <summary>
/// GG9 (training), the evidence items (GG1, GG2, GG10, EQ3, EQ5–EQ8: an inspector's verdict), EQ1
/// (retention), EQ4 (training budgets), EQ9 (imported monitoring) and SR1 (imported survey, a veto).
/// </summary>
public static class QualityIndicators
{
    /// <param name="teachers">Counted with <see cref="QualityStandard.TrainingHours"/> as the bar.</param>
    public static IndicatorResult Training(TeacherSummary teachers, QualityStandard standard) =>
        Share("GG9", Catalogue.Get("GG9").Name,
            $"full-time teachers with ≥ {standard.TrainingHours} training hours in the five school years up to this one ÷ full-time teachers = {standard.TrainingCompletion} %",
            teachers.TrainingReported ? teachers.Trained : null, teachers.FullTime, standard.TrainingCompletion, standard.NearBand,
            "trained", "full-time teachers").MissingIf(!teachers.TrainingReported, NoTraining);

    /// <summary>What the training lines lack when staffing has reported no training of the county's teachers in the window.</summary>
    public const string NoTraining = "staffing: no training records reported for the county's teachers in the five school years up to this one";

    /// <summary>An evidence item: met or not as the inspector found, no data until a verdict is recorded.</summary>
    public static IndicatorResult Evidence(string code, VerdictFacts? verdict) =>
        new(code, Catalogue.Get(code).Name, "evidence reviewed by an inspector", null, null,
            verdict is null ? Status.NoData : verdict.Met ? Status.Met : Status.NotMet, [], new Dictionary<string, decimal>(),
            verdict is null ? null : $"{verdict.DocumentReference} ({verdict.Inspector}{(verdict.Note is null ? "" : "; " + verdict.Note)})");

    /// <summary>A retention rate (EQ1 or PL10) from the shared cohort formula, with every input.</summary>
    public static IndicatorResult Retention(string code, RetentionRate rate, QualityStandard standard)
    {
        var inputs = new Dictionary<string, decimal>
        {
            ["cohort start year"] = rate.CohortStartYear, ["intake"] = rate.Intake, ["transfers in"] = rate.TransfersIn,
            ["transfers out"] = rate.TransfersOut, ["graduates"] = rate.Graduates,
        };
        var test = rate.MissingYears.Length == 0 ? rate.Formula : $"{rate.Formula} Missing: {string.Join(", ", rate.MissingYears)}.";
        return new IndicatorResult(code, rate.Name, test, rate.RatePercent, standard.Retention,
            Judge(rate.RatePercent, standard.Retention, standard.NearBand), [], inputs);
    }

    public static IndicatorResult TrainingBudget(IReadOnlyList<SchoolFacts> schools)
    {
        // A school is judged once both are known: what it needs (from its enrolment) and what it was allocated.
        var judged = schools.Where(s => s.TrainingRequired is not null && s.TrainingAllocated is not null).ToList();
        var atFault = judged.Where(s => s.TrainingAllocated < s.TrainingRequired).Select(s => s.Code).ToArray();
        return AllSchools("EQ4", Catalogue.Get("EQ4").Name, "each school's teacher-training budget ≥ 5 % of its public funds allocated",
                judged.Count, atFault, new()
                {
                    ["training required"] = judged.Sum(s => s.TrainingRequired!.Value),
                    ["training allocated"] = judged.Sum(s => s.TrainingAllocated!.Value),
                })
            .MissingIf(judged.Count == 0 && schools.Any(s => s.TrainingRequired is not null), GuaranteeIndicators.NoAllocations);
    }

    public static IndicatorResult Monitoring(ImportedFacts? imported, QualityStandard standard)
    {
        var test = $"imported results: every subject at level ≥ {standard.MonitoringLevel} (水平Ⅲ) and inter-school difference rate < {standard.MonitoringDifference}";
        if (imported?.DifferenceRate is not { } rate || imported.Levels.Length == 0)
        {
            return new IndicatorResult("EQ9", Catalogue.Get("EQ9").Name, test, null, standard.MonitoringDifference, Status.NoData, [],
                new Dictionary<string, decimal>());
        }
        var inputs = imported.Subjects.Zip(imported.Levels).ToDictionary(p => $"level: {p.First}", p => (decimal)p.Second);
        var met = rate < standard.MonitoringDifference && imported.Levels.All(l => l >= standard.MonitoringLevel);
        return new IndicatorResult("EQ9", Catalogue.Get("EQ9").Name, test, rate, standard.MonitoringDifference, met ? Status.Met : Status.NotMet,
            [], inputs, imported.MonitoringDocument);
    }

    public static IndicatorResult Satisfaction(ImportedFacts? imported, QualityStandard standard)
    {
        var value = imported?.SatisfactionPercent;
        var inputs = imported?.Respondents is { } n ? new Dictionary<string, decimal> { ["respondents"] = n } : new Dictionary<string, decimal>();
        // A veto item: anything below the threshold fails the county, so there is no "near".
        return new IndicatorResult("SR1", Catalogue.Get("SR1").Name, $"satisfaction survey ≥ {standard.Satisfaction} % (veto item)", value,
            standard.Satisfaction, value is null ? Status.NoData : value >= standard.Satisfaction ? Status.Met : Status.NotMet, [], inputs,
            imported?.SurveyDocument);
    }
}
