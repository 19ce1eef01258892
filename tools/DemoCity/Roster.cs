namespace EduPlatform.DemoCity;

/// <summary>The counties of the demo city, each with its kind and story, and the schools each kind of county has.</summary>
public static class Roster
{
    public static readonly int[] Years = [2025, 2026];
    /// <summary>Enrolment reaches back eight years before the mid-term so both cohort rates (EQ1, PL10) can be computed.</summary>
    public static readonly int FirstEnrolmentYear = Years[0] - 8;
    public const string Prefecture = "99";

    private static readonly (string Name, CountyKind Kind, Profile Profile)[] Counties =
    [
        ("城东区", CountyKind.UrbanDistrict, new Profile()),
        ("北山县", CountyKind.MountainCounty, new Profile
        {
            Story = "均衡未达: every school meets the bar, but the township schools' equipment far outruns the villages' — fails on balance alone",
            UrbanEquipment = 4.2, TownEquipment = 4.0, RuralEquipment = 1.2, Spread = 0.08,
        }),
        ("河阳市", CountyKind.CountyCity, new Profile
        {
            Story = "城镇挤、乡村弱: town classes of 60 and more, oversized schools, thin village schools",
            TownSpace = 0.8, UrbanSpace = 0.9, TownClassTarget = 68, UrbanClassTarget = 58, SchoolSize = 1.35,
            RuralSpace = 0.8, RuralEquipment = 0.75, RuralQualified = 0.6, RuralBackbone = 0.05, RuralPeArt = 0.06,
            SmallSchoolsStaffed = false, Catchment = 0.9, RuralImprovement = 1.12,
        }),
        ("城西区", CountyKind.UrbanDistrict, new Profile
        {
            Story = "城镇挤: crowded city schools — large classes and too little floor space per student",
            UrbanSpace = 0.78, UrbanClassTarget = 54, SchoolSize = 1.25, Migrants = 0.8,
        }),
        ("南山县", CountyKind.MountainCounty, new Profile
        {
            Story = "乡村弱: weak village schools — few qualified or backbone teachers, thin equipment, pupils drop out",
            RuralSpace = 0.75, RuralEquipment = 0.65, Spread = 0.2, RuralQualified = 0.5, RuralBackbone = 0.03, RuralPeArt = 0.04,
            SmallSchoolsStaffed = false, TrainingComplete = 0.8, RuralPayOverTown = 0.95, Survival = 0.975, SmallSchoolFloor = false,
            Honoured = 0.5, VerdictsMet = false, MonitoringDifference = 0.19m, SubsidyPaid = 0.9, RuralImprovement = 1.08,
        }),
        ("临河市", CountyKind.CountyCity, new Profile
        {
            Story = "差一步: resources in order, but too few teachers exchanged and training hours short",
            ExchangeShare = 0.07, TrainingComplete = 0.93, FullRooms = false,
        }),
        ("青峰县", CountyKind.MountainCounty, new Profile
        {
            Story = "后勤与满意度: boarding schools without the logistics standard, and a satisfaction survey below 85 % (a veto)",
            RuralSpace = 0.95, RuralEquipment = 0.9, BoardingComplete = false, FullRooms = false, Satisfaction = 82.5m,
            TrainingBudget = 0.04, SpecialPerStudent = 5600m,
        }),
        ("平原县", CountyKind.PlainCounty, new Profile
        {
            Story = "追赶: village schools below the bar at the mid-term, much improved by the final",
            RuralSpace = 0.82, RuralEquipment = 0.8, RuralImprovement = 1.3, PayOverCivilServants = 0.97, FundingGrowth = 1.12,
        }),
    ];

    /// <summary>The counties of a city of the given size: small has the first three stories; province ten prefectures of eight.</summary>
    public static IReadOnlyList<CountySpec> CountiesOf(CitySize size)
    {
        var (prefectures, stories) = size switch
        {
            CitySize.Small => (1, 3),
            CitySize.Province => (10, Counties.Length),
            _ => (1, Counties.Length),
        };
        var list = new List<CountySpec>();
        for (var p = 0; p < prefectures; p++)
        {
            var prefecture = prefectures == 1 ? Prefecture : (90 + p).ToString("00");
            for (var i = 0; i < stories; i++)
            {
                var (name, kind, profile) = Counties[i];
                var prefix = prefectures == 1 ? "" : $"第{p + 1}市";
                list.Add(new CountySpec(list.Count, $"13{prefecture}{i + 1:00}", prefix + name, kind, profile));
            }
        }
        return list;
    }

    /// <summary>How many schools of each kind a county has at the default size (the small city takes about a tenth).</summary>
    public sealed record SchoolGroup(int Count, string Type, string Location, bool Boarding, int MinStudents, int MaxStudents);

    public static SchoolGroup[] Composition(CountyKind kind) => kind switch
    {
        CountyKind.UrbanDistrict =>
        [
            new(48, "primary", "urban", false, 800, 1600), new(26, "junior", "urban", false, 800, 1500),
            new(8, "nine-year", "urban", false, 1200, 2200), new(7, "primary", "town", false, 400, 900),
            new(6, "primary", "rural", false, 120, 300), new(1, "special-education", "urban", false, 100, 160),
        ],
        CountyKind.CountyCity =>
        [
            new(22, "primary", "urban", false, 800, 1600), new(14, "junior", "urban", false, 800, 1500),
            new(35, "primary", "town", false, 300, 1000), new(16, "junior", "town", true, 400, 1100),
            new(8, "nine-year", "town", true, 500, 1400), new(45, "primary", "rural", false, 60, 300),
            new(12, "teaching-point", "rural", false, 15, 60), new(4, "nine-year", "rural", true, 200, 600),
            new(1, "special-education", "urban", false, 80, 140),
        ],
        CountyKind.MountainCounty =>
        [
            new(6, "primary", "urban", false, 600, 1300), new(5, "junior", "urban", false, 600, 1300),
            new(18, "primary", "town", false, 200, 800), new(12, "junior", "town", true, 300, 900),
            new(6, "nine-year", "town", true, 300, 900), new(80, "primary", "rural", false, 40, 250),
            new(50, "teaching-point", "rural", false, 8, 45), new(8, "nine-year", "rural", true, 150, 500),
            new(1, "special-education", "town", true, 60, 120),
        ],
        _ =>
        [
            new(10, "primary", "urban", false, 700, 1400), new(6, "junior", "urban", false, 700, 1400),
            new(30, "primary", "town", false, 300, 900), new(14, "junior", "town", true, 400, 1000),
            new(6, "nine-year", "town", false, 400, 1000), new(70, "primary", "rural", false, 60, 280),
            new(15, "teaching-point", "rural", false, 15, 60), new(4, "nine-year", "rural", true, 150, 500),
            new(1, "special-education", "urban", false, 80, 140),
        ],
    };
}
