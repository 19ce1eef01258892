namespace EduPlatform.Contracts.Staffing;

/// <summary>
/// How many of a county's teachers are eligible for exchange in a school year under the configured
/// rule (the denominator of the exchange ratio). Whole figure; the highest revision wins.
/// </summary>
public sealed record ExchangeEligibilityReported(
    string CountyCode,
    int Year,
    int Revision,
    int Eligible,
    int EligibleBackbone,
    int MinYearsAtSchool,
    DateTimeOffset OccurredAt) : ICountyEvent;
