using System.Text.Json;
using System.Text.RegularExpressions;
using EduPlatform.Facilities.Domain;
using EduPlatform.Facilities.Infrastructure;
using EduPlatform.ServiceDefaults;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace EduPlatform.Facilities.Apis;

/// <summary>What the bulk endpoints share: JSON-or-CSV bodies, and the county/year in their path.</summary>
public static partial class BulkInput
{
    /// <summary>Rows from a JSON array body (located "name[i]") or a text/csv upload (located "line N").</summary>
    public static async Task<(List<Located<TRow>> Rows, Problems Problems)> ReadAsync<TRow>(
        HttpRequest request, string name, CancellationToken ct)
    {
        if (request.ContentType?.StartsWith(CsvRows.ContentType, StringComparison.OrdinalIgnoreCase) == true)
        {
            return await CsvRows.ReadAsync<TRow>(request.Body, ct);
        }
        var problems = new Problems();
        try
        {
            var rows = await request.ReadFromJsonAsync<TRow[]>(ct);
            return (Locate(rows, name), problems);
        }
        catch (Exception ex) when (ex is JsonException or InvalidOperationException)
        {
            problems.Error("", "body", $"Send a JSON array of {name} or a text/csv upload: {ex.Message}");
            return ([], problems);
        }
    }

    public static List<Located<T>> Locate<T>(IEnumerable<T>? rows, string name) =>
        rows?.Select((row, i) => new Located<T>($"{name}[{i}]", row)).ToList() ?? [];

    [GeneratedRegex(Codes.CountyPattern)]
    private static partial Regex CountyCode();

    /// <summary>Checks a county code from the path: well-formed and registered.</summary>
    public static async Task<Problems> CheckCountyAsync(string county, FacilitiesDbContext db, CancellationToken ct,
        string field = "county")
    {
        var problems = new Problems();
        if (!CountyCode().IsMatch(county))
        {
            problems.Error("", field, Codes.CountyMessage);
        }
        else if (!await db.Counties.AnyAsync(c => c.Code == county, ct))
        {
            problems.Error("", field, $"County {county} is not registered; record it first (PUT /api/counties/{county}).");
        }
        return problems;
    }

    public static void CheckYear(int year, Problems problems)
    {
        if (year is < Codes.FirstYear or > Codes.LastYear)
        {
            problems.Error("", "year", $"A school year is named by its starting year, {Codes.FirstYear}–{Codes.LastYear} (got {year}).");
        }
    }

    public static ValidationProblem Refused(Problems problems) =>
        TypedResults.ValidationProblem(problems.ToDictionary(), title: problems.Count == 1
            ? "The request was refused; nothing was stored."
            : $"{problems.Count} faults were found; nothing was stored.");
}
