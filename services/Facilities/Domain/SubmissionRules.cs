using EduPlatform.Contracts.Facilities;
using EduPlatform.Kernel;
using EduPlatform.Registry;

namespace EduPlatform.Facilities.Domain;

public sealed record FacilityReturnRow(
    string? SchoolCode,
    string? Section,
    decimal? TeachingAuxiliaryArea,
    decimal? SportsGroundArea,
    decimal? SportsHallArea,
    decimal? EquipmentValue,
    int? MultimediaClassrooms,
    int? Computers,
    int? Books,
    decimal[]? MusicRoomAreas,
    decimal[]? ArtRoomAreas,
    decimal? BroadbandMbps,
    int? OrdinaryClassrooms,
    int? ClassroomsWithMultimedia,
    int? ClassesWithBanbantong,
    int? ActiveRenrentongAccounts);

public sealed record ClassRow(string? SchoolCode, int? Grade, int? Number, int? Students);

public sealed record BoardingLogisticsRow(
    string? SchoolCode, bool? Canteen, bool? Dormitory, bool? DrinkingWater, bool? Bathing, bool? Toilets, bool? WasteHandling);

/// <summary>A county's submission for one school year: any of its three parts.</summary>
public sealed record SubmissionRows(
    IReadOnlyList<Located<FacilityReturnRow>> Returns,
    IReadOnlyList<Located<ClassRow>> Classes,
    IReadOnlyList<Located<BoardingLogisticsRow>> Boarding);

/// <summary>Limits a clerk's figures are checked against, and class sizes the planner watches; configuration "Facilities:Limits".</summary>
public sealed class SubmissionLimits
{
    /// <summary>No real class is larger; above this a figure is a typing error, not an overcrowded class.</summary>
    public int MaxClassSize { get; set; } = 120;
    public int MaxClassNumber { get; set; } = 99;
    public decimal MaxRoomArea { get; set; } = 2000m;
    public decimal MaxBroadbandMbps { get; set; } = 100_000m;

    /// <summary>A per-student figure below this share of the county's median is flagged (accepted, with a warning).</summary>
    public decimal OutlierShareOfMedian { get; set; } = 0.25m;
    public int MinSchoolsToCompare { get; set; } = 4;

    // Class-size figures the planner's queries report against (the inspection service applies its own standard set).
    public int PrimaryClassLimit { get; set; } = 45;
    public int JuniorClassLimit { get; set; } = 50;
    public int LargeClass { get; set; } = 56;
    public int SuperLargeClass { get; set; } = 66;
}

/// <summary>What the county already has stored for the school year: used for cross-checks and warnings.</summary>
public sealed record StoredYear(
    IReadOnlyDictionary<(string School, Section Section), FacilityFigures> Returns,
    IReadOnlyDictionary<(string School, Section Section), (int Classes, int Students)> Classes);

public sealed record ValidReturn(string SchoolCode, Section Section, FacilityFigures Figures);
public sealed record ValidClass(string SchoolCode, Section Section, int Grade, int Number, int Students);
public sealed record ValidBoarding(string SchoolCode, bool Canteen, bool Dormitory, bool DrinkingWater, bool Bathing, bool Toilets, bool WasteHandling);

public sealed record ValidSubmission(
    IReadOnlyList<ValidReturn> Returns,
    IReadOnlyList<ValidClass> Classes,
    IReadOnlyCollection<string> SchoolsWithClasses,
    IReadOnlyList<ValidBoarding> Boarding);

/// <summary>
/// Checks a county's annual submission as a whole: every fault in every row is reported, and only
/// a submission without faults is accepted. Pure: the registry and stored figures come in as data.
/// </summary>
public static class SubmissionRules
{
    public static (ValidSubmission? Submission, Problems Problems) Validate(
        string countyCode, SubmissionRows rows, IReadOnlyDictionary<string, RegistrySchool> registry,
        StoredYear stored, SubmissionLimits limits)
    {
        var problems = new Problems();
        var classes = ValidateClasses(countyCode, rows.Classes, registry, limits, problems);
        var classTotals = ClassTotals(classes, stored);
        var returns = ValidateReturns(countyCode, rows.Returns, registry, classTotals, limits, problems);
        var boarding = ValidateBoarding(countyCode, rows.Boarding, registry, problems);
        if (problems.Any)
        {
            return (null, problems);
        }
        WarnAboutOutliers(returns, classTotals, stored, limits, problems);
        return (new ValidSubmission(returns.Select(r => r.Valid).ToList(), classes.Select(c => c.Valid).ToList(),
            classes.Select(c => c.Valid.SchoolCode).ToHashSet(), boarding), problems);
    }

