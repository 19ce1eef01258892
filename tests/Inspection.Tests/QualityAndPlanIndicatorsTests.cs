using EduPlatform.Contracts.Facilities;
using EduPlatform.Contracts.Staffing;
using EduPlatform.Inspection.Domain.Indicators;
using EduPlatform.Inspection.Infrastructure;
using EduPlatform.Registry;

namespace EduPlatform.Inspection.Tests;

/// <summary>GG9, the evidence items, EQ1/EQ4/EQ9/SR1 and the plan targets, each against a hand computation.</summary>
public sealed class QualityAndPlanIndicatorsTests
{
    private static readonly QualityStandard Quality = QualityStandard.National2017;
    private static readonly CountyFacts NoCounty = new(null, null, null, null, null, null, null);

    private static SchoolFacts School(string code, int? students = 300, int[]? primary = null, decimal? required = null, decimal? allocated = null,
        decimal? specialRequired = null, decimal? specialAllocated = null, decimal? trainingRequired = null, decimal? trainingAllocated = null) =>
        new(code, code, SchoolType.Primary, students, primary, null, null, null, students, required, allocated, specialAllocated,
            SpecialEducationRequired: specialRequired, TrainingRequired: trainingRequired, TrainingAllocated: trainingAllocated);

    private static SchoolPlanFacts PlanSchool(string code, int? students = 300, int classes = 6, int teachers = 12, Subject[]? subjects = null,
        decimal? broadband = 100m, bool boarding = false, string[]? missing = null, Location location = Location.Rural) =>
        new(code, location, boarding, students, classes, teachers,
            subjects ?? [Subject.Music, Subject.PhysicalEducation, Subject.FineArt, Subject.English], broadband,
            OrdinaryClassrooms: 10, ClassroomsWithMultimedia: 10, ClassesWithBanbantong: classes, ActiveRenrentongAccounts: (students ?? 0) + teachers,
            BoardingMissing: missing);

    private static PlanFacts Plan(SchoolPlanFacts[]? schools = null, decimal? now = 700m, decimal? before = 650m, int noAllowance = 0,
        Dictionary<Rank, decimal>? townPay = null, int? eligible = 100, int? paidInFull = 100, (string, string?)[]? closures = null,
        string[]? closed = null) =>
        new(schools ?? [PlanSchool("a")], now, before, noAllowance, townPay ?? [], eligible, paidInFull, closures ?? [], closed ?? []);

    private static Dictionary<string, IndicatorResult> EvaluatePlan(int year = 2026, SchoolFacts[]? schools = null, TeacherFacts[]? teachers = null,
        CountyFacts? county = null, PlanFacts? plan = null, SchoolSection[]? sections = null)
    {
        var t = TeacherSummary.From(teachers ?? [], Quality.TrainingHours, PlanStandard.City2026.CountyHonourYears, PlanStandard.City2026.CityHonourYears);
        var c = county ?? NoCounty;
        var s = schools ?? [School("a")];
        var computed = GuaranteeIndicators.Evaluate(s, t, c, GuaranteeStandard.National2017)
            .Append(QualityIndicators.Retention("PL10", Retention.NineYear(year, []), Quality)).ToList();
        return PlanIndicators.Evaluate(year, sections ?? [], s, t, c, plan ?? Plan(), computed, StandardSet.National2017, Quality, PlanStandard.City2026)
            .ToDictionary(r => r.Code);
    }

    [Fact]
    public void Training_completion_counts_teachers_with_360_hours_in_five_years()
    {
        var r = QualityIndicators.Training(TeacherSummary.From([new(90_000m, true, TrainingHours: 400m), new(90_000m, true, TrainingHours: 360m),
            new(90_000m, true, TrainingHours: 200m)], Quality.TrainingHours, 10, 15), Quality);

        Assert.Equal((66.67m, 100m, Status.NotMet), (R2(r.Value), r.Threshold, r.Status));   // 2 ÷ 3 is below 85 % of 100 %
        Assert.Equal(Status.NoData, QualityIndicators.Training(TeacherSummary.From([], Quality.TrainingHours, 10, 15), Quality).Status);
        Assert.Equal((new DateOnly(2022, 9, 1), new DateOnly(2027, 8, 31)), CountyYearLoader.TrainingWindow(2026));
    }

