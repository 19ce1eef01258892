using EduPlatform.Contracts.Facilities;

namespace EduPlatform.Inspection.Domain.Indicators;

/// <summary>One school section's students by grade in one school year, as welfare's enrolment return gave them.</summary>
public sealed record GradeHistory(string SchoolCode, Section Level, int Year, int[] Grades, int[] Students);

/// <summary>
/// How one section's students were projected: today's students, the rate its cohorts move up a grade (its own, or the
/// county's where it has too little history), how its entry grade is fed, and its students in each projected year.
/// </summary>
public sealed record SectionProjection(string SchoolCode, Section Level, int Today, decimal? ProgressionRate, string RateFrom,
    string Intake, decimal? IntakeTrend, int[] Projected);

/// <param name="HistoryYears">The school years of enrolment history the rates were read from.</param>
/// <param name="CountyProgression">The county's rate per grade: students in grade g ÷ students in grade g − 1 a year earlier.</param>
/// <param name="JuniorTransition">The county's grade 6 → grade 7 rate (primary to junior, across schools), when known.</param>
public sealed record ProjectionInputs(int[] HistoryYears, IReadOnlyDictionary<int, decimal> CountyProgression, decimal? JuniorTransition,
    SectionProjection[] Sections);

/// <summary>
/// Projects each operating school section's students year by year with the cohort (grade progression) method: a grade's
/// students next year are this year's previous grade times the section's progression rate — students in grade g over
/// grade g − 1 a year earlier, pooled over its grades and the last <see cref="RateYears"/> year pairs, so repeaters,
/// drop-outs and transfers in and out are all in it; the county's rate for the grade where the section's pooled
/// denominators hold fewer than <see cref="MinimumBase"/> students. Grade 1 is fed by the section's own intake trend (a
/// log-linear fit over its last <see cref="TrendYears"/> grade-1 intakes, at most ±<see cref="MaxTrend"/> a year); grade
/// 7 by the county's grade-6 pupils times the county's 6 → 7 rate, shared among junior sections as this year's grade 7
/// is. Resources are held at today's: the scorecard of each projected year shows what enrolment alone does to the lines.
/// </summary>
public static class Projections
{
    public const int RateYears = 3, TrendYears = 5, MinimumBase = 30, MaxYearsAhead = 9;
    public const decimal MaxTrend = 0.15m;

    /// <summary>
    /// A rate above this (students doubling from one grade to the next in a year) is a data fault, not a trend: rates are
    /// bounded to it, so nine years of projection stay within what a school can hold (and an int).
    /// </summary>
    public const decimal MaxRate = 2m;

    /// <summary>The most students one grade of one school may have (as welfare accepts a return): a projection stops there.</summary>
    public const int MaxGradeStudents = 5000;

    public const string Method = "cohort (grade progression) method: next year's grade g = this year's grade g − 1 × the section's "
        + "progression rate (its students in grade g ÷ grade g − 1 a year earlier, pooled over its grades and the last 3 year pairs, so "
        + "repeaters, drop-outs and transfers are in it; the county's rate for the grade where the section's history holds fewer than 30 "
        + "students; rates at most 2); grade 1 follows the section's own intake trend (log-linear over its last 5 intakes, at most ±15 % a year); grade 7 "
        + "= the county's grade 6 × the county's 6 → 7 rate, shared among junior sections as this year's grade 7; resources held at today's";

    /// <summary>The earliest school year whose enrolment the projection reads: the trend's intakes and the rates' year pairs.</summary>
    public static int FirstHistoryYear(int year) => year - Math.Max(RateYears, TrendYears) + 1;

