using System.Text.RegularExpressions;
using EduPlatform.Kernel;
using Microsoft.EntityFrameworkCore;
using EduPlatform.Contracts.Facilities;

namespace EduPlatform.Registry;

/// <summary>The checks every department makes of a school code a clerk sends, against its registry copy.</summary>
public static partial class RegistryChecks
{
    [GeneratedRegex(Codes.SchoolPattern)]
    private static partial Regex SchoolCode();

    /// <summary>The school a row names, if it is known, in this county and operating; otherwise the fault is recorded.</summary>
    public static RegistrySchool? School(string where, string? code, string countyCode,
        IReadOnlyDictionary<string, RegistrySchool> registry, Problems problems, string field = "schoolCode")
    {
        if (string.IsNullOrWhiteSpace(code))
        {
            problems.Error(where, field, $"{field} is required.");
            return null;
        }
        if (!SchoolCode().IsMatch(code))
        {
            problems.Error(where, field, $"'{code}' is not a 10-digit school code (学校标识码).");
            return null;
        }
        if (!registry.TryGetValue(code, out var school))
        {
            problems.Error(where, field, $"School {code} is not in the school registry (kept by the facilities service: PUT /api/schools/{code}).");
            return null;
        }
        if (school.CountyCode != countyCode)
        {
            problems.Error(where, field, $"School {code} ({school.Name}) belongs to county {school.CountyCode}, not {countyCode}.");
            return null;
        }
        if (school.Status == SchoolStatus.Closed)
        {
            problems.Error(where, field, $"School {code} ({school.Name}) is closed; a closed school files no return.");
            return null;
        }
        return school;
    }

    /// <summary>The grade, if the school's type teaches it; otherwise the fault is recorded.</summary>
    public static int? Grade(string where, int? grade, RegistrySchool? school, Problems problems)
    {
        if (school is null || grade is not { } g)
        {
            return grade;
        }
        var (first, last) = SchoolTypes.Grades(school.Type);
        if (g >= first && g <= last)
        {
            return g;
        }
        problems.Error(where, "grade", $"Grade {g} is not taught at a {Problems.KebabCase(school.Type)} school (grades {first}–{last}).");
        return null;
    }

    /// <summary>
    /// Records a fault at <paramref name="where"/> if the school's list lacks a section its type must
    /// report (a through-train school reports primary and junior).
    /// </summary>
    public static void AllSections(string where, string field, RegistrySchool school, IEnumerable<Section> listed, string what,
        Problems problems)
    {
        var missing = SchoolTypes.RequiredSections(school.Type).Except(listed).ToList();
        if (missing.Count > 0)
        {
            problems.Error(where, field,
                $"School {school.Code} ({school.Name}) is a {Problems.KebabCase(school.Type)} school: its {what} must include the {string.Join(" and ", missing.Select(Problems.KebabCase))} section.");
        }
    }

    /// <summary>
    /// Checks a county code a clerk sends (in the route, or a row's field located by <paramref name="where"/>):
    /// present, well-formed and in the service's copy of the registry.
    /// </summary>
    public static Task CountyAsync(DbContext db, string? county, Problems problems, CancellationToken ct, string field = "county", string where = "") =>
        CountyAsync(county, () => db.Set<RegistryCounty>().AnyAsync(c => c.Code == county, ct),
            $"County {county} is not in the registry (kept by the facilities service).", problems, field, where);

    /// <summary>Checks a county code: present, well-formed, then known (asked only of a well-formed code).</summary>
    public static async Task CountyAsync(string? county, Func<Task<bool>> isKnown, string unknownMessage, Problems problems, string field = "county",
        string where = "")
    {
        if (string.IsNullOrWhiteSpace(county))
        {
            problems.Error(where, field, $"{field} is required.");
        }
        else if (!CountyCode().IsMatch(county))
        {
            problems.Error(where, field, Codes.CountyMessage);
        }
        else if (!await isKnown())
        {
            problems.Error(where, field, unknownMessage);
        }
    }

    [GeneratedRegex(Codes.CountyPattern)]
    private static partial Regex CountyCode();
}
