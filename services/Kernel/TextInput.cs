using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace EduPlatform.Kernel;

/// <summary>
/// What every text a clerk sends must be: no control characters (PostgreSQL refuses NUL; the others are
/// never meant), no broken surrogate pairs, and — for names — some visible text once trimmed.
/// </summary>
public static class TextInput
{
    /// <summary>Why <paramref name="text"/> cannot be stored, or null when it can (tab and line breaks are allowed).</summary>
    public static string? Fault(string text)
    {
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (char.IsControl(c) && c is not ('\t' or '\n' or '\r'))
            {
                return $"contains the control character U+{(int)c:X4}; only printable text is accepted.";
            }
            if (char.IsHighSurrogate(c) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
            {
                i++;
            }
            else if (char.IsSurrogate(c))
            {
                return "contains a broken character (an unpaired UTF-16 surrogate).";
            }
        }
        return null;
    }

    /// <summary>True when the text shows something: not only spaces, zero-width or other invisible formatting characters.</summary>
    public static bool HasVisibleText(string text)
    {
        foreach (var rune in text.EnumerateRunes())
        {
            var category = Rune.GetUnicodeCategory(rune);
            if (!Rune.IsWhiteSpace(rune) && category is not (UnicodeCategory.Format or UnicodeCategory.Control
                or UnicodeCategory.NonSpacingMark or UnicodeCategory.EnclosingMark) && rune.Value is not (0x3164 or 0x115F or 0x1160 or 0xFFA0))
            {
                return true;
            }
        }
        return false;
    }

    /// <summary>
    /// A name as stored: trimmed (of white space and invisible characters at either end), required, with
    /// visible text, at most <paramref name="maxLength"/> characters; null with the fault recorded otherwise.
    /// </summary>
    public static string? Name(this Problems problems, string where, string field, string? value, int maxLength)
    {
        var name = value is null ? null : TrimInvisible(value);
        if (string.IsNullOrEmpty(name) || !HasVisibleText(name))
        {
            problems.Error(where, field, $"{field} is required and must contain visible text.");
            return null;
        }
        if (Fault(name) is { } fault)
        {
            problems.Error(where, field, $"{field} {fault}");
            return null;
        }
        if (name.Length > maxLength)
        {
            problems.Error(where, field, $"{field} is at most {maxLength} characters (got {name.Length}).");
            return null;
        }
        return name;
    }

    private static string TrimInvisible(string value)
    {
        int start = 0, end = value.Length;
        while (start < end && IsInvisible(value[start]))
        {
            start++;
        }
        while (end > start && IsInvisible(value[end - 1]))
        {
            end--;
        }
        return value[start..end];
    }

    private static bool IsInvisible(char c) => char.IsWhiteSpace(c) || char.GetUnicodeCategory(c) == UnicodeCategory.Format;
}

/// <summary>
/// Reads every JSON string of a request through <see cref="TextInput.Fault"/>, so a NUL or a control
/// character anywhere is a 400 naming the field (System.Text.Json adds its path), never a database error.
/// </summary>
public sealed class CheckedStringConverter : JsonConverter<string>
{
    public override string? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        if (reader.TokenType != JsonTokenType.String)
        {
            throw new JsonException($"Expected a string, got {reader.TokenType}.");
        }
        var text = reader.GetString()!;
        return TextInput.Fault(text) is { } fault ? throw new JsonException($"The text {fault}") : text;
    }

    public override void Write(Utf8JsonWriter writer, string value, JsonSerializerOptions options) => writer.WriteStringValue(value);
}
