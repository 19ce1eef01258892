using System.ComponentModel.DataAnnotations;
using EduPlatform.Contracts.Staffing;
using EduPlatform.Messaging;
using EduPlatform.ServiceDefaults;
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
        pay.MapPut("/{countyCode}/{year:int}", PutPayReference);
        return app;
    }

    public sealed record PayReferenceDto(string CountyCode, int Year, decimal CivilServantAveragePay, DateTimeOffset UpdatedAt);

    private static PayReferenceDto ToDto(PayReference p) => new(p.CountyCode, p.Year, p.CivilServantAveragePay, p.UpdatedAt);

    /// <summary>Average annual pay in 元.</summary>
    public sealed record PutPayReferenceRequest(
        [property: Range(typeof(decimal), "0", "10000000")] decimal CivilServantAveragePay);

    public static async Task<Ok<PayReferenceDto[]>> ListPayReferences(string countyCode, StaffingDbContext db, CancellationToken ct) =>
        TypedResults.Ok(await db.PayReferences.AsNoTracking().Where(p => p.CountyCode == countyCode).OrderBy(p => p.Year)
            .Select(p => new PayReferenceDto(p.CountyCode, p.Year, p.CivilServantAveragePay, p.UpdatedAt))
            .ToArrayAsync(ct));

    /// <summary>Records a county's civil-servant pay for a year; repeating the request changes nothing.</summary>
    public static async Task<Ok<PayReferenceDto>> PutPayReference(
        [RegularExpression(Codes.CountyPattern, ErrorMessage = Codes.CountyMessage)] string countyCode,
        [Range(Codes.FirstYear, Codes.LastYear)] int year,
        PutPayReferenceRequest request, StaffingDbContext db, TimeProvider clock, CancellationToken ct)
    {
        var pay = await db.PayReferences.FindAsync([countyCode, year], ct);
        if (pay is null)
        {
            pay = new PayReference { CountyCode = countyCode, Year = year };
            db.PayReferences.Add(pay);
        }
        else if (pay.CivilServantAveragePay == request.CivilServantAveragePay)
        {
            return TypedResults.Ok(ToDto(pay));
        }
        pay.CivilServantAveragePay = request.CivilServantAveragePay;
        pay.UpdatedAt = clock.GetUtcNow();
        db.AddEvent(new PayReferenceRecorded(pay.CountyCode, pay.Year, pay.CivilServantAveragePay, pay.UpdatedAt), clock);
        await db.SaveChangesAsync(ct);
        return TypedResults.Ok(ToDto(pay));
    }
}
