using EduPlatform.Contracts.Facilities;
using EduPlatform.Kernel;

namespace EduPlatform.Inspection.Domain.Indicators;

/// <summary>
/// One change of a what-if scenario, as a county bureau would plan it; kind says which fields apply.
/// teachers: count full-time teachers above the required qualification join school's level, teachers says which
/// (qualified, backbone = 县级以上骨干, pe-art = 体育、艺术专任). building: teachingArea and/or sportsArea (m²) added to the
/// section. equipment: equipmentValue (元) and/or multimediaRooms added to the section. move-students: students of the
/// section move to the same level of school to. merge (撤并): school closes into to, its students, teachers, buildings
/// and equipment with it, each section into the same level of to. split-classes: every class of the section larger than
/// maxSize is split into as few classes of at most maxSize as it takes, its students shared as evenly as whole students go.
/// </summary>
public sealed record ScenarioChange(string? Kind, string? School, string? Level = null, string? Teachers = null, int? Count = null,
    decimal? TeachingArea = null, decimal? SportsArea = null, decimal? EquipmentValue = null, int? MultimediaRooms = null, int? Students = null,
    string? To = null, int? MaxSize = null);

/// <summary>
/// Applies a scenario's changes, in order, to a county's facts: pure, so the scorecard of the changed facts comes from
/// the same engine and standards as the real one. Each change is checked against the facts as the earlier changes
/// left them (a school merged away can no longer be changed); every fault is reported, keyed by the change's place.
/// County-wide teacher figures (pay, certificates, training, honours) stay as they are: a scenario moves school resources.
/// </summary>
public static class Scenarios
{
    /// <summary>More changes than a county bureau would plan at once is a mistake (or an attack), not a plan.</summary>
    public const int MaxChanges = 500;

    // Large enough for any real plan, small enough that no sum of them overflows a decimal or an int.
    public const int MaxCount = 100_000;
    public const decimal MaxArea = 10_000_000m, MaxValue = 100_000_000_000m;

    public static readonly string[] Kinds = ["teachers", "building", "equipment", "move-students", "merge", "split-classes"];

    /// <summary>The smallest class a split may aim at: below it, a "class" is a tutoring group, not a plan.</summary>
    public const int MinClassSize = 10;
    public static readonly string[] TeacherKinds = ["qualified", "backbone", "pe-art"];

    public static CountyYearFacts Apply(CountyYearFacts facts, IReadOnlyList<ScenarioChange?>? changes, Problems problems)
    {
        if (changes is null)
        {
            problems.Error("", "changes", "changes is required (an empty list gives today's scorecard).");
            return facts;
        }
        if (changes.Count > MaxChanges)
        {
            problems.Error("", "changes", $"At most {MaxChanges} changes in one scenario (got {changes.Count}).");
            return facts;
        }
        var state = new State(facts);
        for (var i = 0; i < changes.Count; i++)
        {
            var where = $"changes[{i}]";
            if (changes[i] is not { } change)
            {
                problems.Error(where, "", "A change is an object with a kind.");
                continue;
            }
            var before = problems.Count;
            switch (change.Kind?.Trim())
            {
                case "teachers":
                    AddTeachers(state, change, where, problems, before);
                    break;
                case "building":
                    AddToSection(state, change, where, problems, before, building: true);
                    break;
                case "equipment":
                    AddToSection(state, change, where, problems, before, building: false);
                    break;
                case "move-students":
                    MoveStudents(state, change, where, problems, before);
                    break;
                case "merge":
                    Merge(state, change, where, problems, before);
                    break;
                case "split-classes":
                    SplitClasses(state, change, where, problems, before);
                    break;
                case null or "":
                    problems.Error(where, "kind", $"kind is required: one of {string.Join(", ", Kinds)}.");
                    break;
                default:
                    problems.Error(where, "kind", $"'{change.Kind}' is not one of: {string.Join(", ", Kinds)}.");
                    break;
            }
        }
        return problems.Any ? facts : state.ToFacts();
    }

    private static void AddTeachers(State state, ScenarioChange change, string where, Problems problems, int before)
    {
        var section = Section(state, change, where, problems);
        var kind = change.Teachers?.Trim();
        if (!TeacherKinds.Contains(kind))
        {
            problems.Error(where, "teachers", string.IsNullOrEmpty(kind)
                ? $"teachers is required: one of {string.Join(", ", TeacherKinds)}."
                : $"'{change.Teachers}' is not one of: {string.Join(", ", TeacherKinds)}.");
        }
        var count = Count(change.Count, "count", where, problems);
        if (problems.Count > before || section is not { } s)
        {
            return;
        }
        state.Replace(s, Needs.Of(kind switch { "backbone" => "RA2", "pe-art" => "RA3", _ => "RA1" }, count).ApplyTo(s));
        state.UpdatePlan(s.SchoolCode, p => p with { FullTimeTeachers = p.FullTimeTeachers + count });
    }