    private static List<(string Where, ValidClass Valid)> ValidateClasses(string countyCode,
        IReadOnlyList<Located<ClassRow>> rows, IReadOnlyDictionary<string, RegistrySchool> registry,
        SubmissionLimits limits, Problems problems)
    {
        var valid = new List<(string, ValidClass)>(rows.Count);
        var seen = new Dictionary<(string, int, int), string>();
        foreach (var (where, row) in rows)
        {
            var school = RegistryChecks.School(where, row.SchoolCode, countyCode, registry, problems);
            var grade = RegistryChecks.Grade(where, problems.Required(where, "grade", row.Grade), school, problems);
            var number = problems.Required(where, "number", row.Number);
            var students = problems.Required(where, "students", row.Students);
            if (number is < 1 || number > limits.MaxClassNumber)
            {
                problems.Error(where, "number", $"A class number runs from 1 to {limits.MaxClassNumber} (got {number}).");
            }
            if (students is < 1 || students > limits.MaxClassSize)
            {
                problems.Error(where, "students",
                    $"A class has 1 to {limits.MaxClassSize} students (got {students}); check for a typing error.");
            }
            if (school is null || grade is not { } gr || number is not { } n || students is not { } s)
            {
                continue;
            }
            if (seen.TryGetValue((school.Code, gr, n), out var first1))
            {
                problems.Error(where, "number", $"Grade {gr} class {n} of school {school.Code} is listed twice (also at {first1}).");
                continue;
            }
            seen[(school.Code, gr, n)] = where;
            valid.Add((where, new ValidClass(school.Code, SchoolTypes.SectionOfGrade(gr), gr, n, s)));
        }
        // A school's class list is its whole list for the year: a through-train school lists both sections.
        foreach (var bySchool in valid.GroupBy(c => c.Item2.SchoolCode))
        {
            RegistryChecks.AllSections(bySchool.First().Item1, "grade", registry[bySchool.Key], bySchool.Select(c => c.Item2.Section),
                "class list", problems);
        }
        return valid;
    }

    private static Dictionary<(string, Section), (int Classes, int Students)> ClassTotals(
        List<(string Where, ValidClass Valid)> classes, StoredYear stored)
    {
        var totals = new Dictionary<(string, Section), (int Classes, int Students)>(stored.Classes);
        // Schools in this submission are replaced whole, sections they no longer list included.
        foreach (var school in classes.Select(c => c.Valid.SchoolCode).Distinct())
        {
            totals.Remove((school, Section.Primary));
            totals.Remove((school, Section.Junior));
        }
        foreach (var group in classes.GroupBy(c => (c.Valid.SchoolCode, c.Valid.Section)))
        {
            totals[group.Key] = (group.Count(), group.Sum(c => c.Valid.Students));
        }
        return totals;
    }

