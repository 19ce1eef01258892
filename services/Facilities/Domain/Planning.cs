using EduPlatform.Contracts.Facilities;
using EduPlatform.Kernel;

namespace EduPlatform.Facilities.Domain;

/// <summary>A county's school layout plan (义务教育学校布局专项规划); revised as a whole.</summary>
public sealed class LayoutPlan
{
    public required string CountyCode { get; init; }
    public string? DocumentReference { get; set; }
    public long Version { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }
    public List<LayoutPlanItem> Items { get; init; } = [];
}

/// <summary>What the plan intends for one existing school, or a planned new school (no code yet).</summary>
public sealed class LayoutPlanItem
{
    public Guid Id { get; init; }
    public required string CountyCode { get; init; }
    public string? SchoolCode { get; init; }
    public string? PlannedName { get; init; }
    public LayoutAction Action { get; init; }
    public int TargetYear { get; init; }
    public Location? PlannedLocation { get; init; }
    public SchoolType? PlannedType { get; init; }
}

/// <summary>A closure (撤并) or restoration (恢复办学) going through its five statutory steps.</summary>
public sealed class Procedure
{
    public Guid Id { get; init; }
    public required string SchoolCode { get; init; }
    public required string CountyCode { get; init; }
    public ProcedureKind Kind { get; init; }
    /// <summary>For a closure: the school that takes the students in (先建后撤).</summary>
    public string? ReceivingSchoolCode { get; init; }
    public DateTimeOffset OpenedAt { get; init; }
    public DateTimeOffset? CompletedAt { get; set; }
    public DateOnly? EffectiveDate { get; set; }
    public List<ProcedureStepRecord> Steps { get; init; } = [];

    public static readonly ProcedureStep[] Order =
        [ProcedureStep.Plan, ProcedureStep.Assessment, ProcedureStep.Publicity, ProcedureStep.Hearing, ProcedureStep.Approval];

    public static readonly IReadOnlyDictionary<ProcedureStep, string> ChineseNames = new Dictionary<ProcedureStep, string>
    {
        [ProcedureStep.Plan] = "制定方案", [ProcedureStep.Assessment] = "论证", [ProcedureStep.Publicity] = "公示",
        [ProcedureStep.Hearing] = "听证", [ProcedureStep.Approval] = "报批",
    };

    public static int Number(ProcedureStep step) => Array.IndexOf(Order, step) + 1;

    public ProcedureStep? NextStep => Steps.Count < Order.Length ? Order[Steps.Count] : null;

    public ProcedureStepRecord? Recorded(ProcedureStep step) => Steps.FirstOrDefault(s => s.Step == step);

    /// <summary>Why the step cannot be recorded now, or null if it can. A repeat of a recorded step is not a fault.</summary>
    public string? RefuseStep(ProcedureStep step, DateOnly date)
    {
        if (CompletedAt is not null)
        {
            return "The procedure is completed; its steps can no longer change.";
        }
        if (Recorded(step) is not null)
        {
            return $"Step {ChineseNames[step]} ({Problems.KebabCase(step)}) is already recorded with another date or document.";
        }
        if (NextStep != step)
        {
            return $"Steps run 制定方案 → 论证 → 公示 → 听证 → 报批; the next step is {ChineseNames[NextStep!.Value]} ({Problems.KebabCase(NextStep.Value)}), not {ChineseNames[step]}.";
        }
        var previous = Steps.OrderBy(s => Number(s.Step)).LastOrDefault();
        if (previous is not null && date < previous.Date)
        {
            return $"{ChineseNames[step]} on {date:yyyy-MM-dd} would come before {ChineseNames[previous.Step]} on {previous.Date:yyyy-MM-dd}.";
        }
        return null;
    }

    /// <summary>Why the procedure cannot take effect, or null. <paramref name="receiving"/> is the receiving school's status now.</summary>
    public string? RefuseCompletion(DateOnly effectiveDate, SchoolStatus? receiving)
    {
        var missing = Order.Where(s => Recorded(s) is null).Select(s => ChineseNames[s]).ToList();
        if (missing.Count > 0)
        {
            return $"All five steps must be recorded first; missing: {string.Join(", ", missing)}.";
        }
        if (effectiveDate < Recorded(ProcedureStep.Approval)!.Date)
        {
            return "A closure or restoration takes effect on or after its approval (报批) date.";
        }
        if (Kind == ProcedureKind.Closure && receiving != SchoolStatus.Operating)
        {
            return $"先建后撤: the receiving school {ReceivingSchoolCode} must be operating before this school closes.";
        }
        return null;
    }
}

public sealed class ProcedureStepRecord
{
    public Guid ProcedureId { get; init; }
    public ProcedureStep Step { get; init; }
    public DateOnly Date { get; init; }
    public required string DocumentReference { get; init; }
    public DateTimeOffset RecordedAt { get; init; }
}
