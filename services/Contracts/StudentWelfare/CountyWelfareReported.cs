namespace EduPlatform.Contracts.StudentWelfare;

/// <summary>
/// A county's welfare return for a school year, whole: migrant children (随迁子女), disabled children
/// (残疾儿童少年) and how they are educated, left-behind children (留守儿童) and their care, and the quality
/// high schools' quota places allocated to junior schools (优质高中招生名额分配). Highest revision wins.
/// </summary>
public sealed record CountyWelfareReported(
    string CountyCode,
    int Year,
    int Revision,
    int MigrantEligible,
    int MigrantInPublicSchools,
    int MigrantInFundedPrivatePlaces,
    int DisabledSchoolAge,
    int DisabledInRegularClasses,
    int DisabledInSpecialSchools,
    int DisabledHomeTuition,
    int DisabledCharged,
    int LeftBehind,
    int LeftBehindWithCare,
    int QuotaPlan,
    int QuotaAllocated,
    DateTimeOffset OccurredAt) : ICountyEvent;
