using System.ComponentModel.DataAnnotations;
using EduPlatform.Contracts.Staffing;
using EduPlatform.Kernel;
using EduPlatform.Messaging;
using EduPlatform.ServiceDefaults;
using EduPlatform.WebApi.Access;
using EduPlatform.Staffing.Domain;
using EduPlatform.Staffing.Infrastructure;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace EduPlatform.Staffing.Apis;

public static class PayReferenceApi
{
    public static IEndpointRouteBuilder MapPayReferenceApi(this IEndpointRouteBuilder app)
    {
        var pay = app.MapGroup("/api/pay-references").WithTags("Pay references");
        pay.MapGet("/{countyCode}", ListPayReferences);
        pay.MapPut("/{countyCode}/{year:int}", PutPayReference).ForCountyInRoute("countyCode");
        return app;
    }

    public sealed record TownPayDto(Rank Rank, decimal AveragePay);

    public sealed record PayReferenceDto(string CountyCode, int Year, decimal CivilServantAveragePay, DateTimeOffset UpdatedAt, TownPayDto[] TownPay);

    private static PayReferenceDto ToDto(PayReference p, IEnumerable<TownPay> town) => new(p.CountyCode, p.Year, p.CivilServantAveragePay,
        p.UpdatedAt, town.Where(t => t.CountyCode == p.CountyCode && t.Year == p.Year).OrderBy(t => t.Rank)
            .Select(t => new TownPayDto(t.Rank, t.AveragePay)).ToArray());

    public sealed record TownPayRequest(Rank Rank, [property: Range(typeof(decimal), "0", "10000000")] decimal AveragePay);

    /// <summary>Average annual pay in 元: civil servants', and town teachers' by rank (optional).</summary>
    public sealed record PutPayReferenceRequest(
        [property: Range(typeof(decimal), "0", "10000000")] decimal CivilServantAveragePay,
        TownPayRequest[]? TownPay = null);

    /// <summary>A county's civil servants' average pay and town teachers' pay by rank, per year.</summary>
    public static async Task<Ok<PayReferenceDto[]>> ListPayReferences(string countyCode, StaffingDbContext db, CancellationToken ct)
    {
        var references = await db.PayReferences.AsNoTracking().Where(p => p.CountyCode == countyCode).OrderBy(p => p.Year).ToListAsync(ct);
        var town = await db.TownPay.AsNoTracking().Where(t => t.CountyCode == countyCode).ToListAsync(ct);
        return TypedResults.Ok(references.Select(p => ToDto(p, town)).ToArray());
    }

    /// <summary>Records a county's civil-servant pay for a year; repeating the request changes nothing.</summary>
    public static async Task<Ok<PayReferenceDto>> PutPayReference(
        [RegularExpression(Codes.CountyPattern, ErrorMessage = Codes.CountyMessage)] string countyCode,
        [Range(Codes.FirstYear, Codes.LastYear)] int year,
        PutPayReferenceRequest request, StaffingDbContext db, TimeProvider clock, CancellationToken ct)
    {
        // Two first records of the same county and year would both insert: the second waits, then finds the first.
        await using var write = await db.BeginWriteAsync(ct, $"pay-reference:{countyCode}:{year}");
        var pay = await db.PayReferences.FindAsync([countyCode, year], ct);
        var town = await db.TownPay.Where(t => t.CountyCode == countyCode && t.Year == year).ToListAsync(ct);
        var wanted = (request.TownPay ?? []).DistinctBy(t => t.Rank).OrderBy(t => t.Rank).ToList();
        if (pay is null)
        {
            pay = new PayReference { CountyCode = countyCode, Year = year };
            db.PayReferences.Add(pay);
        }
        else if (pay.CivilServantAveragePay == request.CivilServantAveragePay
                 && town.OrderBy(t => t.Rank).Select(t => (t.Rank, t.AveragePay)).SequenceEqual(wanted.Select(t => (t.Rank, t.AveragePay))))
        {
            return TypedResults.Ok(ToDto(pay, town));
        }
        pay.CivilServantAveragePay = request.CivilServantAveragePay;
        pay.UpdatedAt = clock.GetUtcNow();
        db.TownPay.RemoveRange(town);
        town = wanted.Select(t => new TownPay { CountyCode = countyCode, Year = year, Rank = t.Rank, AveragePay = t.AveragePay }).ToList();
        db.TownPay.AddRange(town);
        db.AddEvent(new PayReferenceRecorded(pay.CountyCode, pay.Year, pay.CivilServantAveragePay, pay.UpdatedAt,
            [.. town.Select(t => t.Rank)], [.. town.Select(t => t.AveragePay)]), clock);
        await write.CommitAsync(ct);
        return TypedResults.Ok(ToDto(pay, town));
    }
}
