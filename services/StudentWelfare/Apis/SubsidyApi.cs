using EduPlatform.Contracts.Facilities;
using EduPlatform.Kernel;
using EduPlatform.WebApi;
using EduPlatform.WebApi.Access;
using EduPlatform.StudentWelfare.Domain;
using EduPlatform.StudentWelfare.Infrastructure;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace EduPlatform.StudentWelfare.Apis;

/// <summary>Living subsidies for students from poor families: who is eligible, what was paid, and the coverage.</summary>
public static class SubsidyApi
{
    public static IEndpointRouteBuilder MapSubsidyApi(this IEndpointRouteBuilder app)
    {
        var county = app.MapGroup("/api/counties/{county}/years/{year:int}").WithTags("Subsidies").ForCountyInRoute();
        county.MapPut("/eligible-students", PutEligible).AcceptsRows<EligibleStudentRow>();
        county.MapPost("/subsidy-payments", PostPayments).AcceptsRows<PaymentRow>();
        county.MapGet("/subsidy-coverage", GetCoverage);
        county.MapGet("/unpaid-students", GetUnpaid).PersonalData();
        return app;
    }

    /// <summary>
    /// The county's eligible students for the year (JSON array or CSV: studentId, name, schoolCode,
    /// section, boarder). Listed students are added or updated; the name stays in this service.
    /// </summary>
    public static async Task<Results<Ok<SubsidyOutcome>, ValidationProblem>> PutEligible(string county, int year, HttpRequest request,
        WelfareDbContext db, SubsidyWriter writer, CancellationToken ct)
    {
        var problems = await Requests.CheckCountyYearAsync(county, year, db, ct);
        if (problems.Any)
        {
            return BulkInput.Refused(problems);
        }
        var (rows, unreadable) = await BulkInput.ReadAsync<EligibleStudentRow>(request, "students", ct);
        if (unreadable.Any)
        {
            return BulkInput.Refused(unreadable);
        }
        var result = await writer.WriteEligibleAsync(county, year, rows, ct);
        return result.Outcome is null ? BulkInput.Refused(result.Problems) : TypedResults.Ok(result.Outcome);
    }

    /// <summary>
    /// Payments for the year (JSON array or CSV: studentId, term, amount, paidOn). A payment for a student
    /// not on the county's eligible list is refused (400); a second, different payment for the same
    /// student and term is a duplicate (409, listing the rows). Sending a recorded payment again changes
    /// nothing. Amounts below the provincial rate are recorded and show in the coverage as not in full.
    /// </summary>
    public static async Task<Results<Ok<SubsidyOutcome>, ValidationProblem, ProblemHttpResult>> PostPayments(string county, int year,
        HttpRequest request, WelfareDbContext db, SubsidyWriter writer, CancellationToken ct)
    {
        var problems = await Requests.CheckCountyYearAsync(county, year, db, ct);
        if (problems.Any)
        {
            return BulkInput.Refused(problems);
        }
        var (rows, unreadable) = await BulkInput.ReadAsync<PaymentRow>(request, "payments", ct);
        if (unreadable.Any)
        {
            return BulkInput.Refused(unreadable);
        }
        var result = await writer.WritePaymentsAsync(county, year, rows, ct);
        if (result.Problems.Any)
        {
            return BulkInput.Refused(result.Problems);
        }
        if (result.Duplicates.Any)
        {
            return TypedResults.Problem(new HttpValidationProblemDetails(result.Duplicates.ToDictionary())
            {
                Status = StatusCodes.Status409Conflict,
                Title = "Duplicate payments: a student is paid once per term; nothing was stored.",
            });
        }
        return TypedResults.Ok(result.Outcome!);
    }

    public sealed record CoverageDto(string CountyCode, int Year, int Term, int Eligible, int Paid, int PaidInFull, decimal AmountDue,
        decimal AmountPaid, decimal? CoveragePercent, SchoolTermCoverage[] Schools);

    /// <summary>Per term: eligible students, how many were paid and how many at the full rate, the amounts; per school.</summary>
    public static async Task<Results<Ok<CoverageDto[]>, ValidationProblem>> GetCoverage(string county, int year, WelfareDbContext db,
        CancellationToken ct)
    {
        var rate = await db.SubsidyRates.AsNoTracking().SingleOrDefaultAsync(r => r.Year == year, ct);
        if (rate is null)
        {
            var problems = new Problems();
            problems.Error("", "year", $"No subsidy rate is set for {year}.");
            return BulkInput.Refused(problems);
        }
        var eligible = await db.Eligible(county, year).ToListAsync(ct);
        var schools = Coverage.Compute(eligible, await db.PaymentsAsync(county, year, ct), rate);
        return TypedResults.Ok(Coverage.Terms.Select(term =>
        {
            var t = schools.Where(s => s.Term == term).ToArray();
            var total = new SchoolTermCoverage("", term, t.Sum(s => s.Eligible), t.Sum(s => s.Paid), t.Sum(s => s.PaidInFull),
                t.Sum(s => s.AmountDue), t.Sum(s => s.AmountPaid));
            return new CoverageDto(county, year, term, total.Eligible, total.Paid, total.PaidInFull, total.AmountDue, total.AmountPaid,
                total.CoveragePercent, t);
        }).ToArray());
    }

    public sealed record UnpaidDto(string StudentId, string? Name, string SchoolCode, Section Section, bool Boarder);

    /// <summary>Eligible students of the county not yet paid for the term (1 autumn, 2 spring).</summary>
    public static async Task<Ok<UnpaidDto[]>> GetUnpaid(string county, int year, int? term, WelfareDbContext db, CancellationToken ct)
    {
        var t = term ?? 1;
        return TypedResults.Ok(await db.EligibleStudents.AsNoTracking()
            .Where(e => e.Year == year && e.CountyCode == county
                && !db.SubsidyPayments.Any(p => p.Year == year && p.StudentId == e.StudentId && p.Term == t))
            .OrderBy(e => e.SchoolCode).ThenBy(e => e.StudentId)
            .Select(e => new UnpaidDto(e.StudentId, e.Name, e.SchoolCode, e.Section, e.Boarder)).ToArrayAsync(ct));
    }
}
