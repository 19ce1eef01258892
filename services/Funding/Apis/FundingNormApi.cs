using System.ComponentModel.DataAnnotations;
using EduPlatform.Contracts.Funding;
using EduPlatform.Funding.Domain;
using EduPlatform.Funding.Infrastructure;
using EduPlatform.Kernel;
using EduPlatform.Messaging;
using EduPlatform.Registry;
using EduPlatform.ServiceDefaults;
using EduPlatform.WebApi;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace EduPlatform.Funding.Apis;

/// <summary>The province's funding norms, and a county's own where it sets them higher.</summary>
public static class FundingNormApi
{
    public static IEndpointRouteBuilder MapFundingNormApi(this IEndpointRouteBuilder app)
    {
        var norms = app.MapGroup("/api/norms").WithTags("Funding norms");
        norms.MapGet("/", ListNorms);
        norms.MapPut("/{year:int}", PutNorm);
        var county = app.MapGroup("/api/counties/{county}/norms/{year:int}").WithTags("Funding norms");
        county.MapPut("/", PutCountyNorm);
        county.MapGet("/", GetEffectiveNorm);
        return app;
    }

    public sealed record FundingNormDto(string Scope, int Year, decimal PrimaryPerStudent, decimal JuniorPerStudent, decimal BoardingSupplement,
        decimal SpecialEducationPerStudent, int SmallSchoolFloor, DateTimeOffset UpdatedAt);

    private static FundingNormDto ToDto(FundingNorm n) => new(n.Scope, n.Year, n.PrimaryPerStudent, n.JuniorPerStudent, n.BoardingSupplement,
        n.SpecialEducationPerStudent, n.SmallSchoolFloor, n.UpdatedAt);

    /// <summary>Amounts in 元 per student (or boarder) per year; the floor in students.</summary>
    public sealed record PutFundingNormRequest(
        [property: Range(typeof(decimal), "0", "1000000")] decimal PrimaryPerStudent,
        [property: Range(typeof(decimal), "0", "1000000")] decimal JuniorPerStudent,
        [property: Range(typeof(decimal), "0", "1000000")] decimal BoardingSupplement = 0,
        [property: Range(typeof(decimal), "0", "1000000")] decimal SpecialEducationPerStudent = 0,
        [property: Range(0, 1000)] int SmallSchoolFloor = 100);

    /// <summary>The provincial per-student funding norms, per year.</summary>
    public static async Task<Ok<FundingNormDto[]>> ListNorms(FundingDbContext db, CancellationToken ct) =>
        TypedResults.Ok((await db.FundingNorms.AsNoTracking().OrderBy(n => n.Year).ThenBy(n => n.Scope).ToListAsync(ct)).Select(ToDto).ToArray());

    /// <summary>Sets the province's norm for a year; every assessment of that year follows. Repeating it changes nothing.</summary>
    public static async Task<Results<Ok<FundingNormDto>, ValidationProblem>> PutNorm([Range(Codes.FirstYear, Codes.LastYear)] int year,
        PutFundingNormRequest request, FundingDbContext db, Assessor assessor, TimeProvider clock, CancellationToken ct) =>
        await SetAsync(FundingNorm.Province, year, request, db, assessor, clock, ct);

