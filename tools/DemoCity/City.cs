namespace EduPlatform.DemoCity;

public enum CitySize { Small, Default, Province }

public enum CountyKind { UrbanDistrict, CountyCity, MountainCounty, PlainCounty }

/// <summary>
/// What a county's figures are drawn around, so its scorecard tells a story. Resource levels are
/// multiples of the national per-student thresholds (1.0 = exactly at the bar); shares are 0–1.
/// The defaults describe a county that meets every line of 优质均衡; each story changes a few.
/// </summary>
public sealed record Profile
{
    public string Story { get; init; } = "示范: resources well above the bar and even — passes 优质均衡";

    // Floor area and sports grounds (RA4, RA5), and equipment and multimedia rooms (RA6, RA7), by location.
    public double UrbanSpace { get; init; } = 1.55;
    public double TownSpace { get; init; } = 1.5;
    public double RuralSpace { get; init; } = 1.45;
    public double UrbanEquipment { get; init; } = 1.6;
    public double TownEquipment { get; init; } = 1.55;
    public double RuralEquipment { get; init; } = 1.5;
    /// <summary>Each school's figures vary by ± this share around the level.</summary>
    public double Spread { get; init; } = 0.12;
    /// <summary>Year-on-year change of rural schools' resources (the final year against the mid-term).</summary>
    public double RuralImprovement { get; init; } = 1.0;

    public int UrbanClassTarget { get; init; } = 38;
    public int TownClassTarget { get; init; } = 40;
    public int RuralClassTarget { get; init; } = 30;
    /// <summary>Largest school, as a share of the size its composition row allows (above 1 makes oversized schools).</summary>
    public double SchoolSize { get; init; } = 1.0;

    // Teachers: the share above the qualification bar, backbone, PE and art, by urban/town and rural schools.
    public double UrbanQualified { get; init; } = 0.97;
    public double RuralQualified { get; init; } = 0.95;
    public double UrbanBackbone { get; init; } = 0.2;
    public double RuralBackbone { get; init; } = 0.18;
    public double UrbanPeArt { get; init; } = 0.16;
    public double RuralPeArt { get; init; } = 0.16;
    /// <summary>Small schools staffed at two teachers a class, with music, PE, art and English teachers.</summary>
    public bool SmallSchoolsStaffed { get; init; } = true;
    public double Certified { get; init; } = 1.0;
    public double TrainingComplete { get; init; } = 1.0;
    public double PayOverCivilServants { get; init; } = 1.04;
    /// <summary>Rural teachers' pay over town teachers' of the same rank.</summary>
    public double RuralPayOverTown { get; init; } = 1.06;
    public double ExchangeShare { get; init; } = 0.14;
    public double ExchangeBackbone { get; init; } = 0.35;
    public double Honoured { get; init; } = 1.0;

    // Students.
    public double Catchment { get; init; } = 1.0;
    /// <summary>Share of a cohort still in school a year later (drives the retention rates).</summary>
    public double Survival { get; init; } = 0.995;
    public double Migrants { get; init; } = 0.95;
    public double Disabled { get; init; } = 0.98;
    public double Quota { get; init; } = 0.56;
    public double SubsidyPaid { get; init; } = 1.0;

    // Funding.
    /// <summary>Allocation over what a school is owed; small schools below it get only their own students' norm.</summary>
    public double Allocation { get; init; } = 1.06;
    public bool SmallSchoolFloor { get; init; } = true;
    public double TrainingBudget { get; init; } = 0.06;
    public decimal SpecialPerStudent { get; init; } = 7000m;
    public double FundingGrowth { get; init; } = 1.05;

    // Facilities beyond the seven indicators.
    public bool FullRooms { get; init; } = true;
    public bool BoardingComplete { get; init; } = true;

    // What inspectors find and import.
    public bool VerdictsMet { get; init; } = true;
    public decimal Satisfaction { get; init; } = 92m;
    public decimal MonitoringDifference { get; init; } = 0.10m;
}

public sealed record CountySpec(int Index, string Code, string Name, CountyKind Kind, Profile Profile);

public sealed record SchoolSpec(string Code, string Name, string Location, string Type, bool Boarding, int Students)
{
    public bool IsSpecial => Type == "special-education";
    public (int First, int Last) Grades => Type switch
    {
        "junior" => (7, 9),
        "primary" => (1, 6),
        // Teaching points keep only the lower grades: the older children board at the township school.
        "teaching-point" => (1, 3),
        _ => (1, 9),
    };
}

/// <summary>One county's year: what each department submits for it.</summary>
public sealed record CountyYear(
    int Year,
    FacilityReturnRow[] FacilityReturns,
    ClassRow[] Classes,
    BoardingLogisticsRow[] Boarding,
    AllocationRow[] Allocations,
    CountyFinance Finance,
    CountyWelfareReturn Welfare,
    EligibleStudentRow[] Eligible,
    PaymentRow[] Payments,
    PayReference Pay,
    PlannedExchange[] Exchanges,
    IReadOnlyDictionary<string, Verdict> Verdicts,
    MonitoringRow Monitoring,
    SurveyRow Survey);

/// <summary>A county as generated: its registry, its teachers, and its years (enrolment alone reaches back for the cohort rates).</summary>
public sealed record CountyData(
    CountySpec Spec,
    SchoolSpec[] Schools,
    TeacherRow[] Teachers,
    PlannedCourse[] Courses,
    PlannedHonour[] Honours,
    EnrolmentYear[] EnrolmentHistory,
    CountyYear[] Years)
{
    public int Students(int year) => EnrolmentHistory.Single(y => y.Year == year).Rows.Sum(r => r.Students);
}

public sealed record EnrolmentYear(int Year, EnrolmentRow[] Rows);
