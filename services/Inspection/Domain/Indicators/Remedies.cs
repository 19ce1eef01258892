using EduPlatform.Contracts.Facilities;
using EduPlatform.Kernel;

namespace EduPlatform.Inspection.Domain.Indicators;

/// <summary>
/// What one unit of each remedy costs, in 元 (configuration <c>Inspection:UnitCosts</c>): a teacher for a year by kind, a m²
/// of teaching or sports building, a networked multimedia classroom. Equipment is priced at its value (1 元 per 元).
/// </summary>
public sealed record UnitCosts(decimal QualifiedTeacherYear, decimal BackboneTeacherYear, decimal PeArtTeacherYear, decimal TeachingAreaM2,
    decimal SportsAreaM2, decimal MultimediaRoom)
{
    public static readonly UnitCosts Default = new(120_000m, 150_000m, 120_000m, 3_000m, 400m, 60_000m);

    public static UnitCosts From(IConfiguration configuration)
    {
        var section = configuration.GetSection("Inspection:UnitCosts");
        decimal Read(string name, decimal fallback) => section.GetValue<decimal?>(name) is > 0 and var value ? value : fallback;
        return new UnitCosts(Read(nameof(QualifiedTeacherYear), Default.QualifiedTeacherYear), Read(nameof(BackboneTeacherYear), Default.BackboneTeacherYear),
            Read(nameof(PeArtTeacherYear), Default.PeArtTeacherYear), Read(nameof(TeachingAreaM2), Default.TeachingAreaM2),
            Read(nameof(SportsAreaM2), Default.SportsAreaM2), Read(nameof(MultimediaRoom), Default.MultimediaRoom));
    }
}

/// <summary>A change of a remedy with its cost and the reason it is there ("RA4 to its threshold", "RA2 CV").</summary>
public sealed record PricedChange(ScenarioChange Change, decimal Cost, string Reason);

/// <param name="Changes">The remedy as a scenario's changes: re-run them through the scenario API to check it.</param>
/// <param name="Baseline">The simple baseline: every failing school brought up to every threshold (no 85 % allowance, no balance pass).</param>
public sealed record RemedyPlan(string Method, UnitCosts UnitCosts, PricedChange[] Changes, decimal Cost, PricedChange[] Baseline, decimal BaselineCost);

/// <summary>
/// The cheapest changes of the scenario kinds this service can find that make every 资源配置 line pass. Method: (1) each
/// failing school section is brought to pass at least cost — every value to its threshold but the one whose last 15 % is
/// dearest, which is brought to 85 % (all eight choices priced, the cheapest kept; backbone and PE/art teachers also count
/// towards RA1, so they are placed first); (2) then, for each RA CV still above its limit, the school furthest below the
/// county value is lifted to it, one school at a time, until the CV is within the limit.
/// </summary>
public static class Remedies
{
    private const int MaxBalanceSteps = 10_000;

    public const string Method = "per failing section: every value to its threshold except the one whose last 15 % costs most, brought to 85 % "
        + "(the cheapest of the eight choices); then, for each CV above its limit, the school furthest below the county value lifted to it, "
        + "one at a time, until within the limit";

    public static RemedyPlan Plan(CountyYearFacts facts, StandardSet standard, UnitCosts costs)
    {
        var remedy = new Work(facts.Sections, costs);
        var baseline = new Work(facts.Sections, costs);
        foreach (var level in new[] { Section.Primary, Section.Junior })
        {
            foreach (var failing in ResourceIndicators.Evaluate(level, facts.Sections, standard).SchoolResults.Where(r => !r.Passes))
            {
                var section = facts.Sections.Single(s => s.SchoolCode == failing.SchoolCode && s.Level == level);
                var cheapest = new string?[] { null }.Concat(ResourceIndicators.Definitions.Select(d => d.Code))
                    .Select(relaxed => Lacking(section, standard, relaxed))
                    .MinBy(needs => costs.Of(needs));
                remedy.Add(section, cheapest!, "to pass (6 of 7 at the threshold, the 7th at ≥ 85 %)");
                baseline.Add(section, Lacking(section, standard, null), "every value to its threshold");
            }
            Balance(remedy, level, standard);
        }
        return new RemedyPlan(Method, costs, remedy.Changes(), remedy.Cost, baseline.Changes(), baseline.Cost);
    }