    private static List<(string Where, ValidReturn Valid)> ValidateReturns(string countyCode,
        IReadOnlyList<Located<FacilityReturnRow>> rows, IReadOnlyDictionary<string, RegistrySchool> registry,
        Dictionary<(string, Section), (int Classes, int Students)> classTotals, SubmissionLimits limits, Problems problems)
    {
        var valid = new List<(string, ValidReturn)>(rows.Count);
        var seen = new Dictionary<(string, Section), string>();
        var sectionsOf = new Dictionary<string, (string Where, RegistrySchool School, HashSet<Section> Sections)>();
        foreach (var (where, row) in rows)
        {
            var school = RegistryChecks.School(where, row.SchoolCode, countyCode, registry, problems);
            var section = problems.Enum<Section>(where, "section", row.Section);
            if (school is not null && section is { } sec && !SchoolTypes.HasSection(school.Type, sec))
            {
                problems.Error(where, "section", $"A {Problems.KebabCase(school.Type)} school has no {Problems.KebabCase(sec)} section.");
                section = null;
            }
            var figures = Figures(where, row, limits, problems);
            if (school is null || section is not { } s)
            {
                continue;
            }
            if (seen.TryGetValue((school.Code, s), out var earlier))
            {
                problems.Error(where, "section", $"The {Problems.KebabCase(s)} return of school {school.Code} is given twice (also at {earlier}).");
                continue;
            }
            seen[(school.Code, s)] = where;
            if (!sectionsOf.TryGetValue(school.Code, out var entry))
            {
                sectionsOf[school.Code] = entry = (where, school, []);
            }
            entry.Sections.Add(s);
            if (figures is null)
            {
                continue;
            }
            if (classTotals.TryGetValue((school.Code, s), out var known) && figures.ClassesWithBanbantong > known.Classes)
            {
                problems.Error(where, "classesWithBanbantong",
                    $"{figures.ClassesWithBanbantong} classes with 班班通 access, but the {Problems.KebabCase(s)} section has {known.Classes} classes.");
                continue;
            }
            valid.Add((where, new ValidReturn(school.Code, s, figures)));
        }
        foreach (var (where, school, sections) in sectionsOf.Values)
        {
            RegistryChecks.AllSections(where, "section", school, sections, "facility return (one per section)", problems);
        }
        return valid;
    }

    private static FacilityFigures? Figures(string where, FacilityReturnRow row, SubmissionLimits limits, Problems problems)
    {
        var before = problems.Count;
        var teaching = problems.NotNegative(where, "teachingAuxiliaryArea", row.TeachingAuxiliaryArea, Bounds.Area);
        var ground = problems.NotNegative(where, "sportsGroundArea", row.SportsGroundArea, Bounds.Area);
        var hall = problems.NotNegative(where, "sportsHallArea", row.SportsHallArea, Bounds.Area);
        var equipment = problems.NotNegative(where, "equipmentValue", row.EquipmentValue, Bounds.SchoolMoney);
        var multimedia = problems.NotNegative(where, "multimediaClassrooms", row.MultimediaClassrooms, Bounds.Things);
        var computers = problems.NotNegative(where, "computers", row.Computers, Bounds.Things);
        var books = problems.NotNegative(where, "books", row.Books, Bounds.Things);
        var broadband = problems.NotNegative(where, "broadbandMbps", row.BroadbandMbps, Bounds.Bandwidth);
        var ordinary = problems.NotNegative(where, "ordinaryClassrooms", row.OrdinaryClassrooms, Bounds.Things);
        var equipped = problems.NotNegative(where, "classroomsWithMultimedia", row.ClassroomsWithMultimedia, Bounds.Things);
        var banbantong = problems.NotNegative(where, "classesWithBanbantong", row.ClassesWithBanbantong, Bounds.Things);
        var renrentong = problems.NotNegative(where, "activeRenrentongAccounts", row.ActiveRenrentongAccounts, Bounds.Things);
        Rooms(where, "musicRoomAreas", row.MusicRoomAreas, limits, problems);
        Rooms(where, "artRoomAreas", row.ArtRoomAreas, limits, problems);
        if (broadband > limits.MaxBroadbandMbps)
        {
            problems.Error(where, "broadbandMbps", $"{broadband} Mbps is beyond any school connection (max {limits.MaxBroadbandMbps}).");
        }
        if (equipped > ordinary)
        {
            problems.Error(where, "classroomsWithMultimedia", $"{equipped} equipped classrooms, but only {ordinary} ordinary classrooms.");
        }
        if (problems.Count > before)
        {
            return null;
        }
        return new FacilityFigures(teaching!.Value, ground!.Value, hall!.Value, equipment!.Value, multimedia!.Value,
            computers!.Value, books!.Value, row.MusicRoomAreas ?? [], row.ArtRoomAreas ?? [], broadband!.Value,
            ordinary!.Value, equipped!.Value, banbantong!.Value, renrentong!.Value);
    }

