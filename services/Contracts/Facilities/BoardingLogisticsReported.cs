namespace EduPlatform.Contracts.Facilities;

/// <summary>
/// Whether a boarding school's living facilities meet the provincial logistics standard in a school
/// year (《后勤装备基本标准》). The whole report; the highest <paramref name="Revision"/> per (school, year) wins.
/// </summary>
public sealed record BoardingLogisticsReported(
    string SchoolCode,
    string CountyCode,
    int Year,
    int Revision,
    bool Canteen,
    bool Dormitory,
    bool DrinkingWater,
    bool Bathing,
    bool Toilets,
    bool WasteHandling,
    DateTimeOffset OccurredAt) : ICountyEvent;
