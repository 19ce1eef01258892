using EduPlatform.Inspection.Infrastructure;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace EduPlatform.Inspection.Apis;

public static class CountyApi
{
    public static IEndpointRouteBuilder MapCountyApi(this IEndpointRouteBuilder app)
    {
        app.MapGroup("/api/counties").WithTags("Counties").MapGet("/", ListCounties);
        return app;
    }

    public sealed record CountyDto(string Code, string Name, long Version);

    /// <summary>The counties inspection knows of, as announced by the facilities service (its registry copy).</summary>
    public static async Task<Ok<CountyDto[]>> ListCounties(InspectionDbContext db, CancellationToken ct) =>
        TypedResults.Ok(await db.Counties.AsNoTracking().OrderBy(c => c.Code)
            .Select(c => new CountyDto(c.Code, c.Name, c.Version)).ToArrayAsync(ct));
}
