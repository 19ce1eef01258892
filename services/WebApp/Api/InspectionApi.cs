using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using Microsoft.AspNetCore.Authentication;

namespace EduPlatform.WebApp.Api;

/// <summary>What a call to inspection gave: the value, or why not (a refusal, the session ended, the service down).</summary>
public sealed record ApiResult<T>(T? Value, Problem? Problem, bool Unauthorized = false, bool Unavailable = false)
{
    public bool Ok => Value is not null;
}

/// <summary>The inspection API, called with the signed-in person's own access token.</summary>
public sealed class InspectionApi(HttpClient http, ILogger<InspectionApi> logger)
{
    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public Task<ApiResult<CityRanking>> RankingAsync(int year, CancellationToken ct) => GetAsync<CityRanking>($"api/years/{year}/scorecards", ct);

    public Task<ApiResult<Scorecard>> ScorecardAsync(string county, int year, CancellationToken ct) =>
        GetAsync<Scorecard>($"api/counties/{Esc(county)}/years/{year}/scorecard", ct);

    public Task<ApiResult<ResourceAllocation>> ResourcesAsync(string county, int year, CancellationToken ct) =>
        GetAsync<ResourceAllocation>($"api/counties/{Esc(county)}/years/{year}/resource-allocation", ct);

    public Task<ApiResult<SchoolDrillDown>> SchoolAsync(string county, int year, string school, CancellationToken ct) =>
        GetAsync<SchoolDrillDown>($"api/counties/{Esc(county)}/years/{year}/schools/{Esc(school)}", ct);

    public Task<ApiResult<RemedyResult>> RemediesAsync(string county, int year, CancellationToken ct) =>
        GetAsync<RemedyResult>($"api/counties/{Esc(county)}/years/{year}/remedies", ct);

    public Task<ApiResult<ProjectionResult>> ProjectionAsync(string county, int year, int until, CancellationToken ct) =>
        GetAsync<ProjectionResult>($"api/counties/{Esc(county)}/years/{year}/projection?until={until}", ct);

    public Task<ApiResult<ScenarioResult>> ScenarioAsync(string county, int year, ScenarioChange[] changes, CancellationToken ct) =>
        SendAsync<ScenarioResult>(new HttpRequestMessage(HttpMethod.Post, $"api/counties/{Esc(county)}/years/{year}/scenarios")
        {
            Content = JsonContent.Create(new { changes }, options: Json),
        }, ct);

    public Task<ApiResult<Evaluation[]>> EvaluationsAsync(CancellationToken ct) => GetAsync<Evaluation[]>("api/evaluations", ct);

    public Task<ApiResult<EvaluationDetail>> EvaluationAsync(Guid id, CancellationToken ct) => GetAsync<EvaluationDetail>($"api/evaluations/{id}", ct);

    public Task<ApiResult<CountySnapshot>> SnapshotAsync(Guid id, string county, CancellationToken ct) =>
        GetAsync<CountySnapshot>($"api/evaluations/{id}/counties/{Esc(county)}", ct);

    public Task<ApiResult<Verdict>> RecordVerdictAsync(string county, int year, string code, object request, CancellationToken ct) =>
        SendAsync<Verdict>(new HttpRequestMessage(HttpMethod.Put, $"api/counties/{Esc(county)}/years/{year}/verdicts/{Esc(code)}")
        {
            Content = JsonContent.Create(request, options: Json),
        }, ct);

    public Task<ApiResult<Evaluation>> OpenEvaluationAsync(object request, CancellationToken ct) =>
        SendAsync<Evaluation>(new HttpRequestMessage(HttpMethod.Post, "api/evaluations") { Content = JsonContent.Create(request, options: Json) }, ct);

    public Task<ApiResult<Evaluation>> CloseEvaluationAsync(Guid id, CancellationToken ct) =>
        SendAsync<Evaluation>(new HttpRequestMessage(HttpMethod.Post, $"api/evaluations/{id}/close"), ct);

    /// <summary>A monitoring or survey results file (CSV) as the inspector chose it, passed on as it is.</summary>
    public Task<ApiResult<JsonElement>> ImportAsync(int year, string kind, Stream csv, CancellationToken ct)
    {
        var content = new StreamContent(csv);
        content.Headers.ContentType = new MediaTypeHeaderValue("text/csv") { CharSet = "utf-8" };
        return SendAsync<JsonElement>(new HttpRequestMessage(HttpMethod.Put, $"api/years/{year}/{kind}-results") { Content = content }, ct);
    }

    /// <summary>The raw bytes of an export the API writes (an evaluation's CSV).</summary>
    public async Task<(byte[]? Bytes, int Status)> BytesAsync(string path, CancellationToken ct)
    {
        try
        {
            using var response = await http.GetAsync(path, ct);
            return response.IsSuccessStatusCode ? (await response.Content.ReadAsByteArrayAsync(ct), 200) : (null, (int)response.StatusCode);
        }
        catch (HttpRequestException ex)
        {
            logger.LogWarning(ex, "Inspection did not answer {Path}", path);
            return (null, 503);
        }
    }

    private Task<ApiResult<T>> GetAsync<T>(string path, CancellationToken ct) => SendAsync<T>(new HttpRequestMessage(HttpMethod.Get, path), ct);

    private async Task<ApiResult<T>> SendAsync<T>(HttpRequestMessage request, CancellationToken ct)
    {
        try
        {
            using (request)
            using (var response = await http.SendAsync(request, ct))
            {
                if (response.IsSuccessStatusCode)
                {
                    return new ApiResult<T>(await response.Content.ReadFromJsonAsync<T>(Json, ct), null);
                }
                if (response.StatusCode == HttpStatusCode.Unauthorized)
                {
                    return new ApiResult<T>(default, null, Unauthorized: true);
                }
                var problem = response.Content.Headers.ContentType?.MediaType == "application/problem+json"
                    ? await response.Content.ReadFromJsonAsync<Problem>(Json, ct) : null;
                return new ApiResult<T>(default, problem ?? new Problem((int)response.StatusCode, response.ReasonPhrase ?? "", null, null),
                    Unavailable: (int)response.StatusCode >= 500);
            }
        }
        catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException && !ct.IsCancellationRequested)
        {
            logger.LogWarning(ex, "Inspection did not answer {Path}", request.RequestUri);
            return new ApiResult<T>(default, null, Unavailable: true);
        }
    }

    private static string Esc(string segment) => Uri.EscapeDataString(segment);
}

/// <summary>Adds the signed-in person's access token (kept in their server-side session) to every call to inspection.</summary>
public sealed class PersonTokenHandler(IHttpContextAccessor accessor) : DelegatingHandler
{
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken ct)
    {
        if (accessor.HttpContext is { } http && await http.GetTokenAsync("access_token") is { } token)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }
        return await base.SendAsync(request, ct);
    }
}

public static class InspectionApiRegistration
{
    public static IServiceCollection AddInspectionApi(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddTransient<PersonTokenHandler>();
        services.AddHttpClient<InspectionApi>(http =>
                // Aspire's service discovery resolves the name; Inspection:BaseAddress overrides it elsewhere.
                http.BaseAddress = new Uri(configuration["Inspection:BaseAddress"] ?? "http://inspection-api/"))
            .AddHttpMessageHandler<PersonTokenHandler>();
        return services;
    }
}