    /// <summary>A county's own norm for a year: never below the province's, figure by figure (400 naming the figure).</summary>
    public static async Task<Results<Ok<FundingNormDto>, ValidationProblem>> PutCountyNorm(string county,
        [Range(Codes.FirstYear, Codes.LastYear)] int year, PutFundingNormRequest request, FundingDbContext db, Assessor assessor,
        TimeProvider clock, CancellationToken ct)
    {
        var problems = new Problems();
        await RegistryChecks.CountyAsync(db, county, problems, ct);
        if (problems.Any)
        {
            return BulkInput.Refused(problems);
        }
        var province = await db.FundingNorms.AsNoTracking().SingleOrDefaultAsync(n => n.Scope == FundingNorm.Province && n.Year == year, ct);
        if (province is null)
        {
            problems.Error("", "year", $"The province has set no norm for {year}; a county's norm builds on it.");
            return BulkInput.Refused(problems);
        }
        void AtLeast(string field, decimal value, decimal floor)
        {
            if (value < floor)
            {
                problems.Error("", field, $"{value} is below the province's {floor}: a county may set its norm higher, never lower.");
            }
        }
        AtLeast("primaryPerStudent", request.PrimaryPerStudent, province.PrimaryPerStudent);
        AtLeast("juniorPerStudent", request.JuniorPerStudent, province.JuniorPerStudent);
        AtLeast("boardingSupplement", request.BoardingSupplement, province.BoardingSupplement);
        AtLeast("specialEducationPerStudent", request.SpecialEducationPerStudent, province.SpecialEducationPerStudent);
        AtLeast("smallSchoolFloor", request.SmallSchoolFloor, province.SmallSchoolFloor);
        return problems.Any ? BulkInput.Refused(problems) : await SetAsync(county, year, request, db, assessor, clock, ct);
    }

    private static async Task<Results<Ok<FundingNormDto>, ValidationProblem>> SetAsync(string scope, int year, PutFundingNormRequest request,
        FundingDbContext db, Assessor assessor, TimeProvider clock, CancellationToken ct)
    {
        // Two first norms of a scope and year would both insert: the second waits, then finds the first.
        await using var write = await db.BeginWriteAsync(ct, $"funding-norm:{scope}:{year}");
        var norm = await db.FundingNorms.SingleOrDefaultAsync(n => n.Scope == scope && n.Year == year, ct);
        var wanted = (request.PrimaryPerStudent, request.JuniorPerStudent, request.BoardingSupplement, request.SpecialEducationPerStudent,
            request.SmallSchoolFloor);
        if (norm is not null && norm.Figures == wanted)
        {
            return TypedResults.Ok(ToDto(norm));
        }
        if (norm is null)
        {
            norm = new FundingNorm { Scope = scope, Year = year };
            db.FundingNorms.Add(norm);
        }
        (norm.PrimaryPerStudent, norm.JuniorPerStudent, norm.BoardingSupplement, norm.SpecialEducationPerStudent, norm.SmallSchoolFloor) = wanted;
        norm.UpdatedAt = clock.GetUtcNow();
        db.AddEvent(new FundingNormSet(year, norm.PrimaryPerStudent, norm.JuniorPerStudent, norm.UpdatedAt,
            scope == FundingNorm.Province ? null : scope, norm.BoardingSupplement, norm.SpecialEducationPerStudent, norm.SmallSchoolFloor), clock);
        await db.SaveChangesAsync(ct);
        // Every school of the year (or of the county) is owed something else now.
        var counties = scope == FundingNorm.Province
            ? await db.Schools.Select(s => s.CountyCode).Distinct().ToListAsync(ct)
            : [scope];
        // All at once, in lock-id order: the enrolment consumer locks a batch's counties so, and one at a time in another
        // order the two could each hold a county the other waits for.
        await write.LockAsync(counties.Select(TransactionLocks.CountyKey), ct);
        foreach (var county in counties.Order())
        {
            var schools = await db.Schools.Where(s => s.CountyCode == county).Select(s => s.Code).ToListAsync(ct);
            await assessor.ReassessAsync(schools, year, ct);
        }
        await write.CommitAsync(ct);
        return TypedResults.Ok(ToDto(norm));
    }

    /// <summary>The norm in force in a county for a year: its own figure where higher, else the province's.</summary>
    public static async Task<Results<Ok<FundingNormDto>, NotFound>> GetEffectiveNorm(string county, int year, FundingDbContext db, CancellationToken ct)
    {
        var norms = await db.FundingNorms.AsNoTracking().Where(n => (n.Scope == FundingNorm.Province || n.Scope == county) && n.Year == year)
            .ToListAsync(ct);
        var province = norms.SingleOrDefault(n => n.Scope == FundingNorm.Province);
        return province is null ? TypedResults.NotFound()
            : TypedResults.Ok(ToDto(FundingNorm.Effective(province, norms.SingleOrDefault(n => n.Scope == county))));
    }
}
