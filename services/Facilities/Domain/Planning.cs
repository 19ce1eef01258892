using EduPlatform.Contracts.Facilities;
using EduPlatform.Kernel;
using EduPlatform.Registry;

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

/// <summary>One item of a layout plan as sent, before it is checked.</summary>
public sealed record LayoutPlanRow(string? SchoolCode, string? PlannedName, string? Action, int? TargetYear, string? PlannedLocation,
    string? PlannedType);

/// <summary>What a county's layout plan may say: each item an action and a target year; a new school with its name, location and type.</summary>
public static class LayoutPlanRules
{
    private static readonly IReadOnlyDictionary<string, LayoutAction> ChineseActions = new Dictionary<string, LayoutAction>
    {
        ["保留"] = LayoutAction.Keep, ["新建"] = LayoutAction.Build, ["撤并"] = LayoutAction.MergeClose, ["恢复"] = LayoutAction.Restore,
    };

    /// <summary>
    /// The plan's items, each checked: "build" names a planned school (no code yet, its planned location and type), the other
    /// actions a registered school of <paramref name="county"/>, once, and "keep" an operating one. Faults go to <paramref name="problems"/>.
    /// </summary>
    public static List<LayoutPlanItem> Validate(string county, IReadOnlyList<Located<LayoutPlanRow>> rows,
        IReadOnlyDictionary<string, School> schools, Problems problems)
    {
        var items = new List<LayoutPlanItem>();
        var seen = new HashSet<string>();
        foreach (var (where, row) in rows)
        {
            var action = problems.Enum(where, "action", row.Action, ChineseActions);
            var year = problems.Required(where, "targetYear", row.TargetYear);
            if (year is < Codes.FirstYear or > Codes.LastYear)
            {
                problems.Error(where, "targetYear", $"targetYear is a year between {Codes.FirstYear} and {Codes.LastYear}.");
            }
            Location? location = null;
            SchoolType? type = null;
            if (action == LayoutAction.Build)
            {
                problems.Name(where, "plannedName", row.PlannedName, 100);
                if (row.SchoolCode is not null)
                {
                    problems.Error(where, "schoolCode", "A planned new school has no school code yet; register it when it opens.");
                }
                location = problems.Enum(where, "plannedLocation", row.PlannedLocation, SchoolTypes.ChineseLocations);
                type = problems.Enum(where, "plannedType", row.PlannedType, SchoolTypes.ChineseNames);
            }
            else if (action is not null)
            {
                if (string.IsNullOrWhiteSpace(row.SchoolCode) || !schools.TryGetValue(row.SchoolCode, out var school))
                {
                    problems.Error(where, "schoolCode", $"'{row.SchoolCode}' is not a registered school.");
                }
                else if (school.CountyCode != county)
                {
                    problems.Error(where, "schoolCode", $"School {school.Code} belongs to county {school.CountyCode}.");
                }
                else if (!seen.Add(school.Code))
                {
                    problems.Error(where, "schoolCode", $"School {school.Code} appears twice in the plan.");
                }
                else if (action == LayoutAction.Keep && school.Status == SchoolStatus.Closed)
                {
                    problems.Error(where, "action", $"School {school.Code} is closed; the plan cannot keep it (restore it instead).");
                }
            }
            if (action is { } a && year is { } y)
            {
                items.Add(new LayoutPlanItem
                {
                    Id = Guid.CreateVersion7(), CountyCode = county, SchoolCode = a == LayoutAction.Build ? null : row.SchoolCode,
                    PlannedName = a == LayoutAction.Build ? row.PlannedName?.Trim() : null, Action = a, TargetYear = y,
                    PlannedLocation = location, PlannedType = type,
                });
            }
        }
        return items;
    }
}
