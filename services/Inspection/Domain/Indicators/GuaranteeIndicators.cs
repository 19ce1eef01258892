using EduPlatform.Contracts.Facilities;
using EduPlatform.Contracts.Staffing;

using static EduPlatform.Inspection.Domain.Indicators.IndicatorMath;

namespace EduPlatform.Inspection.Domain.Indicators;

/// <summary>One school's facts for the government-guarantee items.</summary>
public sealed record SchoolFacts(
    string Code,
    string Name,
    SchoolType Type,
    int? Students,
    int[]? PrimaryClasses,
    int[]? JuniorClasses,
    decimal[]? MusicRooms,
    decimal[]? ArtRooms,
    int? FundedStudents,
    decimal? PublicFundsRequired,
    decimal? PublicFundsAllocated,
    decimal? SpecialEducationAllocated,
    Location Location = Location.Urban,
    bool Boarding = false,
    (int Admitted, int FromCatchment)? PrimaryAdmission = null,
    (int Admitted, int FromCatchment)? JuniorAdmission = null,
    decimal? SpecialEducationRequired = null,
    decimal? TrainingRequired = null,
    decimal? TrainingAllocated = null);

/// <summary>A full-time teacher: pay, certificate, and what the plan targets follow (hours trained in the five school years up to this one, rank, rural service, honours held).</summary>
public sealed record TeacherFacts(decimal AnnualPay, bool Certified, string SchoolCode = "", Location Location = Location.Urban,
    Rank Rank = default, decimal TrainingHours = 0, int RuralYears = 0, HonourLevel[]? Honours = null);

/// <summary>What a group of teachers at one rank earns in total.</summary>
public sealed record RankPay(int Teachers, decimal TotalPay);

/// <summary>
/// A county's full-time teachers as the indicators count them (the loader counts them in the database;
/// <see cref="From"/> counts the same from individual teachers): pay, certificates, training against the
/// hours a standard asks, rural teachers' pay per rank, and honours due at the plan's years of rural service.
/// </summary>
/// <param name="TrainingReported">Whether staffing has reported any training of the county's teachers in the window: without any, the
/// training lines are no-data, not a 0 % failure.</param>
public sealed record TeacherSummary(int FullTime, decimal TotalPay, int Certified, int Trained, int Rural, int RuralTrained,
    IReadOnlyDictionary<Rank, RankPay> RuralPay, int CountyHonourDue, int CountyHonourHeld, int CityHonourDue, int CityHonourHeld,
    bool TrainingReported = true)
{
    public static TeacherSummary From(IReadOnlyCollection<TeacherFacts> teachers, decimal trainingHours, int countyHonourYears, int cityHonourYears)
    {
        var rural = teachers.Where(t => t.Location == Location.Rural).ToList();
        var countyDue = teachers.Where(t => t.RuralYears >= countyHonourYears).ToList();
        var cityDue = teachers.Where(t => t.RuralYears >= cityHonourYears).ToList();
        return new TeacherSummary(teachers.Count, teachers.Sum(t => t.AnnualPay), teachers.Count(t => t.Certified),
            teachers.Count(t => t.TrainingHours >= trainingHours), rural.Count, rural.Count(t => t.TrainingHours >= trainingHours),
            rural.GroupBy(t => t.Rank).ToDictionary(g => g.Key, g => new RankPay(g.Count(), g.Sum(t => t.AnnualPay))),
            countyDue.Count, countyDue.Count(t => t.Honours?.Contains(HonourLevel.County) == true),
            cityDue.Count, cityDue.Count(t => t.Honours?.Contains(HonourLevel.City) == true), teachers.Any(t => t.TrainingHours > 0));
    }
}

public sealed record CountyFacts(decimal? CivilServantAveragePay, int? MigrantEligible, int? MigrantPlaced, int? DisabledSchoolAge,
    int? DisabledEnrolled, int? QuotaPlan, int? QuotaAllocated, int? ExchangeEligible = null, int? Exchanged = null, int? ExchangedBackbone = null);

