using EduPlatform.Contracts.StudentWelfare;
using EduPlatform.Messaging;
using EduPlatform.ServiceDefaults;
using EduPlatform.WebApi;
using EduPlatform.WebApi.Access;
using EduPlatform.StudentWelfare.Domain;
using EduPlatform.StudentWelfare.Infrastructure;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace EduPlatform.StudentWelfare.Apis;

/// <summary>A county's migrant, disabled and left-behind children and its high-school quota places.</summary>
public static class CountyReturnApi
{
    public static IEndpointRouteBuilder MapCountyReturnApi(this IEndpointRouteBuilder app)
    {
        var county = app.MapGroup("/api/counties/{county}/years/{year:int}/county-return").WithTags("County returns").ForCountyInRoute();
        county.MapPut("/", PutCountyReturn);
        county.MapGet("/", GetCountyReturn);
        return app;
    }

    public sealed record CountyReturnDto(string CountyCode, int Year, int Revision, DateTimeOffset SubmittedAt, CountyFigures Figures,
        decimal? MigrantPlacedPercent, decimal? DisabledEnrolledPercent, decimal? LeftBehindCaredPercent, decimal? QuotaPercent);

    private static decimal? Percent(int part, int all) => all == 0 ? null : Math.Round(part * 100m / all, 2, MidpointRounding.AwayFromZero);

    private static CountyReturnDto ToDto(CountyReturn r)
    {
        var f = r.Figures;
        return new CountyReturnDto(r.CountyCode, r.Year, r.Revision, r.SubmittedAt, f,
            Percent(f.MigrantInPublicSchools + f.MigrantInFundedPrivatePlaces, f.MigrantEligible),
            Percent(f.DisabledInRegularClasses + f.DisabledInSpecialSchools + f.DisabledHomeTuition, f.DisabledSchoolAge),
            Percent(f.LeftBehindWithCare, f.LeftBehind), Percent(f.QuotaAllocated, f.QuotaPlan));
    }

    /// <summary>The county's return for the year, whole; a resubmission replaces it, a repeat changes nothing.</summary>
    public static async Task<Results<Ok<CountyReturnDto>, ValidationProblem>> PutCountyReturn(string county, int year,
        CountyReturnRequest request, WelfareDbContext db, TimeProvider clock, CancellationToken ct)
    {
        var problems = await Requests.CheckCountyYearAsync(county, year, db, ct);
        var figures = CountyReturnRules.Validate(request, problems);
        if (problems.Any || figures is null)
        {
            return BulkInput.Refused(problems);
        }
        await using var write = await db.BeginCountyWriteAsync(county, ct);
        var stored = await db.CountyReturns.SingleOrDefaultAsync(r => r.CountyCode == county && r.Year == year, ct);
        if (stored?.Figures == figures)
        {
            return TypedResults.Ok(ToDto(stored));
        }
        if (stored is null)
        {
            stored = new CountyReturn { CountyCode = county, Year = year, Figures = figures };
            db.CountyReturns.Add(stored);
        }
        stored.Figures = figures;
        stored.Revision++;
        stored.SubmittedAt = clock.GetUtcNow();
        var f = figures;
        db.AddEvent(new CountyWelfareReported(county, year, stored.Revision, f.MigrantEligible, f.MigrantInPublicSchools,
            f.MigrantInFundedPrivatePlaces, f.DisabledSchoolAge, f.DisabledInRegularClasses, f.DisabledInSpecialSchools,
            f.DisabledHomeTuition, f.DisabledCharged, f.LeftBehind, f.LeftBehindWithCare, f.QuotaPlan, f.QuotaAllocated,
            stored.SubmittedAt), clock);
        await write.CommitAsync(ct);
        return TypedResults.Ok(ToDto(stored));
    }

    /// <summary>The county's return for the year: migrant, disabled and left-behind children, quota places.</summary>
    public static async Task<Results<Ok<CountyReturnDto>, NotFound>> GetCountyReturn(string county, int year, WelfareDbContext db,
        CancellationToken ct) =>
        await db.CountyReturns.AsNoTracking().SingleOrDefaultAsync(r => r.CountyCode == county && r.Year == year, ct) is { } r
            ? TypedResults.Ok(ToDto(r))
            : TypedResults.NotFound();
}
