using System.ComponentModel.DataAnnotations;
using EduPlatform.Contracts.Funding;
using EduPlatform.Funding.Domain;
using EduPlatform.Funding.Infrastructure;
using EduPlatform.Messaging;
using EduPlatform.ServiceDefaults;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace EduPlatform.Funding.Apis;

public static class FundingNormApi
{
    public static IEndpointRouteBuilder MapFundingNormApi(this IEndpointRouteBuilder app)
    {
        var norms = app.MapGroup("/api/norms").WithTags("Funding norms");
        norms.MapGet("/", ListNorms);
        norms.MapPut("/{year:int}", PutNorm);
        return app;
    }

    public sealed record FundingNormDto(int Year, decimal PrimaryPerStudent, decimal JuniorPerStudent, DateTimeOffset UpdatedAt);

    private static FundingNormDto ToDto(FundingNorm n) => new(n.Year, n.PrimaryPerStudent, n.JuniorPerStudent, n.UpdatedAt);

    /// <summary>Amounts in 元 per student per year.</summary>
    public sealed record PutFundingNormRequest(
        [property: Range(typeof(decimal), "0", "1000000")] decimal PrimaryPerStudent,
        [property: Range(typeof(decimal), "0", "1000000")] decimal JuniorPerStudent);

    public static async Task<Ok<FundingNormDto[]>> ListNorms(FundingDbContext db, CancellationToken ct) =>
        TypedResults.Ok(await db.FundingNorms.AsNoTracking().OrderBy(n => n.Year)
            .Select(n => new FundingNormDto(n.Year, n.PrimaryPerStudent, n.JuniorPerStudent, n.UpdatedAt))
            .ToArrayAsync(ct));

    /// <summary>Sets the province's norm for a year; repeating the request changes nothing.</summary>
    public static async Task<Ok<FundingNormDto>> PutNorm(
        [Range(Codes.FirstYear, Codes.LastYear)] int year,
        PutFundingNormRequest request, FundingDbContext db, TimeProvider clock, CancellationToken ct)
    {
        var norm = await db.FundingNorms.FindAsync([year], ct);
        if (norm is null)
        {
            norm = new FundingNorm { Year = year };
            db.FundingNorms.Add(norm);
        }
        else if (norm.PrimaryPerStudent == request.PrimaryPerStudent && norm.JuniorPerStudent == request.JuniorPerStudent)
        {
            return TypedResults.Ok(ToDto(norm));
        }
        norm.PrimaryPerStudent = request.PrimaryPerStudent;
        norm.JuniorPerStudent = request.JuniorPerStudent;
        norm.UpdatedAt = clock.GetUtcNow();
        db.AddEvent(new FundingNormSet(norm.Year, norm.PrimaryPerStudent, norm.JuniorPerStudent, norm.UpdatedAt), clock);
        await db.SaveChangesAsync(ct);
        return TypedResults.Ok(ToDto(norm));
    }
}
