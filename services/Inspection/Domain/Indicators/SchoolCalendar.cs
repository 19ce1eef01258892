namespace EduPlatform.Inspection.Domain.Indicators;

/// <summary>The two terms of a school year (named by its starting year): autumn from 1 September, spring from 1 March.</summary>
public static class SchoolCalendar
{
    public static DateOnly TermStart(int year, int term) => term == 1 ? new DateOnly(year, 9, 1) : new DateOnly(year + 1, 3, 1);
}
