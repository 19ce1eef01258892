using EduPlatform.Contracts.Facilities;
using EduPlatform.Inspection.Domain;
using EduPlatform.Inspection.Domain.Indicators;
using EduPlatform.Registry;
using Microsoft.EntityFrameworkCore;

namespace EduPlatform.Inspection.Infrastructure;

/// <summary>
/// A county's own records for one school year — pay reference, welfare return, exchanges, boarding and subsidy returns,
/// closures, inspectors' verdicts and imports — and the grade totals its retention cohorts need.
/// </summary>
internal sealed record CountyRecords(PayReferenceView? Pay, CountyWelfareView? Welfare, ExchangeEligibilityView? Eligibility,
    List<ExchangeView> Exchanges, Dictionary<string, BoardingView> Boarding, List<SubsidyView> Subsidies,
    List<(string School, string? Receiving)> Closures, List<VerdictFacts> Verdicts, ImportedResult? Import, List<GradeTotals> Totals)
{
    /// <summary>Read on a context of its own, so that it runs while the caller's context reads the schools' rows.</summary>
    public static async Task<CountyRecords> ReadAsync(DbContextOptions<InspectionDbContext> options, string county, int year, CancellationToken ct)
    {
        await using var db = new InspectionDbContext(options);
        var codes = db.Schools.Where(s => s.CountyCode == county).Select(s => s.Code);
        var pay = await db.PayReferences.AsNoTracking().SingleOrDefaultAsync(p => p.CountyCode == county && p.Year == year, ct);
        var welfare = await db.CountyWelfare.AsNoTracking().SingleOrDefaultAsync(w => w.CountyCode == county && w.Year == year, ct);
        var eligibility = await db.ExchangeEligibility.AsNoTracking().SingleOrDefaultAsync(e => e.CountyCode == county && e.Year == year, ct);
        var exchanges = await db.Exchanges.AsNoTracking().Where(e => e.CountyCode == county && e.Year == year).ToListAsync(ct);
        var boarding = await db.Boarding.AsNoTracking().Where(b => b.Year == year && codes.Contains(b.SchoolCode)).ToDictionaryAsync(b => b.SchoolCode, ct);
        var subsidies = await db.Subsidies.AsNoTracking().Where(v => v.Year == year && codes.Contains(v.SchoolCode)).ToListAsync(ct);
        var closures = (await db.Procedures.AsNoTracking().Where(p => p.CountyCode == county && p.Kind == ProcedureKind.Closure)
            .Select(p => new { p.SchoolCode, p.ReceivingSchoolCode }).ToListAsync(ct)).Select(c => (c.SchoolCode, c.ReceivingSchoolCode)).ToList();
        var verdicts = await db.Verdicts.AsNoTracking().Where(v => v.CountyCode == county && v.Year == year)
            .Select(v => new VerdictFacts(v.Code, v.Met, v.DocumentReference, v.Inspector, v.Note)).ToListAsync(ct);
        var import = await db.Imports.AsNoTracking().SingleOrDefaultAsync(i => i.CountyCode == county && i.Year == year, ct);
        // Nine school years of grade totals: the nine-year cohort starts in year − 8 (closed schools' past returns count).
        var totals = await Sql.ReadAsync(db, """
            SELECT e.year, g.grade, sum(g.students)::int, sum(g.transfers_in)::int, sum(g.transfers_out)::int, sum(g.graduates)::int
            FROM enrolment e
            JOIN registry_schools s ON s.code = e.school_code AND s.county_code = @county
            CROSS JOIN LATERAL unnest(e.grades, e.grade_students, e.transfers_in, e.transfers_out, e.graduates)
                AS g(grade, students, transfers_in, transfers_out, graduates)
            WHERE e.year BETWEEN @first AND @year
            GROUP BY e.year, g.grade
            """, r => new GradeTotals(r.GetInt32(0), r.GetInt32(1), r.GetInt32(2), r.GetInt32(3), r.GetInt32(4), r.GetInt32(5)), ct,
            Sql.P("county", county), Sql.P("first", year - 8), Sql.P("year", year));
        return new CountyRecords(pay, welfare, eligibility, exchanges, boarding, subsidies, closures, verdicts, import, totals);
    }

    /// <summary>The county-wide facts of the government-guarantee lines: pay, migrant and disabled children, quotas, exchanges.</summary>
    public CountyFacts GuaranteeFacts() => new(Pay?.CivilServantAveragePay, Welfare?.MigrantEligible, Welfare?.MigrantPlaced,
        Welfare?.DisabledSchoolAge, Welfare?.DisabledEnrolled, Welfare?.QuotaPlan, Welfare?.QuotaAllocated,
        Eligibility?.Eligible, Eligibility is null ? null : Exchanges.Count, Eligibility is null ? null : Exchanges.Count(e => e.Backbone));

    /// <summary>The imported national results (EQ9, SR1), if any were imported.</summary>
    public ImportedFacts? Imported() => Import is not { } i ? null : new ImportedFacts(i.MonitoringSubjects, i.MonitoringLevels,
        i.MonitoringDifferenceRate, i.SatisfactionPercent, i.SurveyRespondents, i.MonitoringDocument, i.SurveyDocument);
}
