
namespace EduPlatform.Kernel;

/// <summary>What a figure counts or measures, and the largest value a department accepts for it.</summary>
public sealed record Figure(string Unit, decimal Max);

/// <summary>
/// The bounds of every figure a department accepts, declared once: plausible for the domain (a school is
/// not 10¹³ m²) and — the point — small enough for every column that stores the figure or a sum of it
/// in any service, so nothing a department accepts can fail downstream (inspection's areas are
/// numeric(14,2), money numeric(16,2); counts are 32-bit and summed over a school's grades).
/// Inspection's <c>LargestFiguresTests</c> consumes every event type carrying these maxima; the hostile-input
/// walk of every write endpoint sends figures beyond them.
/// </summary>
public static class Bounds
{
    /// <summary>A school's floor or ground area (the largest campuses have about 200,000 m²).</summary>
    public static readonly Figure Area = new("m²", 1_000_000m);

    /// <summary>One room's area (a music or art room: about 100 m²).</summary>
    public static readonly Figure RoomArea = new("m²", 10_000m);

    /// <summary>Money for one school in one year: equipment value, allocations (the largest are tens of millions of 元).</summary>
    public static readonly Figure SchoolMoney = new("元", 10_000_000_000m);

    /// <summary>A county's money in one year: education spending, recurrent revenue.</summary>
    public static readonly Figure CountyMoney = new("元", 1_000_000_000_000m);

    /// <summary>Money per student or per person in a year: norms, subsidy rates, a subsidy payment, spending per student.</summary>
    public static readonly Figure PerStudentMoney = new("元", 1_000_000m);

    /// <summary>A teacher's or civil servant's yearly pay.</summary>
    public static readonly Figure Pay = new("元/year", 10_000_000m);

    /// <summary>
    /// Students of one grade of one school: enrolled, boarders, special needs, transfers, drop-outs, graduates,
    /// admitted (the largest schools have about 5,000 a grade). Summed over a county's schools, still a 32-bit count.
    /// </summary>
    public static readonly Figure Students = new("students", 20_000m);

    /// <summary>Children of a whole county: migrant, disabled, left-behind; quota places.</summary>
    public static readonly Figure CountyPeople = new("people", 10_000_000m);

    /// <summary>Things one school has: classrooms, computers, books, accounts (summed over a county, still a 32-bit count).</summary>
    public static readonly Figure Things = new("items", 1_000_000m);

    /// <summary>A school's broadband.</summary>
    public static readonly Figure Bandwidth = new("Mbps", 1_000_000m);

    /// <summary>One training course.</summary>
    public static readonly Figure CourseHours = new("hours", 5_000m);

    /// <summary>Years of service.</summary>
    public static readonly Figure Years = new("years", 80m);
}

public static class FigureChecks
{
    /// <summary>A required figure: present, not negative, within its bound; the fault recorded otherwise.</summary>
    public static T? NotNegative<T>(this Problems problems, string where, string field, T? value, Figure figure) where T : struct, IComparable<T>
    {
        var checkedValue = problems.NotNegative(where, field, value);
        return checkedValue is { } v && !Within(problems, where, field, v, figure) ? null : checkedValue;
    }

    /// <summary>An optional figure: missing is 0; negative or beyond its bound is a fault (and read as 0).</summary>
    public static T Optional<T>(this Problems problems, string where, string field, T? value, Figure figure) where T : struct, IComparable<T>
    {
        var v = problems.Optional(where, field, value);
        return Within(problems, where, field, v, figure) ? v : default;
    }

    /// <summary>Records a fault when <paramref name="value"/> is beyond the figure's bound.</summary>
    public static bool Within<T>(this Problems problems, string where, string field, T value, Figure figure) where T : struct
    {
        if (Convert.ToDecimal(value, System.Globalization.CultureInfo.InvariantCulture) <= figure.Max)
        {
            return true;
        }
        problems.Error(where, field, $"{field} is at most {figure.Max:#,0.##} {figure.Unit} (got {value}); check the figure and its unit.");
        return false;
    }
}
