using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace EduPlatform.WebApi.Access;

/// <summary>Who submitted a write, as stored with the audit and carried by the events it caused.</summary>
public sealed record Actor(string Subject, string? Department, string? County)
{
    public string ToJson() => JsonSerializer.Serialize(this, JsonSerializerOptions.Web);

    public static Actor? FromJson(string? json) => json is null ? null : JsonSerializer.Deserialize<Actor>(json, JsonSerializerOptions.Web);
}

/// <summary>
/// The write a request scope handles, if any: begun by the access middleware for an authenticated write (registered by
/// <c>AddPlatformAccess</c>), and read through the scope by the audit interceptor and the outbox — so that the outbox
/// stamps each event with its actor and the audit records what the request changed, on every path, EF or COPY.
/// Consumers, relays and background work have a scope without one.
/// </summary>
public sealed class CurrentWrite
{
    public RequestActor? Actor { get; private set; }

    internal void Begin(RequestActor actor) => Actor = actor;

    /// <summary>
    /// The write of the scope <paramref name="db"/> was made in: the context's options come from that scope
    /// (<c>AddDbContext</c> makes them per scope), so the audit and the outbox see the request's write, not another's.
    /// </summary>
    public static RequestActor? Of(DbContext db) =>
        db.GetService<IDbContextOptions>().FindExtension<CoreOptionsExtension>()?.ApplicationServiceProvider?.GetService<CurrentWrite>()?.Actor;
}

/// <summary>Who is writing, through which request, and what the write changed so far (for its audit entry).</summary>
public sealed class RequestActor
{
    /// <summary>The message header carrying the actor's JSON from the outbox to consumers.</summary>
    public const string Header = "EduPlatform-Actor";

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

    /// <summary>Begins the request scope's write when the request is an authenticated write.</summary>
    internal static Task BeginAsync(HttpContext http, RequestDelegate next)
    {
        if (http.User.Identity?.IsAuthenticated == true && DepartmentWriteHandler.IsWrite(http.Request.Method))
        {
            var caller = Caller.From(http.User);
            var route = (http.GetEndpoint() as RouteEndpoint)?.RoutePattern.RawText;
            http.RequestServices.GetRequiredService<CurrentWrite>().Begin(new RequestActor(
                new Actor(caller.Subject, caller.Department, caller.County), http.Request.Method, http.Request.Path, route,
                System.Diagnostics.Activity.Current?.TraceId.ToString())
            {
                ChangedCounty = PlatformAccess.CountyInRoute(http.Request)?.County,
            });
        }
        return next(http);
    }
}
