using EduPlatform.Funding.Domain;
using EduPlatform.Funding.Infrastructure;
using EduPlatform.Kernel;
using EduPlatform.Registry;
using EduPlatform.ServiceDefaults;
using EduPlatform.WebApi;
using EduPlatform.WebApi.Access;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace EduPlatform.Funding.Apis;

/// <summary>What each school was allocated, what it is owed, and which schools are under-funded.</summary>
public static class AllocationApi
{
    public static IEndpointRouteBuilder MapAllocationApi(this IEndpointRouteBuilder app)
    {
        var county = app.MapGroup("/api/counties/{county}/years/{year:int}").WithTags("Allocations").ForCountyInRoute();
        county.MapPut("/allocations", PutCountyAllocations).AcceptsRows<AllocationRow>();
        county.MapGet("/under-funded", GetUnderFunded);
        app.MapPut("/api/schools/{code}/allocations/{year:int}", PutSchoolAllocation).WithTags("Allocations").ForSchoolInRoute();
        app.MapGet("/api/schools/{code}/funding", GetSchoolFunding).WithTags("Allocations");
        return app;
    }

    public sealed record AllocationRow(string? SchoolCode, decimal? PublicFunds, decimal? SpecialEducationFunds, decimal? TrainingBudget);

    public sealed record AssessmentDto(string SchoolCode, int Year, int Revision, AssessedFigures Figures, decimal PublicFundsShort,
        decimal SpecialEducationShort, decimal TrainingShort, decimal Shortfall);

    private static AssessmentDto ToDto(SchoolAssessment a) => new(a.SchoolCode, a.Year, a.Revision, a.Figures, a.Figures.PublicFundsShort,
        a.Figures.SpecialEducationShort, a.Figures.TrainingShort, a.Figures.Shortfall);

    public sealed record AllocationOutcome(int Received, int Recorded, int Unchanged, AssessmentDto[] Assessments);

    /// <summary>
    /// A county's allocations for the year (JSON array or CSV: schoolCode, publicFunds,
    /// specialEducationFunds, trainingBudget, in 元). Unknown or closed schools, another county's schools
    /// and negative amounts are refused with every row listed; nothing is half-written. The response
    /// gives each school's assessment against the norms and its enrolment.
    /// </summary>
    public static async Task<Results<Ok<AllocationOutcome>, ValidationProblem>> PutCountyAllocations(string county, int year, HttpRequest request,
        FundingDbContext db, Assessor assessor, TimeProvider clock, CancellationToken ct)
    {
        var (rows, unreadable) = await BulkInput.ReadAsync<AllocationRow>(request, "allocations", ct);
        if (unreadable.Any)
        {
            return BulkInput.Refused(unreadable);
        }
        var (outcome, faults) = await WriteAsync(county, year, rows, db, assessor, clock, ct);
        return BulkInput.Answer(outcome, faults);
    }

    public sealed record SchoolAllocationRequest(decimal? PublicFunds, decimal? SpecialEducationFunds, decimal? TrainingBudget);

    /// <summary>One school's allocation for the year (public funds, special-education funds, training budget), reassessed at once.</summary>
    public static async Task<Results<Ok<AllocationOutcome>, ValidationProblem, NotFound>> PutSchoolAllocation(string code, int year,
        SchoolAllocationRequest request, FundingDbContext db, Assessor assessor, TimeProvider clock, CancellationToken ct)
    {
        var county = await db.Schools.Where(s => s.Code == code).Select(s => s.CountyCode).SingleOrDefaultAsync(ct);
        if (county is null)
        {
            return TypedResults.NotFound();
        }
        var row = new Located<AllocationRow>("", new AllocationRow(code, request.PublicFunds, request.SpecialEducationFunds, request.TrainingBudget));
        var (outcome, faults) = await WriteAsync(county, year, [row], db, assessor, clock, ct);
        return outcome is null ? BulkInput.Refused(faults) : TypedResults.Ok(outcome);
    }