    private static void AddToSection(State state, ScenarioChange change, string where, Problems problems, int before, bool building)
    {
        var section = Section(state, change, where, problems);
        decimal first, second;
        if (building)
        {
            first = Amount(change.TeachingArea, "teachingArea", MaxArea, where, problems);
            second = Amount(change.SportsArea, "sportsArea", MaxArea, where, problems);
        }
        else
        {
            first = Amount(change.EquipmentValue, "equipmentValue", MaxValue, where, problems);
            second = change.MultimediaRooms is null ? 0 : Count(change.MultimediaRooms, "multimediaRooms", where, problems);
        }
        if (problems.Count == before && first == 0 && second == 0)
        {
            problems.Error(where, "", building
                ? "A building change adds teachingArea or sportsArea (m², more than 0)."
                : "An equipment change adds equipmentValue (元) or multimediaRooms (more than 0).");
        }
        if (problems.Count > before || section is not { } s)
        {
            return;
        }
        var added = building ? Needs.Of("RA4", first) + Needs.Of("RA5", second) : Needs.Of("RA6", first) + Needs.Of("RA7", second);
        state.Replace(s, added.ApplyTo(s));
    }

    private static void MoveStudents(State state, ScenarioChange change, string where, Problems problems, int before)
    {
        var from = Section(state, change, where, problems);
        var students = Count(change.Students, "students", where, problems);
        var to = Receiving(state, change, where, problems);
        if (from is { } f && to is not null)
        {
            if (state.Section(to, f.Level) is null)
            {
                problems.Error(where, "to", $"School {to} has no {Problems.KebabCase(f.Level)} section to take the students.");
            }
            if (students > f.Students)
            {
                problems.Error(where, "students", $"The section has {f.Students} students; {students} cannot move.");
            }
        }
        if (problems.Count > before || from is not { } source || state.Section(to!, source.Level) is not { } target)
        {
            return;
        }
        state.Replace(source, source with { Students = source.Students - students });
        state.Replace(target, target with { Students = target.Students + students });
        state.UpdateSchool(source.SchoolCode, s => s with { Students = s.Students - students });
        state.UpdateSchool(target.SchoolCode, s => s with { Students = s.Students + students });
        state.UpdatePlan(source.SchoolCode, p => p with { Students = p.Students - students });
        state.UpdatePlan(target.SchoolCode, p => p with { Students = p.Students + students });
    }