    /// <summary>What a section lacks for every value to reach its threshold, the <paramref name="relaxed"/> one only 85 % of it.</summary>
    private static Needs Lacking(SchoolSection s, StandardSet standard, string? relaxed)
    {
        decimal Target(string code) => standard.Threshold(code, s.Level) * (code == relaxed ? standard.RemainderShare : 1m);
        int Teachers(string code, int have) => Math.Max(0, (int)Math.Ceiling(Target(code) * s.Students / 100m) - have);
        decimal Amount(string code, decimal have) => Math.Max(0m, Math.Ceiling(Target(code) * s.Students * 100m) / 100m - have);
        var backbone = Teachers("RA2", s.BackboneTeachers);
        var peArt = Teachers("RA3", s.PeAndArtTeachers);
        return new Needs(Teachers("RA1", s.QualifiedTeachers + backbone + peArt), backbone, peArt, Amount("RA4", s.TeachingArea),
            Amount("RA5", s.SportsArea), Amount("RA6", s.EquipmentValue), Teachers("RA7", s.MultimediaClassrooms));
    }

    /// <summary>For each RA CV above its limit, lifts the school furthest below the county value to it until the CV is within the limit.</summary>
    private static void Balance(Work work, Section level, StandardSet standard)
    {
        var limit = standard.Limit(level);
        // Lifting one value can spread another (a backbone teacher is also one more above the required qualification):
        // the pass is repeated while it changes something.
        for (var round = 0; round < 5 && BalanceOnce(work, level, standard, limit); round++)
        {
        }
    }

    private static bool BalanceOnce(Work work, Section level, StandardSet standard, double limit)
    {
        var changed = false;
        foreach (var (code, _, quantity, scale) in ResourceIndicators.Definitions)
        {
            for (var step = 0; step < MaxBalanceSteps; step++)
            {
                var scope = work.Sections.Where(s => s.Level == level && s.Students > 0 && ResourceIndicators.InScope(s, standard)).ToList();
                var cv = WeightedCv.Compute(scope.Select(s => new SchoolQuantity(s.SchoolCode, s.Students, quantity(s))), scale);
                if (cv.Cv is not { } value || value <= limit)
                {
                    break;
                }
                var lowest = scope.MinBy(s => quantity(s) / s.Students)!;
                // The quantity that brings it to the county value (at least one unit), in the section's own units.
                var wanted = (decimal)cv.PooledValue * lowest.Students / scale - quantity(lowest);
                var add = code is "RA4" or "RA5" or "RA6" ? Math.Max(0.01m, Math.Ceiling(wanted * 100m) / 100m) : Math.Max(1m, Math.Ceiling(wanted));
                work.Add(lowest, Needs.Of(code, add), $"{code} CV above {limit:0.00}");
                changed = true;
            }
        }
        return changed;
    }

    private sealed class Work(IReadOnlyList<SchoolSection> sections, UnitCosts costs)
    {
        private readonly Dictionary<(string School, Section Level), (Needs Needs, List<string> Reasons)> _added = [];

        public List<SchoolSection> Sections { get; } = [.. sections];

        public decimal Cost => _added.Values.Sum(a => costs.Of(a.Needs));

        public void Add(SchoolSection section, Needs needs, string reason)
        {
            if (needs.IsEmpty)
            {
                return;
            }
            var key = (section.SchoolCode, section.Level);
            var (sum, reasons) = _added.GetValueOrDefault(key, (new Needs(0, 0, 0, 0, 0, 0, 0), []));
            if (!reasons.Contains(reason))
            {
                reasons.Add(reason);
            }
            _added[key] = (sum + needs, reasons);
            var i = Sections.FindIndex(s => s.SchoolCode == section.SchoolCode && s.Level == section.Level);
            Sections[i] = needs.ApplyTo(Sections[i]);
        }