/// <summary>An indicator's result: the value, its threshold, the status, the schools at fault and the inputs behind the value.</summary>
/// <remarks><paramref name="Evidence"/> names the document an inspector's verdict rests on (evidence items only);
/// <paramref name="Missing"/> says what was never reported when the status is no-data for that reason.</remarks>
public sealed record IndicatorResult(string Code, string Name, string Test, decimal? Value, decimal? Threshold, Status Status,
    string[] SchoolsAtFault, IReadOnlyDictionary<string, decimal> Inputs, string? Evidence = null, string? Missing = null);

/// <summary>The figures the government-guarantee tests use, as data (教督〔2017〕6号 unless a province says otherwise).</summary>
public sealed record GuaranteeStandard(
    int ClassesPerRoom, decimal MusicRoomArea, decimal ArtRoomArea, int MaxSchoolStudents, int MaxThroughTrainStudents,
    int PrimaryClassLimit, int JuniorClassLimit, int SmallSchoolFloor, decimal SpecialEducationPerStudent,
    decimal QuotaShare, decimal MigrantShare, decimal DisabledShare, decimal NearBand,
    decimal ExchangeShare, decimal ExchangeBackboneShare, decimal PrimaryNearHome, decimal JuniorNearHome)
{
    public static GuaranteeStandard National2017 => Standards.Default.Guarantee;
}

/// <summary>
/// 政府保障程度 items that are computed from data (GG3–GG8, GG12, GG14, GG15) and 教育质量 EQ2. Each is
/// `no-data` when its inputs are missing, never silently met.
/// </summary>
public static class GuaranteeIndicators
{
    public static List<IndicatorResult> Evaluate(IReadOnlyList<SchoolFacts> schools, TeacherSummary teachers, CountyFacts county,
        GuaranteeStandard standard) =>
    [
        SpecialRooms(schools, standard),
        SchoolSize(schools, standard),
        ClassSize(schools, standard),
        SmallSchoolFunding(schools, standard),
        SpecialEducationFunding(schools, standard),
        TeacherPay(teachers, county, standard),
        Exchange(county, standard),
        NearHome(schools, standard),
        Share("GG12", "教师持证上岗率", "teachers holding a certificate ÷ full-time teachers = 100 %",
            teachers.Certified, teachers.FullTime, 100m, standard.NearBand, "certified", "full-time teachers"),
        Share("GG14", "优质高中招生名额分配", "quota places allocated to junior schools ÷ enrolment plan ≥ 50 %",
            county.QuotaAllocated, county.QuotaPlan, standard.QuotaShare, standard.NearBand, "allocated", "plan"),
        Share("GG15", "随迁子女就读公办或政府购买服务民办学校", "placed ÷ eligible migrant children ≥ 85 %",
            county.MigrantPlaced, county.MigrantEligible, standard.MigrantShare, standard.NearBand, "placed", "eligible"),
        Share("EQ2", "残疾儿童少年入学率", "enrolled (regular class + special school + home tuition) ÷ school-age disabled ≥ 95 %",
            county.DisabledEnrolled, county.DisabledSchoolAge, standard.DisabledShare, standard.NearBand, "enrolled", "school-age"),
    ];

    private static IndicatorResult SpecialRooms(IReadOnlyList<SchoolFacts> schools, GuaranteeStandard standard)
    {
        var judged = schools.Where(s => s.Type != SchoolType.SpecialEducation && s.MusicRooms is not null
            && (s.PrimaryClasses is not null || s.JuniorClasses is not null)).ToList();
        var atFault = judged.Where(s =>
        {
            var classes = (s.PrimaryClasses?.Length ?? 0) + (s.JuniorClasses?.Length ?? 0);
            var needed = Math.Max(1, (classes + standard.ClassesPerRoom - 1) / standard.ClassesPerRoom);
            return s.MusicRooms!.Count(a => a >= standard.MusicRoomArea) < needed || (s.ArtRooms ?? []).Count(a => a >= standard.ArtRoomArea) < needed;
        }).Select(s => s.Code).ToArray();
        return AllSchools("GG3", "每12个班级配备音乐、美术专用教室1间以上",
            $"per school: music rooms of ≥ {standard.MusicRoomArea} m² and art rooms of ≥ {standard.ArtRoomArea} m², each at least one per {standard.ClassesPerRoom} classes",
            judged.Count, atFault, new() { ["schools judged"] = judged.Count });
    }

