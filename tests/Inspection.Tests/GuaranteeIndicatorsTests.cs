using EduPlatform.Contracts.Facilities;
using EduPlatform.Contracts.Funding;
using EduPlatform.Contracts.Staffing;
using EduPlatform.Contracts.StudentWelfare;
using EduPlatform.Inspection.Domain.Indicators;
using EduPlatform.Inspection.Infrastructure;
using static EduPlatform.Inspection.Apis.IndicatorApi;

namespace EduPlatform.Inspection.Tests;

public sealed class GuaranteeIndicatorsTests
{
    private static SchoolFacts School(string code, SchoolType type = SchoolType.Primary, int? students = 500, int[]? primary = null,
        int[]? junior = null, decimal[]? music = null, decimal[]? art = null, decimal? required = null, decimal? allocated = null,
        decimal? special = null) =>
        new(code, code, type, students, primary, junior, music, art, students, required, allocated, special);

    private static Dictionary<string, IndicatorResult> Evaluate(SchoolFacts[] schools, TeacherFacts[]? teachers = null, CountyFacts? county = null) =>
        GuaranteeIndicators.Evaluate(schools, TeacherSummary.From(teachers ?? [], 360m, 10, 15), county ?? new CountyFacts(null, null, null, null, null, null, null),
            GuaranteeStandard.National2017).ToDictionary(r => r.Code);

    [Fact]
    public void Special_rooms_are_needed_one_per_12_classes_at_their_minimum_area()
    {
        var r = Evaluate(
        [
            School("ok", primary: [.. Enumerable.Repeat(40, 24)], music: [96m, 100m], art: [90m, 95m]),       // 24 classes: 2 each
            School("small room", primary: [.. Enumerable.Repeat(40, 12)], music: [80m], art: [90m]),          // music room under 96 m²
            School("too few", primary: [.. Enumerable.Repeat(40, 13)], music: [96m], art: [90m]),             // 13 classes need 2
        ])["GG3"];

        Assert.Equal((Status.NotMet, 1m, 3m), (r.Status, r.Value, r.Threshold));
        Assert.Equal(["small room", "too few"], r.SchoolsAtFault);
    }

    [Fact]
    public void School_size_and_class_size_name_the_schools_at_fault()
    {
        var r = Evaluate(
        [
            School("big primary", students: 2001, primary: [45, 45]),
            School("big nine-year", SchoolType.NineYear, students: 2400, primary: [46], junior: [50]),
            School("crowded junior", SchoolType.Junior, students: 900, junior: [51, 50]),
        ]);

        Assert.Equal(["big primary"], r["GG4"].SchoolsAtFault); // a through-train school may have 2,500
        Assert.Equal(["big nine-year", "crowded junior"], r["GG5"].SchoolsAtFault);
        Assert.Equal((6m, 2m), (r["GG5"].Inputs["classes"], r["GG5"].Inputs["classes over the limit"]));
    }

    [Fact]
    public void Small_school_and_special_school_funding_are_judged_from_the_assessments()
    {
        var r = Evaluate(
        [
            School("point", SchoolType.TeachingPoint, students: 40, required: 65_000m, allocated: 65_000m),
            School("village", students: 80, required: 67_000m, allocated: 52_000m),
            School("special", SchoolType.SpecialEducation, students: 50, special: 280_000m),   // 5,600 per student
        ]);

        Assert.Equal(Status.NotMet, r["GG6"].Status);
        Assert.Equal(["village"], r["GG6"].SchoolsAtFault);
        Assert.Equal((5600m, Status.NotMet), (r["GG7"].Value, r["GG7"].Status));
    }

    [Fact]
    public void Exchange_needs_10_percent_of_the_eligible_and_20_percent_backbone_among_them()
    {
        CountyFacts County(int eligible, int exchanged, int backbone) => new(null, null, null, null, null, null, null, eligible, exchanged, backbone);

        var met = Evaluate([], county: County(200, 24, 5))["GG11"];         // 12 %, backbone 20.83 %
        var fewBackbone = Evaluate([], county: County(200, 24, 3))["GG11"]; // backbone 12.5 %: not met
        var nobody = Evaluate([], county: County(200, 0, 0))["GG11"];

        Assert.Equal((12m, Status.Met), (met.Value, met.Status));
        Assert.Equal((12.5m, Status.NotMet), (fewBackbone.Inputs["backbone % of exchanged"], fewBackbone.Status));
        Assert.Equal((0m, Status.NotMet), (nobody.Value, nobody.Status));
        Assert.Equal(Status.NoData, Evaluate([])["GG11"].Status);
    }

    [Fact]
    public void Admission_near_home_counts_urban_and_town_day_schools_against_100_and_95_percent()
    {
        var r = Evaluate(
        [
            School("town primary", primary: [40]) with { Location = Location.Town, PrimaryAdmission = (100, 100) },
            School("urban junior", SchoolType.Junior) with { JuniorAdmission = (200, 188) },                       // 94 %
            School("rural", primary: [20]) with { Location = Location.Rural, PrimaryAdmission = (30, 10) },        // out of scope
            School("boarding", SchoolType.Junior) with { Location = Location.Town, Boarding = true, JuniorAdmission = (100, 50) },
        ])["GG13"];

        Assert.Equal((100m, Status.Near), (r.Value, r.Status)); // the junior level (94 %) is within the band of 95 %
        Assert.Equal(94m, r.Inputs["junior %"]);
        Assert.Equal(["urban junior"], r.SchoolsAtFault);
    }

