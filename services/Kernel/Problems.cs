namespace EduPlatform.Kernel;

/// <summary>A value that is possible but unusual: accepted, and reported back so the clerk can check it.</summary>
public sealed record Warning(string Where, string Field, string Message);

/// <summary>
/// Every fault found in a request, keyed "where.field" as in a ValidationProblem ("classes[17].students",
/// "line 19.students"), so a clerk fixes them all in one go; and the warnings for what was accepted.
/// </summary>
public sealed class Problems
{
    private readonly Dictionary<string, List<string>> _errors = new(StringComparer.Ordinal);

    public List<Warning> Warnings { get; } = [];
    public bool Any => _errors.Count > 0;
    public int Count => _errors.Count;

    public void Error(string where, string field, string message)
    {
        var key = where.Length == 0 ? field : field.Length == 0 ? where : $"{where}.{field}";
        if (!_errors.TryGetValue(key, out var messages))
        {
            _errors[key] = messages = [];
        }
        messages.Add(message);
    }

    public void Warn(string where, string field, string message) => Warnings.Add(new Warning(where, field, message));

    public Dictionary<string, string[]> ToDictionary() => _errors.ToDictionary(e => e.Key, e => e.Value.ToArray());

    /// <summary>Reports a missing value as an error, so every required field is checked in one pass.</summary>
    public T? Required<T>(string where, string field, T? value) where T : struct
    {
        if (value is null)
        {
            Error(where, field, $"{field} is required.");
        }
        return value;
    }

    public T? NotNegative<T>(string where, string field, T? value) where T : struct, IComparable<T>
    {
        if (Required(where, field, value) is { } v && v.CompareTo(default) < 0)
        {
            Error(where, field, $"{field} cannot be negative (got {v}).");
        }
        return value;
    }

    /// <summary>An optional count or amount: missing is 0, negative is a fault (reported, and read as 0).</summary>
    public T Optional<T>(string where, string field, T? value) where T : struct, IComparable<T>
    {
        if (value is { } v && v.CompareTo(default) < 0)
        {
            Error(where, field, $"{field} cannot be negative (got {v}).");
            return default;
        }
        return value ?? default;
    }

    /// <summary>Parses a kebab-case API name ("nine-year") or, where given, a Chinese name ("九年一贯制").</summary>
    public TEnum? Enum<TEnum>(string where, string field, string? value, IReadOnlyDictionary<string, TEnum>? chinese = null)
        where TEnum : struct, System.Enum
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            Error(where, field, $"{field} is required.");
            return null;
        }
        var text = value.Trim();
        if (chinese is not null && chinese.TryGetValue(text, out var named))
        {
            return named;
        }
        if (System.Enum.TryParse<TEnum>(text.Replace("-", "", StringComparison.Ordinal), ignoreCase: true, out var parsed)
            && System.Enum.IsDefined(parsed) && !char.IsDigit(text[0]))
        {
            return parsed;
        }
        var names = System.Enum.GetNames<TEnum>().Select(KebabCase);
        Error(where, field, $"'{text}' is not one of: {string.Join(", ", chinese is null ? names : names.Concat(chinese.Keys))}.");
        return null;
    }

    public static string KebabCase(string name) =>
        string.Concat(name.Select((c, i) => char.IsUpper(c) ? (i > 0 ? "-" : "") + char.ToLowerInvariant(c) : c.ToString()));

    public static string KebabCase<TEnum>(TEnum value) where TEnum : struct, System.Enum => KebabCase(value.ToString());
}

/// <summary>A row and where it came from ("classes[17]" in JSON, "line 19" in CSV), for error keys.</summary>
public sealed record Located<T>(string Where, T Row);