    private static void Merge(State state, ScenarioChange change, string where, Problems problems, int before)
    {
        var school = KnownSchool(state, change.School, "school", where, problems);
        var to = Receiving(state, change, where, problems);
        if (school is not null && to is not null)
        {
            foreach (var section in state.Sections.Where(s => s.SchoolCode == school && state.Section(to, s.Level) is null))
            {
                problems.Error(where, "to", $"School {to} has no {Problems.KebabCase(section.Level)} section to take in {school}'s.");
            }
        }
        if (problems.Count > before)
        {
            return;
        }
        foreach (var section in state.Sections.Where(s => s.SchoolCode == school).ToList())
        {
            var target = state.Section(to!, section.Level)!;
            state.Replace(target, target with
            {
                Students = target.Students + section.Students,
                QualifiedTeachers = target.QualifiedTeachers + section.QualifiedTeachers,
                BackboneTeachers = target.BackboneTeachers + section.BackboneTeachers,
                PeAndArtTeachers = target.PeAndArtTeachers + section.PeAndArtTeachers,
                TeachingArea = target.TeachingArea + section.TeachingArea,
                SportsArea = target.SportsArea + section.SportsArea,
                EquipmentValue = target.EquipmentValue + section.EquipmentValue,
                MultimediaClassrooms = target.MultimediaClassrooms + section.MultimediaClassrooms,
                Computers = target.Computers + section.Computers,
                Books = target.Books + section.Books,
                FullTimeTeachers = target.FullTimeTeachers + section.FullTimeTeachers,
                MidRankTeachers = target.MidRankTeachers + section.MidRankTeachers,
            });
            state.Sections.Remove(section);
        }
        var closing = state.Schools[school!];
        state.UpdateSchool(to!, s => s with
        {
            Students = Sum(s.Students, closing.Students),
            PrimaryClasses = Concat(s.PrimaryClasses, closing.PrimaryClasses),
            JuniorClasses = Concat(s.JuniorClasses, closing.JuniorClasses),
            MusicRooms = Concat(s.MusicRooms, closing.MusicRooms),
            ArtRooms = Concat(s.ArtRooms, closing.ArtRooms),
            FundedStudents = Sum(s.FundedStudents, closing.FundedStudents),
            PublicFundsRequired = Sum(s.PublicFundsRequired, closing.PublicFundsRequired),
            PublicFundsAllocated = Sum(s.PublicFundsAllocated, closing.PublicFundsAllocated),
            SpecialEducationRequired = Sum(s.SpecialEducationRequired, closing.SpecialEducationRequired),
            SpecialEducationAllocated = Sum(s.SpecialEducationAllocated, closing.SpecialEducationAllocated),
            TrainingRequired = Sum(s.TrainingRequired, closing.TrainingRequired),
            TrainingAllocated = Sum(s.TrainingAllocated, closing.TrainingAllocated),
            PrimaryAdmission = Sum(s.PrimaryAdmission, closing.PrimaryAdmission),
            JuniorAdmission = Sum(s.JuniorAdmission, closing.JuniorAdmission),
        });
        state.Schools.Remove(school!);
        if (state.Plans.Remove(school!, out var closingPlan))
        {
            state.UpdatePlan(to!, p => p with
            {
                Students = Sum(p.Students, closingPlan.Students),
                Classes = p.Classes + closingPlan.Classes,
                FullTimeTeachers = p.FullTimeTeachers + closingPlan.FullTimeTeachers,
                SubjectsTaught = [.. p.SubjectsTaught.Union(closingPlan.SubjectsTaught)],
                OrdinaryClassrooms = p.OrdinaryClassrooms + closingPlan.OrdinaryClassrooms,
                ClassroomsWithMultimedia = p.ClassroomsWithMultimedia + closingPlan.ClassroomsWithMultimedia,
                ClassesWithBanbantong = p.ClassesWithBanbantong + closingPlan.ClassesWithBanbantong,
                ActiveRenrentongAccounts = p.ActiveRenrentongAccounts + closingPlan.ActiveRenrentongAccounts,
            });
        }
        state.Merged.Add(school!);
    }

    private static void SplitClasses(State state, ScenarioChange change, string where, Problems problems, int before)
    {
        var section = Section(state, change, where, problems);
        if (problems.Required(where, "maxSize", change.MaxSize) is { } max && max is < MinClassSize or > 200)
        {
            problems.Error(where, "maxSize", $"maxSize must be between {MinClassSize} and 200 students (got {max}).");
        }
        if (problems.Count > before || section is not { } s)
        {
            return;
        }
        var school = state.Schools[s.SchoolCode];
        var classes = s.Level == Contracts.Facilities.Section.Primary ? school.PrimaryClasses : school.JuniorClasses;
        if (classes is null)
        {
            problems.Error(where, "level", $"School {s.SchoolCode} has reported no {Problems.KebabCase(s.Level)} class sizes to split.");
            return;
        }
        var maxSize = change.MaxSize!.Value;
        if (!classes.Any(c => c > maxSize))
        {
            problems.Error(where, "maxSize", $"No {Problems.KebabCase(s.Level)} class of school {s.SchoolCode} has more than {maxSize} students.");
            return;
        }
        int[] split = [.. classes.SelectMany(size => Split(size, maxSize))];
        state.UpdateSchool(s.SchoolCode, f => s.Level == Contracts.Facilities.Section.Primary ? f with { PrimaryClasses = split } : f with { JuniorClasses = split });
        state.UpdatePlan(s.SchoolCode, p => p with { Classes = p.Classes + split.Length - classes.Length });
    }

    /// <summary>A class of size students as ⌈size ÷ max⌉ classes, sizes differing by at most one (103 at most 50: 35, 34, 34).</summary>
    public static IEnumerable<int> Split(int size, int max)
    {
        if (size <= max)
        {
            return [size];
        }
        var parts = (size + max - 1) / max;
        return Enumerable.Range(0, parts).Select(i => size / parts + (i < size % parts ? 1 : 0));
    }

    /// <summary>The section a change names (school and level), or null with the fault reported.</summary>
    private static SchoolSection? Section(State state, ScenarioChange change, string where, Problems problems)
    {
        var school = KnownSchool(state, change.School, "school", where, problems);
        var level = problems.Enum<Section>(where, "level", change.Level);
        if (school is null || level is not { } l)
        {
            return null;
        }
        if (state.Section(school, l) is not { } section)
        {
            problems.Error(where, "level", $"School {school} has no {Problems.KebabCase(l)} section.");
            return null;
        }
        return section;
    }

