using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;

namespace EduPlatform.WebApi;

/// <summary>The <c>limit</c> of a newest-first listing (audit entries, submissions): 1–1000, 100 unless given.</summary>
public static class ListLimit
{
    public const int Default = 100;
    public const int Max = 1000;

    /// <summary>A 400 naming <c>limit</c> when it is out of range; null when it may be used.</summary>
    public static ValidationProblem? Refusal(int? limit) => limit is < 1 or > Max
        ? TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["limit"] = [$"limit is 1–{Max} (default {Default})."] })
        : null;
}
