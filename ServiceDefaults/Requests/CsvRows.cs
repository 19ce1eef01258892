using System.Globalization;
using System.Reflection;
using System.Text;
using System.Text.Json;

namespace EduPlatform.ServiceDefaults;

/// <summary>
/// Reads a CSV upload (RFC 4180, UTF-8, header row) into request rows: a column per property of the
/// row record, named as in the JSON API (any case, "_" or "-" ignored). Lists such as room areas are
/// written "96;100" or "music;fine-art". Each row is located "line N" so errors point at the clerk's spreadsheet line.
/// Values that cannot be read are all reported before the rules run on the rows.
/// </summary>
public static class CsvRows
{
    public const string ContentType = "text/csv";

    public static async Task<(List<Located<TRow>> Rows, Problems Problems)> ReadAsync<TRow>(Stream body, CancellationToken ct)
    {
        var problems = new Problems();
        var rows = new List<Located<TRow>>();
        using var reader = new StreamReader(body, Encoding.UTF8, detectEncodingFromByteOrderMarks: true);
        var parameters = typeof(TRow).GetConstructors().Single().GetParameters();
        var byName = parameters.ToDictionary(p => Normalise(p.Name!), p => p);
        ParameterInfo?[]? columns = null;
        await foreach (var (number, fields) in Records(reader, ct))
        {
            if (columns is null)
            {
                columns = fields.Select(f => byName.GetValueOrDefault(Normalise(f))).ToArray();
                for (var i = 0; i < fields.Count; i++)
                {
                    if (columns[i] is null)
                    {
                        problems.Error($"line {number}", "header",
                            $"Unknown column '{fields[i]}'; columns are: {string.Join(", ", parameters.Select(p => JsonNamingPolicy.CamelCase.ConvertName(p.Name!)))}.");
                    }
                }
                if (problems.Any)
                {
                    return (rows, problems);
                }
                continue;
            }
            if (fields.Count == 1 && fields[0].Length == 0)
            {
                continue; // a blank line
            }
            var where = $"line {number}";
            if (fields.Count != columns.Length)
            {
                problems.Error(where, "", $"{fields.Count} fields, but the header has {columns.Length}.");
                continue;
            }
            var values = new object?[parameters.Length];
            for (var i = 0; i < columns.Length; i++)
            {
                var parameter = columns[i]!;
                values[parameter.Position] = Parse(fields[i].Trim(), parameter, where, problems);
            }
            rows.Add(new Located<TRow>(where, (TRow)Activator.CreateInstance(typeof(TRow), values)!));
        }
        if (columns is null)
        {
            problems.Error("line 1", "header", "The upload is empty: a header row and one row per record are expected.");
        }
        return (rows, problems);
    }

    private static string Normalise(string name) =>
        name.Replace("_", "", StringComparison.Ordinal).Replace("-", "", StringComparison.Ordinal).Trim().ToLowerInvariant();

    private static object? Parse(string text, ParameterInfo parameter, string where, Problems problems)
    {
        if (text.Length == 0)
        {
            return null;
        }
        var type = Nullable.GetUnderlyingType(parameter.ParameterType) ?? parameter.ParameterType;
        var field = JsonNamingPolicy.CamelCase.ConvertName(parameter.Name!);
        if (type == typeof(string))
        {
            return text;
        }
        if (type == typeof(int) && int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var i))
        {
            return i;
        }
        if (type == typeof(decimal) && decimal.TryParse(text, NumberStyles.Number, CultureInfo.InvariantCulture, out var d))
        {
            return d;
        }
        if (type == typeof(bool) && Bool(text) is { } b)
        {
            return b;
        }
        if (type == typeof(Guid) && Guid.TryParse(text, out var guid))
        {
            return guid;
        }
        if (type == typeof(DateOnly) && DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
        {
            return date;
        }
        if (type == typeof(string[]))
        {
            return text.Split([';', '；'], StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
        }
        if (type == typeof(decimal[]))
        {
            var parts = text.Split([';', '；'], StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
            var areas = new decimal[parts.Length];
            for (var k = 0; k < parts.Length; k++)
            {
                if (!decimal.TryParse(parts[k], NumberStyles.Number, CultureInfo.InvariantCulture, out areas[k]))
                {
                    problems.Error(where, field, $"'{parts[k]}' is not a number (list values are separated by ';').");
                    return null;
                }
            }
            return areas;
        }
        problems.Error(where, field, type == typeof(bool) ? $"'{text}' is not yes/no (true, false, 1, 0, 是, 否)."
            : type == typeof(DateOnly) ? $"'{text}' is not a date (yyyy-MM-dd)."
            : type == typeof(Guid) ? $"'{text}' is not an id."
            : $"'{text}' is not a {(type == typeof(int) ? "whole number" : "number")}.");
        return null;
    }

    private static bool? Bool(string text) => text.ToLowerInvariant() switch
    {
        "true" or "1" or "yes" or "y" or "是" => true,
        "false" or "0" or "no" or "n" or "否" => false,
        _ => null,
    };

    /// <summary>Yields (line number, fields) per record; quoted fields may hold commas, quotes ("") and newlines.</summary>
    private static async IAsyncEnumerable<(int Line, List<string> Fields)> Records(TextReader reader,
        [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken ct)
    {
        var lineNumber = 0;
        var fields = new List<string>();
        var field = new StringBuilder();
        var quoted = false;
        var start = 1;
        while (await reader.ReadLineAsync(ct) is { } line)
        {
            lineNumber++;
            if (!quoted)
            {
                start = lineNumber;
            }
            else
            {
                field.Append('\n');
            }
            for (var i = 0; i < line.Length; i++)
            {
                var c = line[i];
                if (quoted)
                {
                    if (c == '"' && i + 1 < line.Length && line[i + 1] == '"')
                    {
                        field.Append('"');
                        i++;
                    }
                    else if (c == '"')
                    {
                        quoted = false;
                    }
                    else
                    {
                        field.Append(c);
                    }
                }
                else if (c == '"')
                {
                    quoted = true;
                }
                else if (c == ',')
                {
                    fields.Add(field.ToString());
                    field.Clear();
                }
                else
                {
                    field.Append(c);
                }
            }
            if (quoted)
            {
                continue;
            }
            fields.Add(field.ToString());
            field.Clear();
            yield return (start, fields);
            fields = [];
        }
    }
}
