using System.Text.RegularExpressions;
using EduPlatform.Contracts.Facilities;
using EduPlatform.Kernel;
using EduPlatform.Registry;

namespace EduPlatform.Facilities.Domain;

public sealed record SchoolRow(string? Code, string? Name, string? Location, string? Type, bool? Boarding);

public sealed record ValidSchool(string Code, string Name, Location Location, SchoolType Type, bool Boarding);

/// <summary>Checks registry entries for one county; every fault in every row is reported.</summary>
public static partial class RegistryRules
{
    [GeneratedRegex(Codes.SchoolPattern)]
    private static partial Regex SchoolCode();

    /// <param name="registeredElsewhere">Codes among the rows already registered in another county, with that county.</param>
    public static (List<ValidSchool> Schools, Problems Problems) Validate(
        IReadOnlyList<Located<SchoolRow>> rows, IReadOnlyDictionary<string, string> registeredElsewhere)
    {
        var problems = new Problems();
        var valid = new List<ValidSchool>(rows.Count);
        var seen = new Dictionary<string, string>();
        foreach (var (where, row) in rows)
        {
            var code = row.Code?.Trim();
            if (string.IsNullOrEmpty(code))
            {
                problems.Error(where, "code", "code is required.");
            }
            else if (!SchoolCode().IsMatch(code))
            {
                problems.Error(where, "code", $"'{code}' is not a 10-digit school code (学校标识码).");
                code = null;
            }
            else if (registeredElsewhere.TryGetValue(code, out var county))
            {
                problems.Error(where, "code", $"School {code} is registered in county {county}; a school does not change county here.");
                code = null;
            }
            else if (!seen.TryAdd(code, where))
            {
                problems.Error(where, "code", $"School {code} is listed twice (also at {seen[code]}).");
                code = null;
            }
            var name = problems.Name(where, "name", row.Name, 100);
            var location = problems.Enum(where, "location", row.Location, SchoolTypes.ChineseLocations);
            var type = problems.Enum(where, "type", row.Type, SchoolTypes.ChineseNames);
            var boarding = problems.Required(where, "boarding", row.Boarding);
            if (code is not null && name is not null && location is { } l && type is { } t && boarding is { } b)
            {
                valid.Add(new ValidSchool(code, name, l, t, b));
            }
        }
        return (valid, problems);
    }
}
