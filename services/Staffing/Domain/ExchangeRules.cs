using EduPlatform.Contracts.Facilities;

namespace EduPlatform.Staffing.Domain;

/// <summary>Who may go on exchange (交流轮岗); configuration "Staffing:Exchange".</summary>
public sealed class ExchangeOptions
{
    /// <summary>Consecutive years at the same urban or town school that make a teacher eligible.</summary>
    public int MinYearsAtSchool { get; set; } = 6;

    /// <summary>Training hours due in the last five years (GG9, PL8).</summary>
    public decimal TrainingHoursDue { get; set; } = 360m;

    /// <summary>The most training hours a single day can hold; a record beyond it is a typing error.</summary>
    public decimal MaxTrainingHoursPerDay { get; set; } = 10m;
}

public static class ExchangeRules
{
    /// <summary>School year Y starts on 1 September of Y; eligibility is judged then.</summary>
    public static DateOnly YearStart(int year) => new(year, 9, 1);

    public static int SchoolYearOf(DateOnly date) => date.Month >= 9 ? date.Year : date.Year - 1;

    /// <summary>Eligible in school year <paramref name="year"/>: an active full-time teacher at the same urban or town school for the configured years.</summary>
    public static bool IsEligible(Teacher teacher, Location schoolLocation, int year, ExchangeOptions options) =>
        teacher.Active && teacher.FullTime && schoolLocation != Location.Rural
        && teacher.AtSchoolSince <= YearStart(year).AddYears(-options.MinYearsAtSchool);

    /// <summary>Hours counted for the five years before <paramref name="asOf"/> (courses ending after that window opens).</summary>
    public static decimal HoursInFiveYears(IEnumerable<TrainingRecord> records, DateOnly asOf) =>
        records.Where(r => r.EndDate > asOf.AddYears(-5) && r.EndDate <= asOf).Sum(r => r.Hours);
}
