using System.ComponentModel.DataAnnotations;
using EduPlatform.Facilities.Domain;
using EduPlatform.Facilities.Infrastructure;
using EduPlatform.ServiceDefaults;
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

    public sealed record PutCountyRequest(
        [property: Required, StringLength(100, MinimumLength = 1)] string Name);

    public static async Task<Ok<CountyDto[]>> ListCounties(FacilitiesDbContext db, CancellationToken ct) =>
        TypedResults.Ok(await db.Counties.AsNoTracking().OrderBy(c => c.Code)
            .Select(c => new CountyDto(c.Code, c.Name, c.UpdatedAt)).ToArrayAsync(ct));

    public static async Task<Results<Ok<CountyDto>, NotFound>> GetCounty(string code, FacilitiesDbContext db, CancellationToken ct) =>
        await db.Counties.AsNoTracking().Where(c => c.Code == code)
            .Select(c => new CountyDto(c.Code, c.Name, c.UpdatedAt)).SingleOrDefaultAsync(ct) is { } county
            ? TypedResults.Ok(county)
            : TypedResults.NotFound();

    /// <summary>Creates or renames a county; repeating the same request changes nothing (idempotent).</summary>
    public static async Task<Ok<CountyDto>> PutCounty(
        [RegularExpression(Codes.CountyPattern, ErrorMessage = Codes.CountyMessage)] string code,
        PutCountyRequest request, FacilitiesDbContext db, TimeProvider clock, CancellationToken ct)
    {
        var county = await db.Counties.FindAsync([code], ct);
        if (county is null)
        {
            county = new County { Code = code, Name = request.Name.Trim() };
            db.Counties.Add(county);
        }
        county.Name = request.Name.Trim();
        county.UpdatedAt = clock.GetUtcNow();
        await db.SaveChangesAsync(ct);
        return TypedResults.Ok(new CountyDto(county.Code, county.Name, county.UpdatedAt));
    }
}
