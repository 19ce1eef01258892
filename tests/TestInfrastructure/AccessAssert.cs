using System.Net;
using EduPlatform.Kernel;
using Xunit;

namespace EduPlatform.Testing;

/// <summary>Checks that a write is refused to every caller who should not make it, and that nothing changed.</summary>
public static class AccessAssert
{
    /// <summary>
    /// Sends the same write with no token, an expired, a forged and a wrongly addressed token (401 each),
    /// and with another department's token, another county's office's and an inspector's (403 each);
    /// every refusal is a ProblemDetails, and <paramref name="state"/> reads the same afterwards.
    /// </summary>
    public static async Task WrongCallersRefusedAsync<TProgram>(ServiceFactory<TProgram> factory, Func<HttpRequestMessage> request,
        string county, Func<Task<string>> state) where TProgram : class
    {
        var department = factory.Department;
        var otherDepartment = department == Departments.Funding ? Departments.Facilities : Departments.Funding;
        // Another real-looking county code: the same prefecture, the next county.
        var otherCounty = county[..4] + ((int.Parse(county[4..]) % 98) + 1).ToString("00");
        (string Who, string? Token, HttpStatusCode Expected)[] callers =
        [
            ("no token", null, HttpStatusCode.Unauthorized),
            ("an expired token", TestTokens.Issue(department, expired: true), HttpStatusCode.Unauthorized),
            ("a forged token", TestTokens.Issue(department, forged: true), HttpStatusCode.Unauthorized),
            ("a token for another audience", TestTokens.Issue(department, audience: "another-platform"), HttpStatusCode.Unauthorized),
            ($"the {otherDepartment} department", TestTokens.Issue(otherDepartment), HttpStatusCode.Forbidden),
            ($"county {otherCounty}'s office", TestTokens.Issue(department, county: otherCounty), HttpStatusCode.Forbidden),
            ("an inspector", TestTokens.Issue(Departments.Inspection, roles: [Roles.Inspector]), HttpStatusCode.Forbidden),
        ];
        await RefusedAsync(factory, request, callers, state);
        // A 401 says why (never echoing the token).
        foreach (var (token, reason) in new[]
                 {
                     (TestTokens.Issue(department, expired: true), "expired"), (TestTokens.Issue(department, forged: true), "signature"),
                     (TestTokens.Issue(department, audience: "another-platform"), "audience"),
                 })
        {
            using var client = factory.CreateClient(token);
            using var response = await client.SendAsync(request(), TestContext.Current.CancellationToken);
            var body = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
            Assert.Contains(reason, body, StringComparison.Ordinal);
            Assert.DoesNotContain(token, body, StringComparison.Ordinal);
        }
    }

    /// <summary>Sends the request as each caller: each gets its status as a ProblemDetails, and <paramref name="state"/> is unchanged.</summary>
    public static async Task RefusedAsync<TProgram>(ServiceFactory<TProgram> factory, Func<HttpRequestMessage> request,
        (string Who, string? Token, HttpStatusCode Expected)[] callers, Func<Task<string>> state) where TProgram : class
    {
        var ct = TestContext.Current.CancellationToken;
        var before = await state();
        foreach (var (who, token, expected) in callers)
        {
            using var client = factory.CreateClient(token);
            using var response = await client.SendAsync(request(), ct);
            Assert.True(response.StatusCode == expected,
                $"{who}: expected {(int)expected}, got {(int)response.StatusCode} {await response.Content.ReadAsStringAsync(ct)}");
            Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        }
        Assert.Equal(before, await state());
    }

    /// <summary>The same write from the county's own office is accepted: the refusals above are about the caller.</summary>
    public static async Task OwnCountyAcceptedAsync<TProgram>(ServiceFactory<TProgram> factory, Func<HttpRequestMessage> request, string county)
        where TProgram : class
    {
        var ct = TestContext.Current.CancellationToken;
        using var client = factory.CreateClient(TestTokens.Issue(factory.Department, county: county, subject: $"clerk-{county}"));
        using var response = await client.SendAsync(request(), ct);
        Assert.True(response.IsSuccessStatusCode, $"county {county}'s own office: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync(ct)}");
    }
}
