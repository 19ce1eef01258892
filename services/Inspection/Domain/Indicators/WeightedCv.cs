namespace EduPlatform.Inspection.Domain.Indicators;

/// <summary>One school's share of an indicator: its students (P_i) and raw quantity (Q_i: teachers, m², 元, rooms).</summary>
public sealed record SchoolQuantity(string SchoolCode, decimal Students, decimal Quantity);

/// <summary>A school's per-student value and how much it adds to the spread: (P_i / P) · (X_i − X̄)².</summary>
public sealed record CvContribution(string SchoolCode, double Value, double Contribution);

public sealed record CvResult(int Schools, double PooledValue, double StandardDeviation, double? Cv, CvContribution[] Contributions,
    string[] ExcludedSchools);

/// <summary>
/// The enrolment-weighted coefficient of variation (差异系数) exactly as the evaluation method defines it:
/// X_i = Q_i / P_i; X̄ = Σ Q_i / Σ P_i (pooled, not the mean of the X_i); S = √(Σ (P_i / P)(X_i − X̄)²); CV = S / X̄.
/// Schools with no students are left out (and named); with X̄ = 0 there is no CV.
/// </summary>
public static class WeightedCv
{
    public static CvResult Compute(IEnumerable<SchoolQuantity> schools, decimal scale = 1)
    {
        var all = schools.ToList();
        var counted = all.Where(s => s.Students > 0).ToList();
        var excluded = all.Where(s => s.Students <= 0).Select(s => s.SchoolCode).ToArray();
        var students = (double)counted.Sum(s => s.Students);
        if (counted.Count == 0 || students == 0)
        {
            return new CvResult(0, 0, 0, null, [], excluded);
        }
        var pooled = (double)(counted.Sum(s => s.Quantity) * scale) / students;
        var contributions = counted.Select(s =>
        {
            var value = (double)(s.Quantity * scale / s.Students);
            return new CvContribution(s.SchoolCode, value, (double)s.Students / students * Math.Pow(value - pooled, 2));
        }).ToArray();
        var deviation = Math.Sqrt(contributions.Sum(c => c.Contribution));
        return new CvResult(counted.Count, pooled, deviation, pooled == 0 ? null : deviation / pooled,
            [.. contributions.OrderByDescending(c => c.Contribution)], excluded);
    }
}
