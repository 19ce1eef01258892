using System.Text.Json;
using EduPlatform.Kernel;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;

namespace EduPlatform.WebApi;

/// <summary>
/// What every department's bulk endpoints share: a body that is a JSON array or a CSV upload, rows
/// located for error keys, and one refusal listing every fault.
/// </summary>
public static class BulkInput
{
    /// <summary>Rows from a JSON array body (located "name[i]") or a text/csv upload (located "line N").</summary>
    public static async Task<(List<Located<TRow>> Rows, Problems Problems)> ReadAsync<TRow>(
        HttpRequest request, string name, CancellationToken ct)
    {
        var problems = new Problems();
        if (request.ContentType?.StartsWith(CsvRows.ContentType, StringComparison.OrdinalIgnoreCase) == true)
        {
            return CsvRows.EncodingOf(request.ContentType, problems) is { } encoding
                ? await CsvRows.ReadAsync<TRow>(request.Body, ct, encoding)
                : ([], problems);
        }
        try
        {
            var rows = await request.ReadFromJsonAsync<TRow[]>(ct);
            if (rows is null)
            {
                problems.Error("", "body", $"Send a JSON array of {name} or a text/csv upload (the body was null).");
            }
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

    /// <summary>200 with the outcome, or 400 with every fault when there is none.</summary>
    public static Results<Ok<T>, ValidationProblem> Answer<T>(T? outcome, Problems problems) where T : class =>
        outcome is null ? Refused(problems) : TypedResults.Ok(outcome);

    /// <summary>The most faults one response lists; a file wrong on every line needs no 200,000-entry answer.</summary>
    public const int MaxListedFaults = 1000;

    /// <summary>400 with every fault (up to <see cref="MaxListedFaults"/>); nothing was stored.</summary>
    public static ValidationProblem Refused(Problems problems)
    {
        var errors = problems.ToDictionary();
        if (errors.Count > MaxListedFaults)
        {
            errors = errors.Take(MaxListedFaults).ToDictionary();
            errors["more"] = [$"{problems.Count - MaxListedFaults} more faults are not listed; correct these and send again."];
        }
        return TypedResults.ValidationProblem(errors, title: problems.Count == 1
            ? "The request was refused; nothing was stored."
            : $"{problems.Count} faults were found; nothing was stored.");
    }
}
