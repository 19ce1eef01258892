namespace EduPlatform.Inspection.Domain;

// What the inspection service owns itself (not copies of department data): inspectors' verdicts on
// evidence items, imported national results, frozen evaluation snapshots, and the counties whose
// cached scorecards must be refreshed.

/// <summary>An inspector's verdict on an evidence item (GG1, GG2, GG10, EQ3, EQ5–EQ8) for a county and year.</summary>
public sealed class EvidenceVerdict
{
    public required string CountyCode { get; init; }
    public int Year { get; init; }
    public required string Code { get; init; }
    public bool Met { get; set; }
    public required string DocumentReference { get; set; }
    public required string Inspector { get; set; }
    public string? Note { get; set; }
    public DateTimeOffset RecordedAt { get; set; }
}

/// <summary>
/// A county's imported results for a year: the national quality monitoring (EQ9: each subject's level,
/// 1–4 for 水平Ⅰ–Ⅳ, and the inter-school difference rate) and the satisfaction survey (SR1).
/// </summary>
public sealed class ImportedResult
{
    public required string CountyCode { get; init; }
    public int Year { get; init; }
    public string[] MonitoringSubjects { get; set; } = [];
    public int[] MonitoringLevels { get; set; } = [];
    public decimal? MonitoringDifferenceRate { get; set; }
    public string? MonitoringDocument { get; set; }
    public decimal? SatisfactionPercent { get; set; }
    public int? SurveyRespondents { get; set; }
    public string? SurveyDocument { get; set; }
    public DateTimeOffset ImportedAt { get; set; }
}

/// <summary>A county's scorecard frozen when an evaluation closed: never updated afterwards.</summary>
public sealed class EvaluationSnapshot
{
    public Guid RoundId { get; init; }
    public required string CountyCode { get; init; }
    public required string Scorecard { get; init; }
    public DateTimeOffset FrozenAt { get; init; }
}

/// <summary>
/// A change to a county's data since its cached scorecards were refreshed: appended in the same
/// transaction as the change (insert-only, so consumers never wait on each other), and removed by the
/// refresher once Redis has dropped the county's cached scorecards — a refresh is never lost to an outage.
/// </summary>
public sealed class CountyChange
{
    public long Id { get; init; }
    public required string CountyCode { get; init; }
}

/// <summary>
/// A department event as inspection consumed it: kept so the read models can be rebuilt from scratch by
/// replaying them (after a fix to how an event is applied, or a new read model).
/// </summary>
public sealed class ConsumedEvent
{
    public long Id { get; init; }
    public Guid MessageId { get; init; }
    public required string Type { get; init; }
    public required string Body { get; init; }
    public DateTimeOffset ReceivedAt { get; init; }
    public string? CountyCode { get; init; }
    /// <summary>Who submitted the figure the event reports (JSON: subject, department, county), when a request did.</summary>
    public string? Actor { get; init; }
}

/// <summary>
/// A what-if scenario saved under a name for a county (POST …/scenarios computes one and stores nothing): its changes, as
/// posted, so it can be re-run on newer data, exported and deleted.
/// </summary>
public sealed class SavedScenario
{
    public const int MaxName = 100, MaxPerCounty = 200;

    public required string CountyCode { get; init; }
    public required string Name { get; init; }
    public int Year { get; set; }
    /// <summary>The changes as a JSON array of <c>ScenarioChange</c> (the scenario API's own shape).</summary>
    public required string Changes { get; set; }
    public required string SavedBy { get; set; }
    public DateTimeOffset SavedAt { get; set; }
}