    private static void Rooms(string where, string field, decimal[]? areas, SubmissionLimits limits, Problems problems)
    {
        // A school without a music room lists none; null counts as none.
        for (var i = 0; i < (areas?.Length ?? 0); i++)
        {
            if (areas![i] <= 0 || areas[i] > limits.MaxRoomArea)
            {
                problems.Error(where, $"{field}[{i}]", $"A room's area is more than 0 and at most {limits.MaxRoomArea} m² (got {areas[i]}).");
            }
        }
    }

    private static List<ValidBoarding> ValidateBoarding(string countyCode, IReadOnlyList<Located<BoardingLogisticsRow>> rows,
        IReadOnlyDictionary<string, RegistrySchool> registry, Problems problems)
    {
        var valid = new List<ValidBoarding>(rows.Count);
        var seen = new Dictionary<string, string>();
        foreach (var (where, row) in rows)
        {
            var school = RegistryChecks.School(where, row.SchoolCode, countyCode, registry, problems);
            var canteen = problems.Required(where, "canteen", row.Canteen);
            var dormitory = problems.Required(where, "dormitory", row.Dormitory);
            var water = problems.Required(where, "drinkingWater", row.DrinkingWater);
            var bathing = problems.Required(where, "bathing", row.Bathing);
            var toilets = problems.Required(where, "toilets", row.Toilets);
            var waste = problems.Required(where, "wasteHandling", row.WasteHandling);
            if (school is null)
            {
                continue;
            }
            if (!school.Boarding)
            {
                problems.Error(where, "schoolCode", $"School {school.Code} ({school.Name}) is not a boarding school.");
                continue;
            }
            if (!seen.TryAdd(school.Code, where))
            {
                problems.Error(where, "schoolCode", $"School {school.Code} is reported twice (also at {seen[school.Code]}).");
                continue;
            }
            if (canteen is { } c && dormitory is { } d && water is { } w && bathing is { } b && toilets is { } t && waste is { } x)
            {
                valid.Add(new ValidBoarding(school.Code, c, d, w, b, t, x));
            }
        }
        return valid;
    }

    /// <summary>
    /// Flags per-student figures far below the county's other schools of the same section: possible
    /// (an old town school on a small plot) but worth a second look before the inspectors see them.
    /// </summary>
    private static void WarnAboutOutliers(List<(string Where, ValidReturn Valid)> returns,
        Dictionary<(string, Section), (int Classes, int Students)> classTotals, StoredYear stored, SubmissionLimits limits,
        Problems problems)
    {
        var all = new Dictionary<(string, Section), FacilityFigures>(stored.Returns);
        foreach (var (_, r) in returns)
        {
            all[(r.SchoolCode, r.Section)] = r.Figures;
        }
        (string Field, string Label, Func<FacilityFigures, decimal> Quantity)[] measures =
        [
            ("sportsGroundArea", "sports ground and hall area", f => f.SportsGroundArea + f.SportsHallArea),
            ("teachingAuxiliaryArea", "teaching and auxiliary floor area", f => f.TeachingAuxiliaryArea),
            ("equipmentValue", "teaching equipment value", f => f.EquipmentValue),
        ];
        foreach (var section in new[] { Section.Primary, Section.Junior })
        {
            foreach (var (field, label, quantity) in measures)
            {
                var perStudent = all.Where(e => e.Key.Item2 == section && classTotals.TryGetValue(e.Key, out var t) && t.Students > 0)
                    .ToDictionary(e => e.Key.Item1, e => quantity(e.Value) / classTotals[e.Key].Students);
                if (perStudent.Count < limits.MinSchoolsToCompare)
                {
                    continue;
                }
                var median = Median(perStudent.Values);
                foreach (var (where, r) in returns.Where(r => r.Valid.Section == section))
                {
                    if (perStudent.TryGetValue(r.SchoolCode, out var value) && value < median * limits.OutlierShareOfMedian)
                    {
                        problems.Warn(where, field,
                            $"{label} per student is {value:0.##}, far below the county's {Problems.KebabCase(section)} median of {median:0.##}; accepted, please check.");
                    }
                }
            }
        }
    }

    public static decimal Median(IEnumerable<decimal> values)
    {
        var sorted = values.Order().ToArray();
        var mid = sorted.Length / 2;
        return sorted.Length % 2 == 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
    }
}
