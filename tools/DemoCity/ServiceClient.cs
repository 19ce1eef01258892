using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace EduPlatform.DemoCity;

/// <summary>A request the service refused for its content: the loader stops and shows the service's problem.</summary>
public sealed class RefusedException(string message) : Exception(message);

/// <summary>
/// One department service's API, called as that department's system would. Every call the loader makes
/// is safe to repeat (PUTs of whole states, POSTs the services recognise when sent again), so a request
/// whose answer was lost — timeout, connection reset, 5xx, 429 — is simply sent again, with backoff.
/// A 400 that names a school or county the service's registry copy does not know yet is retried too
/// for a while: the registry reaches each department by event, a moment after facilities accepted it.
/// </summary>
public sealed class ServiceClient(string name, HttpClient http)
{
    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);
    private const int MaxAttempts = 8;
    private static readonly TimeSpan RegistryWait = TimeSpan.FromSeconds(120);

    public string Name => name;
    public Uri BaseAddress => http.BaseAddress!;

    /// <summary>Retries so far, by service and reason: the summary reports them.</summary>
    public static readonly System.Collections.Concurrent.ConcurrentDictionary<string, int> Retries = new();

    public Task<JsonElement> PutAsync(string path, object body, CancellationToken ct) => SendAsync(HttpMethod.Put, path, body, ct);

    public Task<JsonElement> PostAsync(string path, object? body, CancellationToken ct, params string[] doneIfConflict) =>
        SendAsync(HttpMethod.Post, path, body, ct, doneIfConflict);

    public Task<JsonElement> GetAsync(string path, CancellationToken ct) => SendAsync(HttpMethod.Get, path, null, ct);

    /// <param name="doneIfConflict">409 titles that mean "already recorded" (a repeat of a POST whose first answer was lost).</param>
    public async Task<JsonElement> SendAsync(HttpMethod method, string path, object? body, CancellationToken ct, params string[] doneIfConflict)
    {
        var registryDeadline = DateTime.UtcNow + RegistryWait;
        for (var attempt = 1; ; attempt++)
        {
            string? failure;
            try
            {
                using var request = new HttpRequestMessage(method, path);
                if (body is not null)
                {
                    request.Content = JsonContent.Create(body, body.GetType(), options: Json);
                }
                using var response = await http.SendAsync(request, ct);
                var text = await response.Content.ReadAsStringAsync(ct);
                if (response.IsSuccessStatusCode)
                {
                    return text.Length == 0 ? default : JsonDocument.Parse(text).RootElement.Clone();
                }
                if (response.StatusCode == HttpStatusCode.Conflict && doneIfConflict.Any(text.Contains))
                {
                    return default;
                }
                if (response.StatusCode == HttpStatusCode.BadRequest && text.Contains("registry") && DateTime.UtcNow < registryDeadline)
                {
                    await Task.Delay(500, ct);
                    attempt--;
                    continue;
                }
                if (!Transient(response.StatusCode))
                {
                    throw new RefusedException($"{name} refused {method} {path}: {(int)response.StatusCode} {Shorten(text)}");
                }
                failure = $"{(int)response.StatusCode}";
            }
            catch (HttpRequestException e)
            {
                failure = e.Message;
            }
            catch (TaskCanceledException) when (!ct.IsCancellationRequested)
            {
                failure = "timed out";
            }
            if (attempt == MaxAttempts)
            {
                throw new RefusedException($"{name}: {method} {path} failed {MaxAttempts} times, last: {failure}");
            }
            Retries.AddOrUpdate($"{name} {failure}", 1, (_, n) => n + 1);
            await Task.Delay(TimeSpan.FromMilliseconds(Math.Min(10_000, 250 * Math.Pow(2, attempt))), ct);
        }
    }

    /// <summary>The service answers /health with a success (Healthy, or Degraded when only its cache is away).</summary>
    public async Task<bool> IsHealthyAsync(CancellationToken ct)
    {
        try
        {
            using var response = await http.GetAsync("/health", ct);
            return response.IsSuccessStatusCode;
        }
        catch (HttpRequestException)
        {
            return false;
        }
        catch (TaskCanceledException) when (!ct.IsCancellationRequested)
        {
            return false;
        }
    }

    private static bool Transient(HttpStatusCode status) =>
        (int)status >= 500 || status is HttpStatusCode.TooManyRequests or HttpStatusCode.RequestTimeout;

    private static string Shorten(string text) => text.Length <= 600 ? text : text[..600] + " …";
}