    private static string? Receiving(State state, ScenarioChange change, string where, Problems problems)
    {
        var to = KnownSchool(state, change.To, "to", where, problems);
        if (to is not null && to == change.School?.Trim())
        {
            problems.Error(where, "to", "to names the same school as school.");
            return null;
        }
        return to;
    }

    private static string? KnownSchool(State state, string? code, string field, string where, Problems problems)
    {
        var school = code?.Trim();
        if (string.IsNullOrEmpty(school))
        {
            problems.Error(where, field, $"{field} is required: a school code of the county.");
            return null;
        }
        if (state.Merged.Contains(school))
        {
            problems.Error(where, field, $"School {school} was merged away by an earlier change.");
            return null;
        }
        if (!state.Schools.ContainsKey(school))
        {
            problems.Error(where, field, $"School {school} is not an operating school of county {state.Facts.CountyCode} in {state.Facts.Year}.");
            return null;
        }
        return school;
    }

    private static int Count(int? value, string field, string where, Problems problems)
    {
        if (problems.Required(where, field, value) is not { } v)
        {
            return 0;
        }
        if (v is < 1 or > MaxCount)
        {
            problems.Error(where, field, $"{field} must be between 1 and {MaxCount:N0} (got {v}).");
            return 0;
        }
        return v;
    }

    /// <summary>An optional amount: missing is 0; otherwise more than 0, at most <paramref name="max"/>, to the cent.</summary>
    private static decimal Amount(decimal? value, string field, decimal max, string where, Problems problems)
    {
        if (value is not { } v)
        {
            return 0;
        }
        if (v <= 0 || v > max || decimal.Round(v, 2) != v)
        {
            problems.Error(where, field, $"{field} must be more than 0 and at most {max:N0}, with at most two decimals (got {v}).");
            return 0;
        }
        return v;
    }

    private static int? Sum(int? a, int? b) => a is null && b is null ? null : (a ?? 0) + (b ?? 0);

    private static decimal? Sum(decimal? a, decimal? b) => a is null && b is null ? null : (a ?? 0) + (b ?? 0);

    private static (int, int)? Sum((int Admitted, int FromCatchment)? a, (int Admitted, int FromCatchment)? b) =>
        a is null && b is null ? null : ((a?.Admitted ?? 0) + (b?.Admitted ?? 0), (a?.FromCatchment ?? 0) + (b?.FromCatchment ?? 0));

    private static T[]? Concat<T>(T[]? a, T[]? b) => a is null && b is null ? null : [.. a ?? [], .. b ?? []];

    /// <summary>The facts as the changes so far left them; the county's order of schools and sections is kept.</summary>
    private sealed class State(CountyYearFacts facts)
    {
        public CountyYearFacts Facts { get; } = facts;
        public List<SchoolSection> Sections { get; } = [.. facts.Sections];
        public Dictionary<string, SchoolFacts> Schools { get; } = facts.Schools.ToDictionary(s => s.Code);
        public Dictionary<string, SchoolPlanFacts> Plans { get; } = facts.Plan.Schools.ToDictionary(s => s.Code);
        public HashSet<string> Merged { get; } = [];

        public SchoolSection? Section(string school, Section level) => Sections.FirstOrDefault(s => s.SchoolCode == school && s.Level == level);

        public void Replace(SchoolSection old, SchoolSection changed) => Sections[Sections.IndexOf(old)] = changed;

        public void UpdateSchool(string code, Func<SchoolFacts, SchoolFacts> change) => Schools[code] = change(Schools[code]);

        public void UpdatePlan(string code, Func<SchoolPlanFacts, SchoolPlanFacts> change)
        {
            if (Plans.TryGetValue(code, out var plan))
            {
                Plans[code] = change(plan);
            }
        }

        public CountyYearFacts ToFacts() => Facts with
        {
            Sections = [.. Sections],
            Schools = [.. Facts.Schools.Where(s => Schools.ContainsKey(s.Code)).Select(s => Schools[s.Code])],
            Plan = Facts.Plan with { Schools = [.. Facts.Plan.Schools.Where(s => Plans.ContainsKey(s.Code)).Select(s => Plans[s.Code])] },
            Presence = [.. Facts.Presence.Where(p => !Merged.Contains(p.SchoolCode))],
        };
    }
}