    [Fact]
    public void Evidence_items_are_no_data_until_an_inspector_records_a_verdict()
    {
        Assert.Equal(Status.NoData, QualityIndicators.Evidence("GG1", null).Status);
        var met = QualityIndicators.Evidence("GG10", new VerdictFacts("GG10", true, "县编办〔2026〕3号", "王督学", null));
        Assert.Equal((Status.Met, "县编办〔2026〕3号 (王督学)"), (met.Status, met.Evidence));
        Assert.Equal(Status.NotMet, QualityIndicators.Evidence("EQ7", new VerdictFacts("EQ7", false, "doc", "insp", "music not taught")).Status);
    }

    [Fact]
    public void Junior_retention_follows_the_grade_7_cohort_of_two_years_earlier()
    {
        GradeTotals[] totals =
        [
            new(2024, 7, 200, TransfersIn: 4, TransfersOut: 3, Graduates: 0),
            new(2025, 8, 199, TransfersIn: 2, TransfersOut: 0, Graduates: 0),
            new(2026, 9, 195, TransfersIn: 0, TransfersOut: 3, Graduates: 190),
        ];

        var r = QualityIndicators.Retention("EQ1", Retention.Junior(2026, totals), Quality);

        // 190 ÷ (200 + 6 − 6) = 95 %
        Assert.Equal((95m, Status.Met), (r.Value, r.Status));
        Assert.Equal((200m, 6m, 6m, 190m), (r.Inputs["intake"], r.Inputs["transfers in"], r.Inputs["transfers out"], r.Inputs["graduates"]));
        Assert.Equal(Status.NoData, QualityIndicators.Retention("EQ1", Retention.Junior(2026, totals[1..]), Quality).Status);
    }

    [Fact]
    public void Training_budgets_monitoring_and_the_survey_veto()
    {
        var budget = QualityIndicators.TrainingBudget([School("ok", trainingRequired: 1_000m, trainingAllocated: 1_000m),
            School("short", trainingRequired: 1_000m, trainingAllocated: 900m), School("unassessed")]);
        Assert.Equal((1m, 2m, Status.NotMet), (budget.Value, budget.Threshold, budget.Status));
        Assert.Equal(["short"], budget.SchoolsAtFault);

        ImportedFacts Imported(int[] levels, decimal rate, decimal? satisfaction = null) =>
            new(["语文", "数学"], levels, rate, satisfaction, 1200, "监测报告", "调查报告");
        Assert.Equal(Status.Met, QualityIndicators.Monitoring(Imported([3, 4], 0.12m), Quality).Status);
        Assert.Equal(Status.NotMet, QualityIndicators.Monitoring(Imported([2, 4], 0.12m), Quality).Status);   // a subject below 水平Ⅲ
        Assert.Equal(Status.NotMet, QualityIndicators.Monitoring(Imported([3, 4], 0.15m), Quality).Status);   // the rate must be below 0.15
        Assert.Equal(Status.NoData, QualityIndicators.Monitoring(null, Quality).Status);
        Assert.Equal(3m, QualityIndicators.Monitoring(Imported([3, 4], 0.12m), Quality).Inputs["level: 语文"]);

        // A veto item has no "near": 84.9 % fails outright.
        Assert.Equal(Status.NotMet, QualityIndicators.Satisfaction(Imported([3], 0.1m, 84.9m), Quality).Status);
        Assert.Equal(Status.Met, QualityIndicators.Satisfaction(Imported([3], 0.1m, 85m), Quality).Status);
    }