    private static IndicatorResult SchoolSize(IReadOnlyList<SchoolFacts> schools, GuaranteeStandard standard)
    {
        var judged = schools.Where(s => s.Students is not null && s.Type != SchoolType.SpecialEducation).ToList();
        var atFault = judged.Where(s => s.Students > (s.Type is SchoolType.NineYear or SchoolType.TwelveYear
            ? standard.MaxThroughTrainStudents : standard.MaxSchoolStudents)).Select(s => s.Code).ToArray();
        return AllSchools("GG4", "学校规模",
            $"no primary or junior school above {standard.MaxSchoolStudents} students, no through-train school above {standard.MaxThroughTrainStudents}",
            judged.Count, atFault, new() { ["largest school"] = judged.Count == 0 ? 0 : judged.Max(s => s.Students!.Value) });
    }

    private static IndicatorResult ClassSize(IReadOnlyList<SchoolFacts> schools, GuaranteeStandard standard)
    {
        var judged = schools.Where(s => s.PrimaryClasses is not null || s.JuniorClasses is not null).ToList();
        int Over(SchoolFacts s) => (s.PrimaryClasses ?? []).Count(c => c > standard.PrimaryClassLimit) + (s.JuniorClasses ?? []).Count(c => c > standard.JuniorClassLimit);
        var atFault = judged.Where(s => Over(s) > 0).Select(s => s.Code).ToArray();
        var classes = judged.Sum(s => (s.PrimaryClasses?.Length ?? 0) + (s.JuniorClasses?.Length ?? 0));
        return AllSchools("GG5", "班额", $"no primary class above {standard.PrimaryClassLimit}, no junior class above {standard.JuniorClassLimit}",
            judged.Count, atFault, new() { ["classes"] = classes, ["classes over the limit"] = judged.Sum(Over) });
    }

    private static IndicatorResult SmallSchoolFunding(IReadOnlyList<SchoolFacts> schools, GuaranteeStandard standard)
    {
        var judged = schools.Where(s => s.Students is not null && s.PublicFundsAllocated is not null && s.Students < standard.SmallSchoolFloor
            && s.Type != SchoolType.SpecialEducation).ToList();
        var atFault = judged.Where(s => s.PublicFundsAllocated < s.PublicFundsRequired).Select(s => s.Code).ToArray();
        var anyFunding = schools.Any(s => s.PublicFundsAllocated is not null);
        return new IndicatorResult("GG6", "不足100名学生的村小学和教学点按100名学生核定公用经费",
            $"every school with fewer than {standard.SmallSchoolFloor} students is allocated at least what {standard.SmallSchoolFloor} students (and its boarders) are owed",
            judged.Count - atFault.Length, judged.Count, !anyFunding ? Status.NoData : atFault.Length == 0 ? Status.Met : Status.NotMet, atFault,
            new Dictionary<string, decimal> { ["small schools"] = judged.Count }, Missing: anyFunding ? null : NoAllocations);
    }

    private static IndicatorResult SpecialEducationFunding(IReadOnlyList<SchoolFacts> schools, GuaranteeStandard standard)
    {
        var judged = schools.Where(s => s.Type == SchoolType.SpecialEducation && s.Students > 0 && s.SpecialEducationAllocated is not null).ToList();
        var perStudent = judged.Count == 0 ? (decimal?)null
            : judged.Sum(s => s.SpecialEducationAllocated!.Value) / judged.Sum(s => s.Students!.Value);
        var atFault = judged.Where(s => s.SpecialEducationAllocated!.Value / s.Students!.Value < standard.SpecialEducationPerStudent)
            .Select(s => s.Code).ToArray();
        return new IndicatorResult("GG7", "特殊教育学校生均公用经费", $"≥ {standard.SpecialEducationPerStudent} 元 per student at every special-education school",
            perStudent, standard.SpecialEducationPerStudent, judged.Count == 0 ? Status.NoData : atFault.Length == 0 ? Status.Met : Status.NotMet,
            atFault, new Dictionary<string, decimal> { ["special schools"] = judged.Count },
            Missing: judged.Count == 0 && schools.All(s => s.SpecialEducationAllocated is null) ? NoAllocations : null);
    }

