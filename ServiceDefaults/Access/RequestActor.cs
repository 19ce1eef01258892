using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace EduPlatform.ServiceDefaults.Access;

/// <summary>Who submitted a write, as stored with the audit and carried by the events it caused.</summary>
public sealed record Actor(string Subject, string? Department, string? County)
{
    public string ToJson() => JsonSerializer.Serialize(this, JsonSerializerOptions.Web);

    public static Actor? FromJson(string? json) => json is null ? null : JsonSerializer.Deserialize<Actor>(json, JsonSerializerOptions.Web);
}

/// <summary>
/// The write request being handled, ambient for its duration (as <c>Activity.Current</c> is), so that the
/// outbox stamps each event with its actor and the audit records what the request changed — on every
/// path, whether through EF or COPY.
/// </summary>
public sealed class RequestActor
{
    /// <summary>The message header carrying the actor's JSON from the outbox to consumers.</summary>
    public const string Header = "EduPlatform-Actor";

    private static readonly AsyncLocal<RequestActor?> Ambient = new();
    private readonly Dictionary<string, int> _changes = new(StringComparer.Ordinal);
    private readonly Lock _lock = new();

    private RequestActor(Actor actor, string method, string path, string? route, string? traceId)
    {
        Actor = actor;
        Json = actor.ToJson();
        Method = method;
        Path = path;
        Route = route;
        TraceId = traceId;
    }

    public static RequestActor? Current => Ambient.Value;

    public Actor Actor { get; }
    public string Json { get; }
    public string Method { get; }
    public string Path { get; }
    public string? Route { get; }
    public string? TraceId { get; }

    /// <summary>
    /// The county the write changes (its route's county, or the one its county scope found: a school's, a
    /// teacher's; "139901→139902" for a move), which may differ from the caller's own (a city-level clerk).
    /// </summary>
    public string? ChangedCounty { get; set; }

    /// <summary>Notes <paramref name="count"/> changes of a kind ("TeacherRecorded event", "Teacher added") for the audit.</summary>
    public void Note(string what, int count = 1)
    {
        lock (_lock)
        {
            _changes[what] = _changes.GetValueOrDefault(what) + count;
        }
    }

    public bool HasChanges
    {
        get
        {
            lock (_lock)
            {
                return _changes.Count > 0;
            }
        }
    }

    /// <summary>What was noted since the last audit entry ("Teacher added ×12, TeacherRecorded event ×12"), and starts afresh.</summary>
    public string TakeChanges()
    {
        lock (_lock)
        {
            var what = string.Join(", ", _changes.OrderBy(c => c.Key, StringComparer.Ordinal)
                .Select(c => c.Value == 1 ? c.Key : $"{c.Key} ×{c.Value}"));
            _changes.Clear();
            return what;
        }
    }

    /// <summary>Runs an authenticated write with its actor ambient.</summary>
    internal static async Task RunAsync(HttpContext http, RequestDelegate next)
    {
        if (http.User.Identity?.IsAuthenticated != true || !DepartmentWriteHandler.IsWrite(http.Request.Method))
        {
            await next(http);
            return;
        }
        var caller = Caller.From(http.User);
        var route = (http.GetEndpoint() as RouteEndpoint)?.RoutePattern.RawText;
        Ambient.Value = new RequestActor(new Actor(caller.Subject, caller.Department, caller.County), http.Request.Method,
            http.Request.Path, route, System.Diagnostics.Activity.Current?.TraceId.ToString())
        {
            ChangedCounty = PlatformAccess.CountyInRoute(http.Request)?.County,
        };
        try
        {
            await next(http);
        }
        finally
        {
            Ambient.Value = null;
        }
    }
}