    /// <summary>Checks and stores the rows, then reassesses their schools: the outcome, or null and every fault.</summary>
    private static async Task<(AllocationOutcome? Outcome, Problems Problems)> WriteAsync(string county, int year,
        IReadOnlyList<Located<AllocationRow>> rows, FundingDbContext db, Assessor assessor, TimeProvider clock, CancellationToken ct)
    {
        var problems = new Problems();
        Codes.CheckYear(year, problems);
        await RegistryChecks.CountyAsync(db, county, problems, ct);
        if (problems.Any)
        {
            return (null, problems);
        }
        await using var write = await db.BeginCountyWriteAsync(county, ct);
        var codes = rows.Select(r => r.Row.SchoolCode).OfType<string>().ToHashSet();
        var registry = await db.Schools.AsNoTracking().Where(s => codes.Contains(s.Code)).ToDictionaryAsync(s => s.Code, ct);
        var valid = new Dictionary<string, (decimal Public, decimal Special, decimal Training)>();
        foreach (var (where, row) in rows)
        {
            var school = RegistryChecks.School(where, row.SchoolCode, county, registry, problems);
            var publicFunds = problems.NotNegative(where, "publicFunds", row.PublicFunds, Bounds.SchoolMoney);
            var special = problems.Optional(where, "specialEducationFunds", row.SpecialEducationFunds, Bounds.SchoolMoney);
            var training = problems.Optional(where, "trainingBudget", row.TrainingBudget, Bounds.SchoolMoney);
            if (school is not null && !valid.TryAdd(school.Code, (publicFunds ?? 0, special, training)))
            {
                problems.Error(where, "schoolCode", $"School {school.Code} is allocated twice in this request.");
            }
        }
        if (problems.Any)
        {
            return (null, problems);
        }
        var stored = await db.Allocations.Where(a => a.Year == year && codes.Contains(a.SchoolCode)).ToDictionaryAsync(a => a.SchoolCode, ct);
        var now = clock.GetUtcNow();
        var recorded = 0;
        foreach (var (code, (publicFunds, special, training)) in valid)
        {
            if (!stored.TryGetValue(code, out var allocation))
            {
                allocation = new Allocation { SchoolCode = code, Year = year, CountyCode = county };
                db.Allocations.Add(allocation);
            }
            else if ((allocation.PublicFunds, allocation.SpecialEducationFunds, allocation.TrainingBudget) == (publicFunds, special, training))
            {
                continue;
            }
            (allocation.PublicFunds, allocation.SpecialEducationFunds, allocation.TrainingBudget) = (publicFunds, special, training);
            allocation.Revision++;
            allocation.UpdatedAt = now;
            recorded++;
        }
        await db.SaveChangesAsync(ct);
        var assessments = await assessor.ReassessAsync(valid.Keys, year, ct);
        await write.CommitAsync(ct);
        return (new AllocationOutcome(valid.Count, recorded, valid.Count - recorded,
            assessments.OrderBy(a => a.SchoolCode).Select(ToDto).ToArray()), problems);
    }

    public sealed record UnderFundedDto(string CountyCode, int Year, int Assessed, int UnderFunded, decimal TotalShortfall, AssessmentDto[] Schools);

    /// <summary>The county's schools owed more than they were allocated in the year, the largest shortfall first.</summary>
    public static async Task<Ok<UnderFundedDto>> GetUnderFunded(string county, int year, FundingDbContext db, CancellationToken ct)
    {
        var assessments = await db.Assessments.AsNoTracking().Where(a => a.CountyCode == county && a.Year == year).ToListAsync(ct);
        var under = assessments.Where(a => a.Figures.Shortfall > 0).OrderByDescending(a => a.Figures.Shortfall).ThenBy(a => a.SchoolCode).ToList();
        return TypedResults.Ok(new UnderFundedDto(county, year, assessments.Count, under.Count, under.Sum(a => a.Figures.Shortfall),
            under.Select(ToDto).ToArray()));
    }

    public sealed record SchoolFundingDto(string SchoolCode, AssessmentDto[] Years);

    /// <summary>A school's funding history: each year's enrolment, what it was owed and what it got.</summary>
    public static async Task<Ok<SchoolFundingDto>> GetSchoolFunding(string code, FundingDbContext db, CancellationToken ct) =>
        TypedResults.Ok(new SchoolFundingDto(code, (await db.Assessments.AsNoTracking().Where(a => a.SchoolCode == code)
            .OrderBy(a => a.Year).ToListAsync(ct)).Select(ToDto).ToArray()));
}
