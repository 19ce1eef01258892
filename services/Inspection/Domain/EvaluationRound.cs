namespace EduPlatform.Inspection.Domain;

/// <summary>The city's mid-term (中期评估) or final (终期总结) evaluation of one school year.</summary>
public sealed class EvaluationRound
{
    public Guid Id { get; init; }
    public required EvaluationKind Kind { get; init; }
    public required int SchoolYear { get; init; }
    public required DateOnly AsOf { get; init; }
    public DateTimeOffset OpenedAt { get; init; }
    /// <summary>When closing was asked for; the counties' snapshots are taken from then (EvaluationCloser) until <see cref="ClosedAt"/>.</summary>
    public DateTimeOffset? ClosingSince { get; set; }
    public DateTimeOffset? ClosedAt { get; set; }
}

public enum EvaluationKind
{
    MidTerm,
    Final,
}