    /// <summary>What a line lacks when the finance bureau has allocated nothing to any of the county's schools for the year.</summary>
    public const string NoAllocations = "funding: no allocations reported for any of the county's schools this year";

    private static IndicatorResult TeacherPay(TeacherSummary teachers, CountyFacts county, GuaranteeStandard standard)
    {
        decimal? average = teachers.FullTime == 0 ? null : teachers.TotalPay / teachers.FullTime;
        var bar = county.CivilServantAveragePay;
        var status = average is null || bar is null ? Status.NoData
            : average >= bar ? Status.Met : average >= bar * standard.NearBand ? Status.Near : Status.NotMet;
        var inputs = new Dictionary<string, decimal> { ["full-time teachers"] = teachers.FullTime };
        if (bar is not null)
        {
            inputs["civil servants' average"] = bar.Value;
        }
        return new IndicatorResult("GG8", "教师平均工资收入不低于当地公务员", "county teachers' average annual pay ≥ civil servants' average",
            average, bar, status, [], inputs);
    }

    private static IndicatorResult Exchange(CountyFacts county, GuaranteeStandard standard)
    {
        var share = Percent(county.Exchanged, county.ExchangeEligible);
        var backbone = Percent(county.ExchangedBackbone, county.Exchanged);
        var inputs = new Dictionary<string, decimal>();
        if (county.ExchangeEligible is { } eligible)
        {
            (inputs["eligible"], inputs["exchanged"], inputs["backbone exchanged"]) = (eligible, county.Exchanged ?? 0, county.ExchangedBackbone ?? 0);
        }
        if (backbone is { } b)
        {
            inputs["backbone % of exchanged"] = b;
        }
        return new IndicatorResult("GG11", "交流轮岗",
            $"teachers exchanged ÷ eligible ≥ {standard.ExchangeShare} %, and backbone teachers ≥ {standard.ExchangeBackboneShare} % of those exchanged",
            // With nobody exchanged the backbone share is undefined, and the 0 % share already fails.
            share, standard.ExchangeShare, share is null ? Status.NoData
                : Worse(Judge(share, standard.ExchangeShare, standard.NearBand), Judge(backbone, standard.ExchangeBackboneShare, standard.NearBand)),
            [], inputs);
    }

    private static IndicatorResult NearHome(IReadOnlyList<SchoolFacts> schools, GuaranteeStandard standard)
    {
        var scope = schools.Where(s => s.Location != Location.Rural && !s.Boarding).ToList();
        (int Admitted, int Catchment) Sum(Func<SchoolFacts, (int Admitted, int FromCatchment)?> level) =>
            (scope.Sum(s => level(s)?.Admitted ?? 0), scope.Sum(s => level(s)?.FromCatchment ?? 0));
        var (primaryAdmitted, primaryCatchment) = Sum(s => s.PrimaryAdmission);
        var (juniorAdmitted, juniorCatchment) = Sum(s => s.JuniorAdmission);
        var primary = Percent(primaryCatchment, primaryAdmitted);
        var junior = Percent(juniorCatchment, juniorAdmitted);
        // A level without admissions in scope does not count against the county; neither level known is no data.
        var status = Worse(Judge(primary, standard.PrimaryNearHome, standard.NearBand), Judge(junior, standard.JuniorNearHome, standard.NearBand));
        var atFault = scope.Where(s =>
                s.PrimaryAdmission is { Admitted: > 0 } p && p.FromCatchment * 100m < standard.PrimaryNearHome * p.Admitted
                || s.JuniorAdmission is { Admitted: > 0 } j && j.FromCatchment * 100m < standard.JuniorNearHome * j.Admitted)
            .Select(s => s.Code).ToArray();
        return new IndicatorResult("GG13", "就近划片入学",
            $"urban and town public day schools: admitted from the catchment ÷ admitted, primary {standard.PrimaryNearHome} %, junior ≥ {standard.JuniorNearHome} % (value: primary)",
            primary, standard.PrimaryNearHome, status, atFault,
            new Dictionary<string, decimal>
            {
                ["primary admitted"] = primaryAdmitted, ["primary from catchment"] = primaryCatchment,
                ["junior admitted"] = juniorAdmitted, ["junior from catchment"] = juniorCatchment, ["junior %"] = junior ?? 0,
            });
    }
}
