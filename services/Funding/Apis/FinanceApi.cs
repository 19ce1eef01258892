using EduPlatform.Contracts.Funding;
using EduPlatform.Funding.Domain;
using EduPlatform.Funding.Infrastructure;
using EduPlatform.Kernel;
using EduPlatform.Messaging;
using EduPlatform.Registry;
using EduPlatform.ServiceDefaults;
using EduPlatform.WebApi;
using EduPlatform.WebApi.Access;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace EduPlatform.Funding.Apis;

/// <summary>A county's education finance per year, and its growth year on year ("三个增长").</summary>
public static class FinanceApi
{
    public static IEndpointRouteBuilder MapFinanceApi(this IEndpointRouteBuilder app)
    {
        var finance = app.MapGroup("/api/counties/{county}/finance").WithTags("County finance").ForCountyInRoute();
        finance.MapPut("/{year:int}", PutFinance);
        finance.MapGet("/", GetGrowth);
        return app;
    }

    public sealed record FinanceRequest(decimal? EducationSpending, decimal? RecurrentRevenue, decimal? PrimarySpendingPerStudent,
        decimal? JuniorSpendingPerStudent);

    /// <summary>The county's report for a year (元); a resubmission replaces it, a repeat changes nothing.</summary>
    public static async Task<Results<Ok<FinanceRequest>, ValidationProblem>> PutFinance(string county, int year, FinanceRequest request,
        FundingDbContext db, TimeProvider clock, CancellationToken ct)
    {
        var problems = new Problems();
        Codes.CheckYear(year, problems);
        await RegistryChecks.CountyAsync(db, county, problems, ct);
        var education = problems.NotNegative("", "educationSpending", request.EducationSpending, Bounds.CountyMoney);
        var revenue = problems.NotNegative("", "recurrentRevenue", request.RecurrentRevenue, Bounds.CountyMoney);
        var primary = problems.NotNegative("", "primarySpendingPerStudent", request.PrimarySpendingPerStudent, Bounds.PerStudentMoney);
        var junior = problems.NotNegative("", "juniorSpendingPerStudent", request.JuniorSpendingPerStudent, Bounds.PerStudentMoney);
        if (problems.Any)
        {
            return BulkInput.Refused(problems);
        }
        await using var write = await db.BeginCountyWriteAsync(county, ct);
        var finance = await db.CountyFinance.SingleOrDefaultAsync(f => f.CountyCode == county && f.Year == year, ct);
        var wanted = (education!.Value, revenue!.Value, primary!.Value, junior!.Value);
        if (finance is not null
            && (finance.EducationSpending, finance.RecurrentRevenue, finance.PrimarySpendingPerStudent, finance.JuniorSpendingPerStudent) == wanted)
        {
            return TypedResults.Ok(request);
        }
        if (finance is null)
        {
            finance = new CountyFinance { CountyCode = county, Year = year };
            db.CountyFinance.Add(finance);
        }
        (finance.EducationSpending, finance.RecurrentRevenue, finance.PrimarySpendingPerStudent, finance.JuniorSpendingPerStudent) = wanted;
        finance.Revision++;
        finance.UpdatedAt = clock.GetUtcNow();
        db.AddEvent(new CountyFinanceReported(county, year, finance.Revision, finance.EducationSpending, finance.RecurrentRevenue,
            finance.PrimarySpendingPerStudent, finance.JuniorSpendingPerStudent, finance.UpdatedAt), clock);
        await write.CommitAsync(ct);
        return TypedResults.Ok(request);
    }

    public sealed record GrowthDto(string CountyCode, GrowthYear[] Years);

    /// <summary>
    /// Year on year: education spending growth against recurrent revenue growth, spending per student
    /// (primary, junior), and public funds allocated per student (from the allocations and enrolment).
    /// </summary>
    public static async Task<Ok<GrowthDto>> GetGrowth(string county, FundingDbContext db, CancellationToken ct)
    {
        var years = await db.CountyFinance.AsNoTracking().Where(f => f.CountyCode == county).OrderBy(f => f.Year).ToListAsync(ct);
        var perStudent = (await db.Assessments.AsNoTracking().Where(a => a.CountyCode == county).ToListAsync(ct))
            .GroupBy(a => a.Year)
            .Where(g => g.Sum(a => a.Figures.Students) > 0)
            .ToDictionary(g => g.Key, g => Math.Round(g.Sum(a => a.Figures.PublicFundsAllocated) / g.Sum(a => a.Figures.Students), 2,
                MidpointRounding.AwayFromZero));
        return TypedResults.Ok(new GrowthDto(county, [.. Growth.Compute(years, perStudent)]));
    }
}