    [Fact]
    public void Large_classes_are_judged_at_66_until_the_second_deadline_then_at_56()
    {
        SchoolFacts[] schools = [School("crowded", primary: [66, 60, 40]), School("fine", primary: [55, 45])];

        var before = EvaluatePlan(2026, schools)["PL2"];
        var after = EvaluatePlan(2027, schools)["PL2"];

        Assert.Equal((1m, Status.NotMet), (before.Value, before.Status));          // one class of ≥ 66
        Assert.Equal(["crowded"], before.SchoolsAtFault);
        Assert.Equal((5m, 2m, 1m, 40m), (before.Inputs["classes"], before.Inputs["大班额 classes"], before.Inputs["超大班额 classes"],
            before.Inputs["大班额 % of classes"]));
        Assert.Equal(2m, after.Value);                                               // 66 and 60 from 2027
        Assert.Equal(Status.Met, EvaluatePlan(2026, [School("fine", primary: [55, 45])])["PL2"].Status);
    }

    [Fact]
    public void Funding_norm_and_growth()
    {
        SchoolFacts[] funded = [School("a", required: 65_000m, allocated: 65_000m), School("b", required: 80_000m, allocated: 81_000m)];
        Assert.Equal(Status.Met, EvaluatePlan(schools: funded)["PL1"].Status);
        Assert.Equal(Status.NotMet, EvaluatePlan(schools: funded, plan: Plan(now: 640m, before: 650m))["PL1"].Status);   // per-student funds fell
        Assert.Equal(Status.NoData, EvaluatePlan(schools: funded, plan: Plan(before: null))["PL1"].Status);             // growth unknown
        var short_ = EvaluatePlan(schools: [School("a", required: 65_000m, allocated: 60_000m)])["PL1"];
        Assert.Equal((Status.NotMet, "a"), (short_.Status, short_.SchoolsAtFault.Single()));
    }

    [Fact]
    public void Boarding_informatization_and_small_schools()
    {
        var r = EvaluatePlan(plan: Plan(
        [
            PlanSchool("boards well", boarding: true, missing: []),
            PlanSchool("no bathing", boarding: true, missing: ["bathing"]),
            PlanSchool("no report", boarding: true),
            PlanSchool("slow line", broadband: 8m),
            PlanSchool("small", students: 150, classes: 6, teachers: 10, subjects: [Subject.Music, Subject.PhysicalEducation, Subject.FineArt]),
        ]));

        Assert.Equal((33.33m, Status.NotMet), (R2(r["PL4"].Value), r["PL4"].Status));
        Assert.Equal(["no bathing", "no report"], r["PL4"].SchoolsAtFault);
        Assert.Equal((80m, Status.NotMet), (r["PL5"].Value, r["PL5"].Status));      // 4 of 5 schools at ≥ 10 Mbps
        Assert.Equal(["slow line"], r["PL5"].SchoolsAtFault);
        Assert.Equal(["small"], r["PL6"].SchoolsAtFault);                            // 10 teachers for 6 classes, and no English
        Assert.Equal((0m, 1m), (r["PL6"].Value, r["PL6"].Threshold));
    }

