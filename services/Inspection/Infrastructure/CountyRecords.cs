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
        // The sections' grade arrays are summed here: unnesting them in PostgreSQL cost it more than the rest of this read.
        var returns = await CountyYearLoader.CountyEnrolment(db, county, year - 8, year)
            .Select(e => new { e.Year, e.Grades, e.GradeStudents, e.TransfersIn, e.TransfersOut, e.Graduates }).ToListAsync(ct);
        var totals = returns
            .SelectMany(e => e.Grades.Select((grade, i) => (e.Year, Grade: grade, Students: e.GradeStudents.ElementAtOrDefault(i),
                In: e.TransfersIn.ElementAtOrDefault(i), Out: e.TransfersOut.ElementAtOrDefault(i), Graduates: e.Graduates.ElementAtOrDefault(i))))
            .GroupBy(g => (g.Year, g.Grade))
            .Select(g => new GradeTotals(g.Key.Year, g.Key.Grade, g.Sum(x => x.Students), g.Sum(x => x.In), g.Sum(x => x.Out), g.Sum(x => x.Graduates)))
            .ToList();
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
