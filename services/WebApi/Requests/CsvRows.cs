using System.Globalization;
using System.Reflection;
using System.Text;
using System.Text.Json;
using CsvHelper;
using CsvHelper.Configuration;
using EduPlatform.Kernel;

namespace EduPlatform.WebApi;

/// <summary>
/// Reads a CSV upload (RFC 4180, header row) into request rows with CsvHelper in strict mode: a column
/// per property of the row record, named as in the JSON API (any case, "_" or "-" ignored). Lists such as
/// room areas are written "96;100" or "music;fine-art". Each row is located "line N" so errors point at the
/// clerk's spreadsheet line; a malformed line (a stray or unterminated quote) is a fault there, never a
/// silent loss of the rows after it. UTF-8 by default (a BOM is fine); Chinese offices' Excel exports in
/// GB18030/GBK are read when the request says <c>charset=gb18030</c> (or <c>gbk</c>, <c>gb2312</c>); bytes
/// that are not valid in the declared encoding are refused, never stored as mojibake.
/// Values that cannot be read are all reported before the rules run on the rows.
/// </summary>
public static class CsvRows
{
    public const string ContentType = "text/csv";

    public const string AcceptedCharsets = "utf-8 (the default), gb18030, gbk or gb2312";

    static CsvRows() => Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);

    /// <summary>The encoding a request's <c>Content-Type</c> declares, strict (invalid bytes throw); null with the fault recorded when not accepted.</summary>
    public static Encoding? EncodingOf(string? contentType, Problems problems)
    {
        var charset = contentType is not null && Microsoft.Net.Http.Headers.MediaTypeHeaderValue.TryParse(contentType, out var media)
            ? media.Charset.Value?.Trim('"').ToLowerInvariant()
            : null;
        switch (charset)
        {
            case null or "" or "utf-8" or "utf8":
                return new UTF8Encoding(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);
            case "gb18030" or "gbk" or "gb2312" or "cp936":
                // GB18030 reads every GBK and GB2312 file: one strict decoder for all three.
                return Encoding.GetEncoding("GB18030", EncoderFallback.ExceptionFallback, DecoderFallback.ExceptionFallback);
            default:
                problems.Error("", "charset", $"The charset '{charset}' is not accepted; send {AcceptedCharsets}.");
                return null;
        }
    }

    public static async Task<(List<Located<TRow>> Rows, Problems Problems)> ReadAsync<TRow>(Stream body, CancellationToken ct,
        Encoding? encoding = null)
    {
        var problems = new Problems();
        var rows = new List<Located<TRow>>();
        encoding ??= EncodingOf(null, problems)!;
        using var reader = new StreamReader(body, encoding, detectEncodingFromByteOrderMarks: true);
        var parameters = typeof(TRow).GetConstructors().Single().GetParameters();
        var byName = parameters.ToDictionary(p => Normalise(p.Name!), p => p);
        ParameterInfo?[]? columns = null;
        var malformed = false;
        var configuration = new CsvConfiguration(CultureInfo.InvariantCulture)
        {
            Mode = CsvMode.RFC4180,
            IgnoreBlankLines = false,
            DetectDelimiter = false,
            BadDataFound = _ => malformed = true,
        };
        using var parser = new CsvParser(reader, configuration);
        var lastLine = 0;
        try
        {
            while (await parser.ReadAsync())
            {
                ct.ThrowIfCancellationRequested();
                var number = lastLine + 1;
                lastLine = parser.RawRow;
                var where = $"line {number}";
                var fields = parser.Record ?? [];
                // RFC 4180 quotes come in pairs: an odd count means a quote was never closed (every row after it swallowed).
                if (malformed || parser.RawRecord.AsSpan().Count('"') % 2 != 0)
                {
                    problems.Error(where, "", "This line is not well-formed CSV: a quote (\") is unclosed or stands inside an unquoted value. " +
                        "Quote a value containing commas, quotes or line breaks, and double the quotes inside it (\"\").");
                    if (columns is null)
                    {
                        return (rows, problems);
                    }
                    malformed = false;
                    continue;
                }
                if (columns is null)
                {
                    columns = fields.Select(f => byName.GetValueOrDefault(Normalise(f))).ToArray();
                    for (var i = 0; i < fields.Length; i++)
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
                if (fields.Length == 0 || fields.Length == 1 && fields[0].Length == 0)
                {
                    continue; // a blank line
                }
                if (fields.Length != columns.Length)
                {
                    problems.Error(where, "", $"{fields.Length} fields, but the header has {columns.Length}.");
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
        }
        catch (DecoderFallbackException)
        {
            problems.Error($"line {lastLine + 1}", "", $"The file is not valid {(encoding is UTF8Encoding ? "UTF-8" : encoding.WebName)} text " +
                $"(nothing was stored). Accepted encodings: {AcceptedCharsets}; Excel's \"CSV (逗号分隔)\" files are GB18030: send them with " +
                "Content-Type: text/csv; charset=gb18030, or save as \"CSV UTF-8\".");
            return ([], problems);
        }
        if (columns is null && !problems.Any)
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
        if (TextInput.Fault(text) is { } fault)
        {
            problems.Error(where, field, $"{field} {fault}");
            return null;
        }
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
}
