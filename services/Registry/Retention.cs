namespace EduPlatform.Registry;

/// <summary>A county's totals for one grade in one school year.</summary>
public sealed record GradeTotals(int Year, int Grade, int Students, int TransfersIn, int TransfersOut, int Graduates);

/// <summary>A consolidation rate with the inputs that produced it, so an inspector can redo it by hand.</summary>
public sealed record RetentionRate(
    string Name,
    string Formula,
    int CohortStartYear,
    int Intake,
    int TransfersIn,
    int TransfersOut,
    int Graduates,
    decimal? RatePercent,
    string[] MissingYears);

/// <summary>
/// 巩固率 from cohorts. School years are named by their starting year, so the class graduating at the
/// end of school year Y entered grade 7 in Y − 2 (three school years: Y−2, Y−1, Y) and grade 1 in Y − 8.
/// Shared by welfare (its retention report) and inspection (EQ1, PL10), so both compute the rates alike.
/// </summary>
public static class Retention
{
    public const string JuniorFormula =
        "初中三年巩固率 = graduates of grade 9 in year Y ÷ (grade-7 students at the start of year Y−2 + transfers in − transfers out " +
        "of that cohort in grade 7 (Y−2), grade 8 (Y−1) and grade 9 (Y)) × 100, capped at 100.";

    public const string NineYearFormula =
        "九年义务教育巩固率 = graduates of grade 9 in year Y ÷ (grade-1 students at the start of year Y−8 + transfers in − transfers out " +
        "of that cohort in grades 1 to 9 (years Y−8 to Y)) × 100, capped at 100.";

    public static RetentionRate Junior(int year, IReadOnlyCollection<GradeTotals> totals) =>
        Cohort("初中三年巩固率", JuniorFormula, year, firstGrade: 7, totals);

    public static RetentionRate NineYear(int year, IReadOnlyCollection<GradeTotals> totals) =>
        Cohort("九年义务教育巩固率", NineYearFormula, year, firstGrade: 1, totals);

    private static RetentionRate Cohort(string name, string formula, int year, int firstGrade, IReadOnlyCollection<GradeTotals> totals)
    {
        var start = year - (9 - firstGrade);
        var path = Enumerable.Range(firstGrade, 10 - firstGrade).Select(grade => (Year: start + grade - firstGrade, Grade: grade)).ToList();
        var found = path.Select(p => totals.FirstOrDefault(t => t.Year == p.Year && t.Grade == p.Grade)).ToList();
        var missing = path.Where((_, i) => found[i] is null).Select(p => $"{p.Year} grade {p.Grade}").ToArray();
        var intake = found[0]?.Students ?? 0;
        var transfersIn = found.Sum(t => t?.TransfersIn ?? 0);
        var transfersOut = found.Sum(t => t?.TransfersOut ?? 0);
        var graduates = found[^1]?.Graduates ?? 0;
        var denominator = intake + transfersIn - transfersOut;
        decimal? rate = missing.Length > 0 || denominator <= 0
            ? null
            : Math.Min(100m, Math.Round(graduates * 100m / denominator, 2, MidpointRounding.AwayFromZero));
        return new RetentionRate(name, formula, start, intake, transfersIn, transfersOut, graduates, rate, missing);
    }
}