        /// <summary>The additions as scenario changes, one per kind and section, each priced.</summary>
        public PricedChange[] Changes() => [.. _added.SelectMany(entry =>
        {
            var ((school, level), (n, reasons)) = (entry.Key, entry.Value);
            var why = string.Join("; ", reasons);
            var name = Problems.KebabCase(level);
            var changes = new List<PricedChange>();
            void Teachers(string kind, int count, decimal unit)
            {
                if (count > 0)
                {
                    changes.Add(new PricedChange(new ScenarioChange("teachers", school, name, kind, count), count * unit, why));
                }
            }
            Teachers("qualified", n.Qualified, costs.QualifiedTeacherYear);
            Teachers("backbone", n.Backbone, costs.BackboneTeacherYear);
            Teachers("pe-art", n.PeArt, costs.PeArtTeacherYear);
            if (n.TeachingArea > 0 || n.SportsArea > 0)
            {
                changes.Add(new PricedChange(new ScenarioChange("building", school, name, TeachingArea: n.TeachingArea > 0 ? n.TeachingArea : null,
                    SportsArea: n.SportsArea > 0 ? n.SportsArea : null), n.TeachingArea * costs.TeachingAreaM2 + n.SportsArea * costs.SportsAreaM2, why));
            }
            if (n.EquipmentValue > 0 || n.MultimediaRooms > 0)
            {
                changes.Add(new PricedChange(new ScenarioChange("equipment", school, name, EquipmentValue: n.EquipmentValue > 0 ? n.EquipmentValue : null,
                    MultimediaRooms: n.MultimediaRooms > 0 ? n.MultimediaRooms : null), n.EquipmentValue + n.MultimediaRooms * costs.MultimediaRoom, why));
            }
            return changes;
        })];
    }
}

/// <summary>What a section is given: teachers by kind (each also above the required qualification), m², 元 and rooms.</summary>
internal sealed record Needs(int Qualified, int Backbone, int PeArt, decimal TeachingArea, decimal SportsArea, decimal EquipmentValue, int MultimediaRooms)
{
    public bool IsEmpty => this == new Needs(0, 0, 0, 0, 0, 0, 0);

    public static Needs operator +(Needs a, Needs b) => new(a.Qualified + b.Qualified, a.Backbone + b.Backbone, a.PeArt + b.PeArt,
        a.TeachingArea + b.TeachingArea, a.SportsArea + b.SportsArea, a.EquipmentValue + b.EquipmentValue, a.MultimediaRooms + b.MultimediaRooms);

    /// <summary>The addition that raises indicator <paramref name="code"/>'s quantity by <paramref name="amount"/>.</summary>
    public static Needs Of(string code, decimal amount) => code switch
    {
        "RA1" => new((int)amount, 0, 0, 0, 0, 0, 0),
        "RA2" => new(0, (int)amount, 0, 0, 0, 0, 0),
        "RA3" => new(0, 0, (int)amount, 0, 0, 0, 0),
        "RA4" => new(0, 0, 0, amount, 0, 0, 0),
        "RA5" => new(0, 0, 0, 0, amount, 0, 0),
        "RA6" => new(0, 0, 0, 0, 0, amount, 0),
        "RA7" => new(0, 0, 0, 0, 0, 0, (int)amount),
        _ => throw new ArgumentOutOfRangeException(nameof(code), code, "not a resource indicator"),
    };

    /// <summary>What a scenario's change does to a section (<see cref="Scenarios"/> and the planner alike): every added teacher is full-time and above the required qualification.</summary>
    public SchoolSection ApplyTo(SchoolSection s) => s with
    {
        FullTimeTeachers = s.FullTimeTeachers + Qualified + Backbone + PeArt,
        QualifiedTeachers = s.QualifiedTeachers + Qualified + Backbone + PeArt,
        BackboneTeachers = s.BackboneTeachers + Backbone,
        PeAndArtTeachers = s.PeAndArtTeachers + PeArt,
        TeachingArea = s.TeachingArea + TeachingArea,
        SportsArea = s.SportsArea + SportsArea,
        EquipmentValue = s.EquipmentValue + EquipmentValue,
        MultimediaClassrooms = s.MultimediaClassrooms + MultimediaRooms,
    };
}

internal static class UnitCostsExtensions
{
    public static decimal Of(this UnitCosts c, Needs n) => n.Qualified * c.QualifiedTeacherYear + n.Backbone * c.BackboneTeacherYear
        + n.PeArt * c.PeArtTeacherYear + n.TeachingArea * c.TeachingAreaM2 + n.SportsArea * c.SportsAreaM2 + n.EquipmentValue
        + n.MultimediaRooms * c.MultimediaRoom;
}
