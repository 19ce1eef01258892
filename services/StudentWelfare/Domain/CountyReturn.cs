using EduPlatform.Kernel;

namespace EduPlatform.StudentWelfare.Domain;

/// <summary>A county's welfare figures for a school year (what the education bureau reports county-wide).</summary>
public sealed record CountyFigures(
    int MigrantEligible, int MigrantInPublicSchools, int MigrantInFundedPrivatePlaces,
    int DisabledSchoolAge, int DisabledInRegularClasses, int DisabledInSpecialSchools, int DisabledHomeTuition, int DisabledCharged,
    int LeftBehind, int LeftBehindWithCare,
    int QuotaPlan, int QuotaAllocated);

public sealed class CountyReturn
{
    public required string CountyCode { get; init; }
    public int Year { get; init; }
    public int Revision { get; set; }
    public DateTimeOffset SubmittedAt { get; set; }
    public required CountyFigures Figures { get; set; }
}

public sealed record CountyReturnRequest(
    int? MigrantEligible, int? MigrantInPublicSchools, int? MigrantInFundedPrivatePlaces,
    int? DisabledSchoolAge, int? DisabledInRegularClasses, int? DisabledInSpecialSchools, int? DisabledHomeTuition, int? DisabledCharged,
    int? LeftBehind, int? LeftBehindWithCare,
    int? QuotaPlan, int? QuotaAllocated);

public static class CountyReturnRules
{
    public static CountyFigures? Validate(CountyReturnRequest r, Problems problems)
    {
        var before = problems.Count;
        int Get(string field, int? value) => problems.NotNegative("", field, value, Bounds.CountyPeople) ?? 0;
        var figures = new CountyFigures(
            Get("migrantEligible", r.MigrantEligible), Get("migrantInPublicSchools", r.MigrantInPublicSchools),
            Get("migrantInFundedPrivatePlaces", r.MigrantInFundedPrivatePlaces),
            Get("disabledSchoolAge", r.DisabledSchoolAge), Get("disabledInRegularClasses", r.DisabledInRegularClasses),
            Get("disabledInSpecialSchools", r.DisabledInSpecialSchools), Get("disabledHomeTuition", r.DisabledHomeTuition),
            Get("disabledCharged", r.DisabledCharged),
            Get("leftBehind", r.LeftBehind), Get("leftBehindWithCare", r.LeftBehindWithCare),
            Get("quotaPlan", r.QuotaPlan), Get("quotaAllocated", r.QuotaAllocated));
        if (problems.Count > before)
        {
            return null;
        }
        var placed = figures.MigrantInPublicSchools + figures.MigrantInFundedPrivatePlaces;
        if (placed > figures.MigrantEligible)
        {
            problems.Error("", "migrantInPublicSchools",
                $"{placed} migrant children placed ({figures.MigrantInPublicSchools} public + {figures.MigrantInFundedPrivatePlaces} funded private), but {figures.MigrantEligible} eligible.");
        }
        var enrolled = figures.DisabledInRegularClasses + figures.DisabledInSpecialSchools + figures.DisabledHomeTuition;
        if (enrolled > figures.DisabledSchoolAge)
        {
            problems.Error("", "disabledSchoolAge", $"{enrolled} disabled children educated, but {figures.DisabledSchoolAge} of school age.");
        }
        if (figures.DisabledCharged > enrolled)
        {
            problems.Error("", "disabledCharged", $"{figures.DisabledCharged} charged fees, but {enrolled} educated.");
        }
        if (figures.LeftBehindWithCare > figures.LeftBehind)
        {
            problems.Error("", "leftBehindWithCare", $"{figures.LeftBehindWithCare} with a care arrangement, but {figures.LeftBehind} left-behind children.");
        }
        if (figures.QuotaAllocated > figures.QuotaPlan)
        {
            problems.Error("", "quotaAllocated", $"{figures.QuotaAllocated} quota places allocated, but the enrolment plan has {figures.QuotaPlan}.");
        }
        return problems.Count > before ? null : figures;
    }
}
