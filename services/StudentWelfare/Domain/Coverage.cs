namespace EduPlatform.StudentWelfare.Domain;

public sealed record SchoolTermCoverage(string SchoolCode, int Term, int Eligible, int Paid, int PaidInFull, decimal AmountDue, decimal AmountPaid)
{
    public decimal? CoveragePercent => Eligible == 0 ? null : Math.Round(Paid * 100m / Eligible, 2, MidpointRounding.AwayFromZero);
}

/// <summary>Who was paid what against the provincial rate: per school and term (1 autumn, 2 spring).</summary>
public static class Coverage
{
    public static readonly int[] Terms = [1, 2];

    public static List<SchoolTermCoverage> Compute(IEnumerable<EligibleStudent> eligible,
        IReadOnlyDictionary<(string StudentId, int Term), SubsidyPayment> payments, SubsidyRate rate) =>
        eligible.GroupBy(e => e.SchoolCode).SelectMany(school => Terms.Select(term =>
        {
            int paid = 0, inFull = 0;
            decimal due = 0, amount = 0;
            foreach (var student in school)
            {
                var owed = rate.PerTerm(student.Section, student.Boarder);
                due += owed;
                if (payments.TryGetValue((student.StudentId, term), out var payment))
                {
                    paid++;
                    amount += payment.Amount;
                    inFull += payment.Amount >= owed ? 1 : 0;
                }
            }
            return new SchoolTermCoverage(school.Key, term, school.Count(), paid, inFull, due, amount);
        })).OrderBy(c => c.SchoolCode).ThenBy(c => c.Term).ToList();
}
