using System.Security.Claims;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace EduPlatform.WebApi.Access;

/// <summary>
/// Marks a write endpoint a county office may use and says how to find the county it changes; a
/// county office's token is refused (403, before anything is read or stored) for any other county.
/// </summary>
public sealed class CountyScope(Func<EndpointFilterInvocationContext, ValueTask<string?>> countyOf)
{
    /// <summary>The county the request changes (from its route or, once bound, its body); null when unknown.</summary>
    public Func<EndpointFilterInvocationContext, ValueTask<string?>> CountyOf { get; } = countyOf;
}

/// <summary>Looks up a school's county in the service's registry (its own, or its copy of facilities').</summary>
public interface ISchoolCounties
{
    Task<string?> CountyOfAsync(string schoolCode, CancellationToken ct);

    /// <summary>Whether the county is in the registry (every county-keyed write is checked against it).</summary>
    Task<bool> CountyKnownAsync(string countyCode, CancellationToken ct);
}

public static class CountyScopeExtensions
{
    /// <summary>The county is the route value <paramref name="name"/> (e.g. /api/counties/{county}/…).</summary>
    public static TBuilder ForCountyInRoute<TBuilder>(this TBuilder builder, string name = "county")
        where TBuilder : IEndpointConventionBuilder =>
        builder.ForCounty(context => ValueTask.FromResult(context.HttpContext.Request.RouteValues[name] as string));

    /// <summary>The county is the one of the school named by the route value <paramref name="name"/>.</summary>
    public static TBuilder ForSchoolInRoute<TBuilder>(this TBuilder builder, string name = "code")
        where TBuilder : IEndpointConventionBuilder =>
        builder.ForCounty(context => CountyOfSchoolAsync(context.HttpContext, context.HttpContext.Request.RouteValues[name] as string));

    public static async ValueTask<string?> CountyOfSchoolAsync(HttpContext http, string? schoolCode) =>
        schoolCode is null
            ? null
            : await http.RequestServices.GetRequiredService<ISchoolCounties>().CountyOfAsync(schoolCode, http.RequestAborted);

    /// <summary>
    /// The county a request changes when it names two — where a thing is and where it goes: either one,
    /// if they agree or only one is known; otherwise both ("139901→139902"), which no county office's
    /// code equals, so only the city level moves things between counties.
    /// </summary>
    public static string? Between(string? from, string? to) =>
        from is not null && to is not null && from != to ? $"{from}→{to}" : from ?? to;

    /// <summary>
    /// Records a write finds by a natural key (a teacher's ID number) are changed where they are: a county
    /// office naming a record that is in another county today — to move it, or to mark it as left — is
    /// refused (403, and the transaction rolls back). Moving a record between counties is a city-level act.
    /// </summary>
    public static void DemandRecordsInCounty(this ClaimsPrincipal user, string county, IEnumerable<(string Where, string RecordCounty)> found,
        string what)
    {
        var caller = Caller.From(user);
        if (caller.IsCityLevel)
        {
            return;
        }
        var elsewhere = found.Where(f => f.RecordCounty != county).ToList();
        if (elsewhere.Count > 0)
        {
            throw new ForbiddenWriteException($"County {caller.County}'s office may change only its own county's records, but {what} at " +
                $"{string.Join(", ", elsewhere.Take(20).Select(e => $"{(e.Where.Length == 0 ? "the request" : e.Where)} (now in county {e.RecordCounty})"))}" +
                $"{(elsewhere.Count > 20 ? $" and {elsewhere.Count - 20} more" : "")} belong to another county; moving them between counties is a city-level act. Nothing was stored.");
        }
    }

    public static TBuilder ForCounty<TBuilder>(this TBuilder builder, Func<EndpointFilterInvocationContext, ValueTask<string?>> countyOf)
        where TBuilder : IEndpointConventionBuilder
    {
        var scope = new CountyScope(countyOf);
        builder.WithMetadata(scope);
        builder.AddEndpointFilter(async (context, next) =>
        {
            var http = context.HttpContext;
            if (!DepartmentWriteHandler.IsWrite(http.Request.Method))
            {
                return await next(context);
            }
            var caller = Caller.From(http.User);
            var county = await scope.CountyOf(context);
            if (county is not null && http.RequestServices.GetRequiredService<CurrentWrite>().Actor is { } actor)
            {
                actor.ChangedCounty = county; // for the audit, whoever writes
            }
            if (caller.IsCityLevel || county is null)
            {
                // The city level writes anywhere; an unknown school or teacher: the endpoint gives its own 400/404 and stores nothing.
                return await next(context);
            }
            return county == caller.County
                ? await next(context)
                : AccessProblems.Forbidden(http,
                    $"County {caller.County}'s office may change only its own county's data; this request changes county {county}'s.");
        });
        return builder;
    }
}