    [Fact]
    public void Rural_pay_provision_honours_closures_and_special_education()
    {
        TeacherFacts[] teachers =
        [
            new(95_000m, true, "r", Location.Rural, Rank.First, RuralYears: 16, Honours: [HonourLevel.County, HonourLevel.City]),
            new(97_000m, true, "r", Location.Rural, Rank.First, RuralYears: 11),
            new(110_000m, true, "t", Location.Town, Rank.First),
        ];
        var r = EvaluatePlan(teachers: teachers,
            schools: [School("s", specialRequired: 6_000m, specialAllocated: 5_000m), School("fine", specialRequired: 3_000m, specialAllocated: 3_000m)],
            county: new CountyFacts(90_000m, MigrantEligible: 100, MigrantPlaced: 100, DisabledSchoolAge: 50, DisabledEnrolled: 49, null, null),
            plan: Plan(townPay: new() { [Rank.First] = 100_000m }, closures: [("closed-ok", "receiver")], closed: ["closed-ok", "closed-early"]));

        Assert.Equal((1m, Status.NotMet), (r["PL9"].Value, r["PL9"].Status));       // rural 一级 average 96,000 < town 100,000
        Assert.Equal((96_000m, 100_000m), (r["PL9"].Inputs["rural First average"], r["PL9"].Inputs["town First average"]));
        Assert.Equal((98m, Status.Near), (r["PL11"].Value, r["PL11"].Status));      // disabled 49 ÷ 50 is the lowest part
        Assert.Equal((66.67m, Status.NotMet), (R2(r["PL12"].Value), r["PL12"].Status)); // due: 2 county + 1 city; held: 1 county + 1 city
        Assert.Equal(["closed-early"], r["PL13"].SchoolsAtFault);
        Assert.Equal(["s"], r["PL14"].SchoolsAtFault);
        Assert.Equal(Status.Met, EvaluatePlan()["PL13"].Status);                      // no closure, nothing broken
    }

    [Fact]
    public void Exchange_target_also_needs_the_rural_allowance()
    {
        var county = new CountyFacts(null, null, null, null, null, null, null, ExchangeEligible: 20, Exchanged: 3, ExchangedBackbone: 1);

        var met = EvaluatePlan(county: county)["PL7"];
        var missing = EvaluatePlan(county: county, plan: Plan(noAllowance: 1))["PL7"];

        Assert.Equal((15m, Status.Met), (met.Value, met.Status));    // 3 of 20 exchanged, 1 of 3 backbone (33 %)
        Assert.Equal((Status.NotMet, 1m), (missing.Status, missing.Inputs["exchanged without a rural allowance"]));
    }

    [Fact]
    public void Informatization_judges_each_part_and_reports_it()
    {
        var school = PlanSchool("a", students: 100, classes: 10, teachers: 10) with
        {
            ClassesWithBanbantong = 8, ActiveRenrentongAccounts = 100, OrdinaryClassrooms = 10, ClassroomsWithMultimedia = 9,
        };

        var r = EvaluatePlan(plan: Plan([school]), teachers: [.. Enumerable.Repeat(new TeacherFacts(90_000m, true), 10)])["PL5"];

        // 班班通 8 of 10 classes (< 90 %), 人人通 100 of 110 people (90.91 %), multimedia 9 of 10 rooms (90 %).
        Assert.Equal((80m, 90.91m, 90m), (R2(r.Inputs["班班通 %"]), R2(r.Inputs["人人通 %"]), R2(r.Inputs["multimedia classrooms %"])));
        Assert.Equal(Status.Near, r.Status);   // broadband met; 班班通 within 85 % of its 90 %
    }

    [Fact]
    public void Full_standard_share_counts_schools_meeting_floor_sports_equipment_and_multimedia()
    {
        static SchoolSection Section(string code, decimal area) =>
            new(code, code, SchoolType.Primary, Contracts.Facilities.Section.Primary, 100, 5, 1, 1, area, 800m, 250_000m, 3, 50, 2000, 6, 3);

        var r = EvaluatePlan(sections: [Section("ok", 450m), Section("cramped", 449m)])["PL3"];   // 4.5 m² per student needed

        Assert.Equal((50m, 80m, Status.NotMet), (r.Value, r.Threshold, r.Status));
        Assert.Equal(["cramped"], r.SchoolsAtFault);
    }

    /// <summary>A full-precision value rounded as a display shows it, to compare with a hand-worked figure.</summary>
    private static decimal? R2(decimal? value) => value is { } v ? Math.Round(v, 2, MidpointRounding.AwayFromZero) : null;
}