    [Fact]
    public void Shares_are_met_near_or_not_met_and_missing_data_is_no_data()
    {
        var r = Evaluate([School("a")], [new(96_000m, true), new(90_000m, false)],
            new CountyFacts(95_000m, MigrantEligible: 1000, MigrantPlaced: 800, DisabledSchoolAge: 100, DisabledEnrolled: 96, QuotaPlan: null, QuotaAllocated: null));

        Assert.Equal((93_000m, Status.Near), (r["GG8"].Value, r["GG8"].Status));   // 93,000 against 95,000: within 85 %
        Assert.Equal((50m, Status.NotMet), (r["GG12"].Value, r["GG12"].Status));
        Assert.Equal((80m, Status.Near), (r["GG15"].Value, r["GG15"].Status));     // 80 % of eligible against 85 %
        Assert.Equal((96m, Status.Met), (r["EQ2"].Value, r["EQ2"].Status));
        Assert.Equal(Status.NoData, r["GG14"].Status);
        Assert.Equal(Status.NoData, Evaluate([])["GG5"].Status);
    }
}

/// <summary>Events from four departments in, 政府保障程度 out.</summary>
public sealed class GovernmentGuaranteeApiTests(InspectionFactory factory) : IClassFixture<InspectionFactory>, IAsyncLifetime
{
    private EventCollector _bus = null!;

    public async ValueTask InitializeAsync() => _bus = await EventCollector.StartAsync(factory.RabbitMqConnectionString);

    public ValueTask DisposeAsync() => _bus.DisposeAsync();

    [Fact]
    public async Task Class_sizes_pay_migrants_and_small_school_funding_come_from_the_departments_events()
    {
        var county = await RegistryAnnouncer.CountyWithSchoolsAsync<InspectionDbContext, InspectionDbContext>(factory, _bus,
            (SchoolType.Primary, Location.Town, false), (SchoolType.TeachingPoint, Location.Rural, false));
        string town = RegistryAnnouncer.School(county, 1), point = RegistryAnnouncer.School(county, 2);
        var now = DateTimeOffset.UtcNow;
        await _bus.PublishAsync(new ClassesReported(town, county, 2026, Section.Primary, 1, [1, 1, 2], [44, 58, 45], now));
        await _bus.PublishAsync(new SchoolFundingAssessed(point, county, 2026, 1, 40, 0, 0, 100, 65_000m, 60_000m, 0, 0, 3_000m, 3_000m, 5_000m, now));
        await _bus.PublishAsync(new EnrolmentReported(point, county, 2026, Section.Primary, 1, [1], [40], [0], [0], [0], [0], [0], [0], [0], [0], now));
        await _bus.PublishAsync(new PayReferenceRecorded(county, 2026, 100_000m, now));
        await _bus.PublishAsync(new ExchangeEligibilityReported(county, 2026, 1, 20, 5, 6, now));
        await _bus.PublishAsync(new ExchangeRecorded(Guid.NewGuid(), Guid.NewGuid(), county, 2026, town, point, true, true, new DateOnly(2026, 9, 1), now));
        await _bus.PublishAsync(new CountyWelfareReported(county, 2026, 1, 1000, 800, 60, 100, 90, 5, 3, 0, 500, 490, 1000, 520, now));
        foreach (var pay in new[] { 98_000m, 104_000m })
        {
            await _bus.PublishAsync(new TeacherRecorded(Guid.NewGuid(), TeacherChange.Hired, town, county, Section.Primary, true, [Subject.Chinese],
                Qualification.Bachelor, Rank.First, BackboneLevel.None, true, 0, pay, true, 1, now));
        }

        using var client = factory.CreateClient();
        Dictionary<string, IndicatorResult> results = [];
        await Poll.UntilAsync(async () =>
        {
            var dto = await client.GetApiAsync<GuaranteeDto>($"/api/counties/{county}/years/2026/government-guarantee");
            results = dto!.Indicators.ToDictionary(i => i.Code);
            return results["GG5"].Status != Status.NoData && results["GG6"].Status != Status.NoData && results["GG8"].Value == 101_000m
                // The eligibility alone already gives GG11 a value (0 %): wait for the exchange too, which may be applied after it.
                && results["GG15"].Status != Status.NoData && results["GG11"].Value == 5m;
        }, TimeSpan.FromSeconds(30), "the events never reached the read models");

        Assert.Equal(Status.NotMet, results["GG5"].Status);
        Assert.Equal([town], results["GG5"].SchoolsAtFault); // the class of 58
        Assert.Equal(Status.NotMet, results["GG6"].Status);
        Assert.Equal([point], results["GG6"].SchoolsAtFault); // 60,000 of 65,000
        Assert.Equal(Status.Met, results["GG8"].Status);                                                        // 101,000 ≥ 100,000
        Assert.Equal((86m, Status.Met), (results["GG15"].Value, results["GG15"].Status));                       // (800 + 60) ÷ 1,000
        Assert.Equal((52m, Status.Met), (results["GG14"].Value, results["GG14"].Status));
        Assert.Equal((5m, Status.NotMet), (results["GG11"].Value, results["GG11"].Status));                     // 1 of 20 eligible
    }
}
