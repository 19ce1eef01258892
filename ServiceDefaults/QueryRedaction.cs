namespace EduPlatform.ServiceDefaults;

/// <summary>Query strings as traces and logs may keep them: the values of credential-like parameters replaced.</summary>
public static class QueryRedaction
{
    private static readonly string[] Sensitive = ["token", "secret", "password", "key", "code", "auth", "credential", "signature", "sig", "session"];

    /// <summary>"?access_token=abc&amp;year=2026" → "?access_token=REDACTED&amp;year=2026".</summary>
    public static string Redact(string? query)
    {
        if (string.IsNullOrEmpty(query))
        {
            return "";
        }
        var prefix = query.StartsWith('?') ? "?" : "";
        var parts = query.TrimStart('?').Split('&');
        for (var i = 0; i < parts.Length; i++)
        {
            var eq = parts[i].IndexOf('=');
            var name = eq < 0 ? parts[i] : parts[i][..eq];
            if (eq >= 0 && Sensitive.Any(s => name.Contains(s, StringComparison.OrdinalIgnoreCase)))
            {
                parts[i] = name + "=REDACTED";
            }
        }
        return prefix + string.Join('&', parts);
    }
}
