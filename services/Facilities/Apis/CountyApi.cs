using System.ComponentModel.DataAnnotations;
using EduPlatform.Contracts.Facilities;
using EduPlatform.Facilities.Domain;
using EduPlatform.Facilities.Infrastructure;
using EduPlatform.Kernel;
using EduPlatform.Messaging;
using EduPlatform.ServiceDefaults;
using EduPlatform.WebApi;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace EduPlatform.Facilities.Apis;

public static class CountyApi
{
    public static IEndpointRouteBuilder MapCountyApi(this IEndpointRouteBuilder app)
    {
        var counties = app.MapGroup("/api/counties").WithTags("Counties");
        counties.MapGet("/", ListCounties);
        counties.MapGet("/{code}", GetCounty);
        counties.MapPut("/{code}", PutCounty);
        return app;
    }

    public sealed record CountyDto(string Code, string Name, DateTimeOffset UpdatedAt);

    private static CountyDto ToDto(County c) => new(c.Code, c.Name, c.UpdatedAt);

    public sealed record PutCountyRequest(
        [property: Required, StringLength(100, MinimumLength = 1)] string Name);

    /// <summary>Every county in the registry, by code.</summary>
    public static async Task<Ok<CountyDto[]>> ListCounties(FacilitiesDbContext db, CancellationToken ct) =>
        TypedResults.Ok(await db.Counties.AsNoTracking().OrderBy(c => c.Code)
            .Select(c => new CountyDto(c.Code, c.Name, c.UpdatedAt)).ToArrayAsync(ct));

    /// <summary>One county of the registry.</summary>
    public static async Task<Results<Ok<CountyDto>, NotFound>> GetCounty(string code, FacilitiesDbContext db, CancellationToken ct) =>
        await db.Counties.AsNoTracking().Where(c => c.Code == code)
            .Select(c => new CountyDto(c.Code, c.Name, c.UpdatedAt)).SingleOrDefaultAsync(ct) is { } county
            ? TypedResults.Ok(county)
            : TypedResults.NotFound();

    /// <summary>Creates or renames a county and announces it (CountyRecorded); repeating the same request changes nothing.</summary>
    public static async Task<Results<Ok<CountyDto>, ValidationProblem>> PutCounty(
        [RegularExpression(Codes.CountyPattern, ErrorMessage = Codes.CountyMessage)] string code,
        PutCountyRequest request, FacilitiesDbContext db, TimeProvider clock, CancellationToken ct)
    {
        var problems = new Problems();
        if (problems.Name("", "name", request.Name, 100) is not { } name)
        {
            return BulkInput.Refused(problems);
        }
        // Read, decide and write under the county lock: two creations would both insert, two renames both announce the
        // same version with different names (and the read models keep whichever arrives first).
        await using var write = await db.BeginCountyWriteAsync(code, ct);
        var county = await db.Counties.FindAsync([code], ct);
        if (county is null)
        {
            county = new County { Code = code, Name = name };
            db.Counties.Add(county);
        }
        else if (county.Name == name)
        {
            // A retried request: nothing changed, nothing to announce.
            return TypedResults.Ok(ToDto(county));
        }
        county.Name = name;
        county.UpdatedAt = clock.GetUtcNow();
        county.Version++;
        db.AddEvent(new CountyRecorded(county.Code, county.Name, county.Version, county.UpdatedAt), clock);
        await write.CommitAsync(ct);
        return TypedResults.Ok(ToDto(county));
    }
}
