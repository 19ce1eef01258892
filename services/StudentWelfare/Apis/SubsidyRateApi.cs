using System.ComponentModel.DataAnnotations;
using EduPlatform.Contracts.StudentWelfare;
using EduPlatform.Kernel;
using EduPlatform.Messaging;
using EduPlatform.ServiceDefaults;
using EduPlatform.StudentWelfare.Domain;
using EduPlatform.StudentWelfare.Infrastructure;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace EduPlatform.StudentWelfare.Apis;

public static class SubsidyRateApi
{
    public static IEndpointRouteBuilder MapSubsidyRateApi(this IEndpointRouteBuilder app)
    {
        var rates = app.MapGroup("/api/subsidy-rates").WithTags("Subsidy rates");
        rates.MapGet("/", ListRates);
        rates.MapPut("/{year:int}", PutRate);
        return app;
    }

    public sealed record SubsidyRateDto(int Year, decimal PrimaryBoarder, decimal JuniorBoarder, decimal PrimaryNonBoarder,
        decimal JuniorNonBoarder, DateTimeOffset UpdatedAt);

    private static SubsidyRateDto ToDto(SubsidyRate r) =>
        new(r.Year, r.PrimaryBoarder, r.JuniorBoarder, r.PrimaryNonBoarder, r.JuniorNonBoarder, r.UpdatedAt);

    /// <summary>Amounts in 元 per student per year; non-boarders' rates are 0 where the province pays none.</summary>
    public sealed record PutSubsidyRateRequest(
        [property: Range(typeof(decimal), "0", "100000")] decimal PrimaryBoarder,
        [property: Range(typeof(decimal), "0", "100000")] decimal JuniorBoarder,
        [property: Range(typeof(decimal), "0", "100000")] decimal PrimaryNonBoarder = 0,
        [property: Range(typeof(decimal), "0", "100000")] decimal JuniorNonBoarder = 0);

    /// <summary>The province's living-subsidy rates, per year.</summary>
    public static async Task<Ok<SubsidyRateDto[]>> ListRates(WelfareDbContext db, CancellationToken ct) =>
        TypedResults.Ok(await db.SubsidyRates.AsNoTracking().OrderBy(r => r.Year)
            .Select(r => new SubsidyRateDto(r.Year, r.PrimaryBoarder, r.JuniorBoarder, r.PrimaryNonBoarder, r.JuniorNonBoarder, r.UpdatedAt))
            .ToArrayAsync(ct));

    /// <summary>Sets the province's rates for a year, and recomputes the year's coverage; repeating the request changes nothing.</summary>
    public static async Task<Ok<SubsidyRateDto>> PutRate(
        [Range(Codes.FirstYear, Codes.LastYear)] int year,
        PutSubsidyRateRequest request, WelfareDbContext db, SubsidyWriter subsidies, TimeProvider clock, CancellationToken ct)
    {
        // Two first rates for the same year would both insert: the second waits, then finds the first.
        await using var write = await db.BeginWriteAsync(ct, $"subsidy-rate:{year}");
        var rate = await db.SubsidyRates.FindAsync([year], ct);
        if (rate is null)
        {
            rate = new SubsidyRate { Year = year };
            db.SubsidyRates.Add(rate);
        }
        else if ((rate.PrimaryBoarder, rate.JuniorBoarder, rate.PrimaryNonBoarder, rate.JuniorNonBoarder) ==
                 (request.PrimaryBoarder, request.JuniorBoarder, request.PrimaryNonBoarder, request.JuniorNonBoarder))
        {
            return TypedResults.Ok(ToDto(rate));
        }
        rate.PrimaryBoarder = request.PrimaryBoarder;
        rate.JuniorBoarder = request.JuniorBoarder;
        rate.PrimaryNonBoarder = request.PrimaryNonBoarder;
        rate.JuniorNonBoarder = request.JuniorNonBoarder;
        rate.UpdatedAt = clock.GetUtcNow();
        db.AddEvent(new SubsidyRateSet(rate.Year, rate.PrimaryBoarder, rate.JuniorBoarder, rate.UpdatedAt,
            rate.PrimaryNonBoarder, rate.JuniorNonBoarder), clock);
        await db.SaveChangesAsync(ct);
        // What every eligible student is owed changed with the rate.
        await subsidies.ReannounceYearAsync(rate, ct);
        await write.CommitAsync(ct);
        return TypedResults.Ok(ToDto(rate));
    }
}