    /// <summary>The projected facts for each year from facts.Year + 1 to <paramref name="until"/>, and the inputs used.</summary>
    public static (ProjectionInputs Inputs, IReadOnlyList<CountyYearFacts> Years) Project(CountyYearFacts facts, IReadOnlyList<GradeHistory> history,
        int until)
    {
        var year = facts.Year;
        var horizon = until - year;
        // Students by (school, grade) and year; a school's grades are unique across its sections.
        var byYear = history.Where(h => h.Year <= year && h.Year >= FirstHistoryYear(year))
            .GroupBy(h => h.Year)
            .ToDictionary(g => g.Key, g => g.SelectMany(h => h.Grades.Zip(h.Students, (grade, n) => (h.SchoolCode, grade, n)))
                .GroupBy(x => (x.SchoolCode, x.grade)).ToDictionary(x => x.Key, x => x.Sum(v => v.n)));
        var pairs = Enumerable.Range(year - RateYears + 1, RateYears).Where(y => byYear.ContainsKey(y) && byYear.ContainsKey(y - 1)).ToList();

        decimal? Rate(Func<(string School, int Grade), bool> include, Func<int, bool> grade)
        {
            decimal moved = 0, from = 0;
            foreach (var y in pairs)
            {
                foreach (var ((school, g), n) in byYear[y].Where(e => grade(e.Key.grade) && include(e.Key)))
                {
                    if (byYear[y - 1].TryGetValue((school, g - 1), out var before))
                    {
                        moved += n;
                        from += before;
                    }
                }
            }
            return from >= MinimumBase ? Math.Min(moved / from, MaxRate) : null;
        }

        var countyRates = Enumerable.Range(2, 8).Where(g => g != 7)
            .Select(g => (g, Rate(_ => true, x => x == g)))
            .Where(r => r.Item2 is not null).ToDictionary(r => r.g, r => decimal.Round(r.Item2!.Value, 4));
        // Grade 6 → 7 crosses schools: county totals, not school by school.
        var transition = pairs.Sum(y => byYear[y - 1].Where(e => e.Key.grade == 6).Sum(e => e.Value)) is > 0 and var sixes
            ? Math.Min(decimal.Round(pairs.Sum(y => byYear[y].Where(e => e.Key.grade == 7).Sum(e => e.Value)) / (decimal)sixes, 4), MaxRate) : (decimal?)null;

        var now = history.Where(h => h.Year == year).ToDictionary(h => (h.SchoolCode, h.Level));
        var countySevens = now.Values.Sum(h => h.Grades.Zip(h.Students).Where(p => p.First == 7).Sum(p => p.Second));
        // The county's grade 6 each projected year (index 0 = today), filled as the primary sections are projected first.
        var countySixes = new decimal[horizon + 1];
        var projections = new List<(SchoolSection Section, SectionProjection Projection)>();
        foreach (var section in facts.Sections.OrderBy(s => s.Level))
        {
            var grades = now.TryGetValue((section.SchoolCode, section.Level), out var h) && h.Grades.Length > 0
                ? h.Grades.Zip(h.Students).Where(p => p.First is >= 1 and <= 9).OrderBy(p => p.First).ToArray() : [];
            if (grades.Length == 0)
            {
                projections.Add((section, new SectionProjection(section.SchoolCode, section.Level, section.Students, null, "held: no grade figures",
                    "held", null, [.. Enumerable.Repeat(section.Students, horizon)])));
                continue;
            }
            int first = grades[0].First, last = grades[^1].First;
            var own = Rate(k => k.School == section.SchoolCode, g => g > first && g <= last);
            var rateFrom = own is null ? "county, per grade" : "school";
            decimal RateFor(int grade) => own ?? countyRates.GetValueOrDefault(grade, 1m);

            string intake;
            decimal? trend = null;
            var share = 0m;
            if (first == 7 && transition is not null && countySevens > 0)
            {
                share = (decimal)grades[0].Second / countySevens;
                intake = $"county grade 6 × {transition:0.####} × {share:P2} of the county's grade 7";
            }
            else
            {
                trend = Trend(Enumerable.Range(year - TrendYears + 1, TrendYears)
                    .Select(y => (y, byYear.GetValueOrDefault(y)?.GetValueOrDefault((section.SchoolCode, first)) ?? 0)).Where(p => p.Item2 > 0).ToList());
                intake = $"grade {first} × {trend:0.####} a year";
            }

            var current = Enumerable.Range(first, last - first + 1).ToDictionary(g => g, g => (decimal)grades.Where(p => p.First == g).Sum(p => p.Second));
            if (section.Level == Section.Primary && current.TryGetValue(6, out var six))
            {
                countySixes[0] += six;
            }
            var totals = new int[horizon];
            for (var k = 1; k <= horizon; k++)
            {
                var next = new Dictionary<int, decimal>();
                for (var g = last; g > first; g--)
                {
                    next[g] = current.GetValueOrDefault(g - 1) * RateFor(g);
                }
                next[first] = trend is { } t ? current[first] * t : countySixes[k - 1] * transition!.Value * share;
                current = next.ToDictionary(g => g.Key, g => Math.Min(g.Value, MaxGradeStudents));
                if (section.Level == Section.Primary && current.TryGetValue(6, out var sixNext))
                {
                    countySixes[k] += sixNext;
                }
                totals[k - 1] = (int)Math.Round(current.Values.Sum(), MidpointRounding.AwayFromZero);
            }
            projections.Add((section, new SectionProjection(section.SchoolCode, section.Level, section.Students,
                own is { } rate ? decimal.Round(rate, 4) : null, rateFrom, intake, trend, totals)));
        }

        var years = Enumerable.Range(1, horizon).Select(k => WithStudents(facts,
            projections.ToDictionary(p => (p.Section.SchoolCode, p.Section.Level), p => p.Projection.Projected[k - 1]))).ToList();
        var inputs = new ProjectionInputs([.. byYear.Keys.Order()], countyRates, transition,
            [.. projections.Select(p => p.Projection).OrderBy(p => p.SchoolCode).ThenBy(p => p.Level)]);
        return (inputs, years);
    }

    /// <summary>exp of the least-squares slope of ln(intake) on the year, bounded to ±<see cref="MaxTrend"/>; 1 with fewer than two intakes.</summary>
    public static decimal Trend(IReadOnlyList<(int Year, int Intake)> intakes)
    {
        if (intakes.Count < 2)
        {
            return 1m;
        }
        var meanX = intakes.Average(p => (double)p.Year);
        var meanY = intakes.Average(p => Math.Log(p.Intake));
        var slope = intakes.Sum(p => (p.Year - meanX) * (Math.Log(p.Intake) - meanY)) / intakes.Sum(p => (p.Year - meanX) * (p.Year - meanX));
        return Math.Clamp(decimal.Round((decimal)Math.Exp(slope), 4), 1 - MaxTrend, 1 + MaxTrend);
    }

    /// <summary>
    /// The county's facts with each section's students replaced (schools' and plan totals follow); nothing else moves, the
    /// school year included, so a line turns only because of enrolment, never because a rule's deadline passed.
    /// </summary>
    private static CountyYearFacts WithStudents(CountyYearFacts facts, Dictionary<(string, Section), int> students)
    {
        var sections = facts.Sections.Select(s => s with { Students = students[(s.SchoolCode, s.Level)] }).ToList();
        var bySchool = sections.GroupBy(s => s.SchoolCode).ToDictionary(g => g.Key, g => g.Sum(s => s.Students));
        return facts with
        {
            Sections = sections,
            Schools = [.. facts.Schools.Select(s => bySchool.TryGetValue(s.Code, out var n) ? s with { Students = n } : s)],
            Plan = facts.Plan with
            {
                Schools = [.. facts.Plan.Schools.Select(s => bySchool.TryGetValue(s.Code, out var n) ? s with { Students = n } : s)],
            },
        };
    }
}
