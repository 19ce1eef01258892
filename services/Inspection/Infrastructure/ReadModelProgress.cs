using Microsoft.EntityFrameworkCore;

namespace EduPlatform.Inspection.Infrastructure;

/// <param name="Verdicts">Inspectors' evidence verdicts recorded; <paramref name="MonitoringImports"/> and <paramref name="SurveyImports"/>:
/// whether the national monitoring and the satisfaction survey have been imported (0 or 1).</param>
public sealed record YearProgress(int Year, int Students, int Classes, int FacilityReturns, decimal PublicFundsAllocated, int Exchanges,
    int BoardingReturns, int SubsidyEligible, int WelfareReturns, int PayReferences, int Verdicts = 0, int MonitoringImports = 0,
    int SurveyImports = 0);

public sealed record CountyProgress(string CountyCode, int Schools, int Teachers, int Training, int Honours, YearProgress[] Years);

public sealed record ReadModelProgress(long ConsumedEvents, DateTimeOffset? LastConsumedAt, CountyProgress[] Counties);

/// <summary>
/// What the read models hold per county and year, in totals a department can check against what it
/// submitted (students, classes, returns, allocated funds …), and how many events have been consumed:
/// how an operator, or the demo loader, tells that inspection has caught up.
/// </summary>
public static class ReadModelProgressQuery
{
    // One row per (county, year, figure); county-wide figures have no year.
    private const string Figures = """
        select s.county_code, e.year, 'students', sum(e.students)::numeric from enrolment e join registry_schools s on s.code = e.school_code group by 1, 2
        union all select s.county_code, c.year, 'classes', sum(cardinality(c.sizes)) from classes c join registry_schools s on s.code = c.school_code group by 1, 2
        union all select s.county_code, f.year, 'facility-returns', count(*) from facilities f join registry_schools s on s.code = f.school_code group by 1, 2
        union all select s.county_code, f.year, 'allocated', sum(f.public_funds_allocated) from funding f join registry_schools s on s.code = f.school_code group by 1, 2
        union all select s.county_code, b.year, 'boarding', count(*) from boarding b join registry_schools s on s.code = b.school_code group by 1, 2
        union all select s.county_code, x.year, 'subsidy-eligible', sum(x.eligible) from subsidies x join registry_schools s on s.code = x.school_code where x.term = 1 group by 1, 2
        union all select county_code, year, 'exchanges', count(*) from exchanges group by 1, 2
        union all select county_code, year, 'welfare', count(*) from county_welfare group by 1, 2
        union all select county_code, year, 'pay', count(*) from pay_references group by 1, 2
        union all select county_code, year, 'verdicts', count(*) from verdicts group by 1, 2
        union all select county_code, year, 'monitoring', count(*) from imported_results where monitoring_difference_rate is not null group by 1, 2
        union all select county_code, year, 'survey', count(*) from imported_results where satisfaction_percent is not null group by 1, 2
        union all select county_code, null, 'schools', count(*) from registry_schools group by 1
        union all select county_code, null, 'teachers', count(*) from teachers where active group by 1
        union all select county_code, null, 'training', count(*) from training group by 1
        union all select county_code, null, 'honours', count(*) from honours group by 1
        """;

    public static async Task<ReadModelProgress> ReadAsync(InspectionDbContext db, CancellationToken ct)
    {
        var rows = await Sql.ReadAsync(db, Figures, r => (County: r.GetString(0).Trim(), Year: r.IsDBNull(1) ? (int?)null : r.GetInt32(1),
            Figure: r.GetString(2), Value: r.GetDecimal(3)), ct);
        // The log is large (every event ever consumed): counted and dated in one pass.
        var log = await db.ConsumedEvents.GroupBy(_ => 1)
            .Select(g => new { Count = g.LongCount(), Last = g.Max(e => (DateTimeOffset?)e.ReceivedAt) }).SingleOrDefaultAsync(ct);
        var (consumed, last) = (log?.Count ?? 0, log?.Last);
        var counties = rows.GroupBy(r => r.County).OrderBy(g => g.Key).Select(county =>
        {
            int Whole(string figure, int? year = null) => (int)county.Where(r => r.Figure == figure && r.Year == year).Sum(r => r.Value);
            var years = county.Where(r => r.Year is not null).Select(r => r.Year!.Value).Distinct().Order()
                .Select(y => new YearProgress(y, Whole("students", y), Whole("classes", y), Whole("facility-returns", y),
                    county.Where(r => r.Figure == "allocated" && r.Year == y).Sum(r => r.Value), Whole("exchanges", y), Whole("boarding", y),
                    Whole("subsidy-eligible", y), Whole("welfare", y), Whole("pay", y), Whole("verdicts", y), Whole("monitoring", y),
                    Whole("survey", y)))
                .ToArray();
            return new CountyProgress(county.Key, Whole("schools"), Whole("teachers"), Whole("training"), Whole("honours"), years);
        }).ToArray();
        return new ReadModelProgress(consumed, last, counties);
    }
}
