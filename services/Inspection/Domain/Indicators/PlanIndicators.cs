using EduPlatform.Contracts.Facilities;
using EduPlatform.Contracts.Staffing;
using static EduPlatform.Inspection.Domain.Indicators.IndicatorMath;

namespace EduPlatform.Inspection.Domain.Indicators;

/// <summary>What the plan targets know of one operating school beyond <see cref="SchoolFacts"/>.</summary>
public sealed record SchoolPlanFacts(string Code, Location Location, bool Boarding, int? Students, int Classes, int FullTimeTeachers,
    Subject[] SubjectsTaught, decimal? BroadbandMbps, int OrdinaryClassrooms, int ClassroomsWithMultimedia, int ClassesWithBanbantong,
    int ActiveRenrentongAccounts, string[]? BoardingMissing);

/// <summary>A county's facts for the plan targets.</summary>
public sealed record PlanFacts(
    IReadOnlyList<SchoolPlanFacts> Schools,
    decimal? PerStudentFunds,
    decimal? PreviousPerStudentFunds,
    int ExchangedWithoutAllowance,
    IReadOnlyDictionary<Rank, decimal> TownPay,
    int? SubsidyEligible,
    int? SubsidyPaidInFull,
    IReadOnlyList<(string School, string? Receiving)> CompletedClosures,
    IReadOnlyList<string> ClosedSchools);

/// <summary>The plan's figures and deadlines (its "到X年", a school year by its starting year), as data.</summary>
public sealed record PlanStandard(
    int SuperLargeClass, int LargeClass, int SuperLargeDeadline, int LargeDeadline, decimal FullStandardShare, decimal BroadbandMbps,
    decimal BanbantongShare, decimal RenrentongShare, decimal MultimediaShare, int SmallSchool, int TeachersPerClass, Subject[] SmallSchoolSubjects,
    int CountyHonourYears, int CityHonourYears, IReadOnlyDictionary<string, int> Deadlines)
{
    public static PlanStandard City2026 => Standards.Default.Plan;

    public int? Deadline(string code) => Deadlines.TryGetValue(code, out var year) ? year : null;
}

/// <summary>The city plan's own targets PL1–PL14 (indicators.md §6), each with the inputs that produced it.</summary>
public static class PlanIndicators
{
    /// <param name="computed">Results the targets repeat or build on: GG8, GG11 and the nine-year retention as PL10.</param>
    public static List<IndicatorResult> Evaluate(int year, IReadOnlyList<SchoolSection> sections, IReadOnlyList<SchoolFacts> schools,
        TeacherSummary teachers, CountyFacts county, PlanFacts plan, IReadOnlyList<IndicatorResult> computed,
        StandardSet resources, QualityStandard quality, PlanStandard standard)
    {
        IndicatorResult Same(string code, string from) =>
            computed.Single(r => r.Code == from) with { Code = code, Name = Catalogue.Get(code).Name };
        return
        [
            Funding(schools, plan),
            LargeClasses(year, schools, standard),
            FullStandard(sections, resources, standard, quality.NearBand),
            Boarding(plan),
            Informatization(plan, teachers, standard, quality.NearBand),
            SmallSchools(plan, standard),
            ExchangeAllowance(Same("PL7", "GG11"), plan),
            Share("PL8", Catalogue.Get("PL8").Name, $"teachers at rural schools with ≥ {quality.TrainingHours} training hours in five school years = 100 %",
                teachers.TrainingReported ? teachers.RuralTrained : null, teachers.Rural, 100m, quality.NearBand, "trained", "rural teachers")
                .MissingIf(!teachers.TrainingReported, QualityIndicators.NoTraining),
            RuralPay(teachers, plan, computed.Single(r => r.Code == "GG8")),
            computed.Single(r => r.Code == "PL10"),
            Provision(county, plan, quality),
            Honours(teachers, standard, quality.NearBand),
            Closures(plan),
            SpecialEducation(schools),
        ];
    }

    private static IndicatorResult Funding(IReadOnlyList<SchoolFacts> schools, PlanFacts plan)
    {
        var judged = schools.Where(s => s.PublicFundsRequired is not null && s.PublicFundsAllocated is not null).ToList();
        var atFault = judged.Where(s => s.PublicFundsAllocated < s.PublicFundsRequired).Select(s => s.Code).ToArray();
        var inputs = new Dictionary<string, decimal> { ["schools funded below the norm"] = atFault.Length };
        var missing = judged.Count == 0 && schools.Any(s => s.PublicFundsRequired is not null) ? GuaranteeIndicators.NoAllocations : null;
        if (plan.PerStudentFunds is { } now)
        {
            inputs["per-student funds this year"] = now;
        }
        if (plan.PreviousPerStudentFunds is { } before)
        {
            inputs["per-student funds last year"] = before;
        }
        // Without last year's figure the growth cannot be judged, so the target is not yet shown as met.
        var grew = plan.PerStudentFunds is { } a && plan.PreviousPerStudentFunds is { } b ? a > b : (bool?)null;
        var status = judged.Count == 0 ? Status.NoData : atFault.Length > 0 || grew == false ? Status.NotMet : grew is null ? Status.NoData : Status.Met;
        return new IndicatorResult("PL1", Catalogue.Get("PL1").Name,
            "every school allocated at least its norm (floor of 100 students, boarding supplement), and the county's per-student funds grow every year",
            judged.Count - atFault.Length, judged.Count, status, atFault, inputs, Missing: missing);
    }

    private static IndicatorResult LargeClasses(int year, IReadOnlyList<SchoolFacts> schools, PlanStandard standard)
    {
        var sizes = schools.SelectMany(s => (s.PrimaryClasses ?? []).Concat(s.JuniorClasses ?? [])).ToList();
        // Judged against the stricter limit once its deadline has come, before that against 超大班额.
        var limit = year >= standard.LargeDeadline ? standard.LargeClass : standard.SuperLargeClass;
        var atFault = schools.Where(s => (s.PrimaryClasses ?? []).Concat(s.JuniorClasses ?? []).Any(c => c >= limit)).Select(s => s.Code).ToArray();
        var large = sizes.Count(c => c >= standard.LargeClass);
        var superLarge = sizes.Count(c => c >= standard.SuperLargeClass);
        return new IndicatorResult("PL2", Catalogue.Get("PL2").Name,
            $"no class of ≥ {standard.SuperLargeClass} (超大班额) from {standard.SuperLargeDeadline}, none of ≥ {standard.LargeClass} (大班额) from {standard.LargeDeadline}; judged this year at {limit}",
            sizes.Count(c => c >= limit), 0, sizes.Count == 0 ? Status.NoData : atFault.Length == 0 ? Status.Met : Status.NotMet, atFault,
            new Dictionary<string, decimal>
            {
                ["classes"] = sizes.Count, ["大班额 classes"] = large, ["超大班额 classes"] = superLarge,
                ["大班额 % of classes"] = Percent(large, sizes.Count) ?? 0, ["超大班额 % of classes"] = Percent(superLarge, sizes.Count) ?? 0,
            });
    }

    private static IndicatorResult FullStandard(IReadOnlyList<SchoolSection> sections, StandardSet resources, PlanStandard standard,
        decimal nearBand)
    {
        // 全项达标: floor area, sports area, equipment and multimedia rooms (RA4–RA7) at the standard in every section of the school.
        var bySchool = sections.Where(s => s.Students > 0 && s.Type != SchoolType.SpecialEducation).GroupBy(s => s.SchoolCode).ToList();
        var atFault = bySchool.Where(g => g.Any(s => ResourceIndicators.Definitions.Where(d => d.Code is "RA4" or "RA5" or "RA6" or "RA7")
            .Any(d => d.Quantity(s) * d.Scale / s.Students < resources.Threshold(d.Code, s.Level)))).Select(g => g.Key).ToArray();
        var share = Percent(bySchool.Count - atFault.Length, bySchool.Count);
        return new IndicatorResult("PL3", Catalogue.Get("PL3").Name,
            $"schools meeting the floor-area, sports, equipment and multimedia standards in every section ÷ schools ≥ {standard.FullStandardShare} %",
            share, standard.FullStandardShare, Judge(share, standard.FullStandardShare, nearBand), atFault,
            new Dictionary<string, decimal> { ["schools"] = bySchool.Count, ["meeting every standard"] = bySchool.Count - atFault.Length });
    }

    private static IndicatorResult Boarding(PlanFacts plan)
    {
        var boarding = plan.Schools.Where(s => s.Boarding).ToList();
        var atFault = boarding.Where(s => s.BoardingMissing is not [] ).Select(s => s.Code).ToArray();
        var share = Percent(boarding.Count - atFault.Length, boarding.Count);
        return new IndicatorResult("PL4", Catalogue.Get("PL4").Name,
            "boarding schools whose canteen, dormitory, drinking water, bathing, toilets and waste handling meet the standard = 100 % (a school without a report is at fault)",
            share, 100m, boarding.Count == 0 ? Status.NoData : atFault.Length == 0 ? Status.Met : Status.NotMet, atFault,
            new Dictionary<string, decimal>
            {
                ["boarding schools"] = boarding.Count, ["without a report"] = boarding.Count(s => s.BoardingMissing is null),
            });
    }

    private static IndicatorResult Informatization(PlanFacts plan, TeacherSummary teachers, PlanStandard standard, decimal nearBand)
    {
        var reported = plan.Schools.Where(s => s.BroadbandMbps is not null).ToList();
        var slow = reported.Where(s => s.BroadbandMbps < standard.BroadbandMbps).Select(s => s.Code).ToArray();
        var broadband = Percent(reported.Count - slow.Length, reported.Count);
        var banbantong = Percent(reported.Sum(s => s.ClassesWithBanbantong), reported.Sum(s => s.Classes));
        var people = reported.Sum(s => s.Students ?? 0) + teachers.FullTime;
        var renrentong = Percent(reported.Sum(s => s.ActiveRenrentongAccounts), people);
        var multimedia = Percent(reported.Sum(s => s.ClassroomsWithMultimedia), reported.Sum(s => s.OrdinaryClassrooms));
        var status = reported.Count == 0 ? Status.NoData
            : new[] { Judge(broadband, 100m, nearBand), Judge(banbantong, standard.BanbantongShare, nearBand), Judge(renrentong, standard.RenrentongShare, nearBand),
                Judge(multimedia, standard.MultimediaShare, nearBand) }.Aggregate(Worse);
        return new IndicatorResult("PL5", Catalogue.Get("PL5").Name,
            $"≥ {standard.BroadbandMbps} Mbps broadband in 100 % of schools (value); 班班通 ≥ {standard.BanbantongShare} % of classes; 人人通 ≥ {standard.RenrentongShare} % of students and teachers; multimedia in ≥ {standard.MultimediaShare} % of ordinary classrooms",
            broadband, 100m, status, slow, new Dictionary<string, decimal>
            {
                ["schools reporting"] = reported.Count, ["班班通 %"] = banbantong ?? 0, ["人人通 %"] = renrentong ?? 0, ["multimedia classrooms %"] = multimedia ?? 0,
            });
    }

    private static IndicatorResult SmallSchools(PlanFacts plan, PlanStandard standard)
    {
        var small = plan.Schools.Where(s => s.Students is { } n && n < standard.SmallSchool && s.Classes > 0).ToList();
        var atFault = small.Where(s => s.FullTimeTeachers < standard.TeachersPerClass * s.Classes
            || standard.SmallSchoolSubjects.Any(subject => !s.SubjectsTaught.Contains(subject))).Select(s => s.Code).ToArray();
        return AllSchools("PL6", Catalogue.Get("PL6").Name,
            $"schools under {standard.SmallSchool} students: full-time teachers ≥ {standard.TeachersPerClass} × classes, and music, PE, art and English taught",
            small.Count, atFault, new() { ["small schools"] = small.Count });
    }

    private static IndicatorResult ExchangeAllowance(IndicatorResult exchange, PlanFacts plan)
    {
        var inputs = new Dictionary<string, decimal>(exchange.Inputs) { ["exchanged without a rural allowance"] = plan.ExchangedWithoutAllowance };
        var status = plan.ExchangedWithoutAllowance > 0 ? Worse(exchange.Status, Status.NotMet) : exchange.Status;
        return exchange with { Test = exchange.Test + ", and every exchanged teacher receives the rural allowance", Status = status, Inputs = inputs };
    }

    private static IndicatorResult RuralPay(TeacherSummary teachers, PlanFacts plan, IndicatorResult civilServants)
    {
        var rural = teachers.RuralPay.Where(r => r.Value.Teachers > 0 && plan.TownPay.ContainsKey(r.Key))
            .Select(r => (Rank: r.Key, Average: r.Value.TotalPay / r.Value.Teachers, Town: plan.TownPay[r.Key]))
            .OrderBy(r => r.Rank).ToList();
        var inputs = rural.SelectMany(r => new[]
        {
            KeyValuePair.Create($"rural {r.Rank} average", r.Average), KeyValuePair.Create($"town {r.Rank} average", r.Town),
        }).ToDictionary();
        var below = rural.Where(r => r.Average < r.Town).ToList();
        var status = rural.Count == 0 ? Status.NoData : Worse(below.Count == 0 ? Status.Met : Status.NotMet, civilServants.Status);
        return new IndicatorResult("PL9", Catalogue.Get("PL9").Name,
            "rural teachers' average pay per rank ≥ town teachers' of that rank (value: ranks below), and the average teacher pay ≥ civil servants' (as GG8)",
            below.Count, 0, status, [], inputs);
    }

    private static IndicatorResult Provision(CountyFacts county, PlanFacts plan, QualityStandard quality)
    {
        var migrants = Percent(county.MigrantPlaced, county.MigrantEligible);
        var disabled = Percent(county.DisabledEnrolled, county.DisabledSchoolAge);
        var subsidy = Percent(plan.SubsidyPaidInFull, plan.SubsidyEligible);
        var inputs = new Dictionary<string, decimal>();
        foreach (var (label, value) in new[] { ("migrant children treated as residents %", migrants), ("disabled children educated %", disabled),
                     ("poor students subsidised in full %", subsidy) })
        {
            if (value is { } v)
            {
                inputs[label] = v;
            }
        }
        var status = new[] { Judge(migrants, 100m, quality.NearBand), Judge(disabled, 100m, quality.NearBand), Judge(subsidy, 100m, quality.NearBand) }
            .Aggregate(Worse);
        // One missing part leaves the target unjudged rather than met.
        if (migrants is null || disabled is null || subsidy is null)
        {
            status = status is Status.NotMet or Status.Near ? status : Status.NoData;
        }
        return new IndicatorResult("PL11", Catalogue.Get("PL11").Name,
            "eligible migrant children placed, disabled children enrolled, and students from poor families subsidised at the full rate (in the terms begun): each 100 % (value: the lowest)",
            new[] { migrants, disabled, subsidy }.Where(v => v is not null).Min(), 100m, status, [], inputs);
    }

    private static IndicatorResult Honours(TeacherSummary teachers, PlanStandard standard, decimal nearBand)
    {
        var result = Share("PL12", Catalogue.Get("PL12").Name,
            $"honour certificates held ÷ due: county at {standard.CountyHonourYears} years in rural schools, city at {standard.CityHonourYears} = 100 %",
            teachers.CountyHonourHeld + teachers.CityHonourHeld, teachers.CountyHonourDue + teachers.CityHonourDue, 100m, nearBand,
            "certificates held", "certificates due");
        return result.Status == Status.NoData ? result
            : result with { Inputs = new Dictionary<string, decimal>(result.Inputs) { ["county due"] = teachers.CountyHonourDue, ["city due"] = teachers.CityHonourDue } };
    }

    private static IndicatorResult Closures(PlanFacts plan)
    {
        var completed = plan.CompletedClosures.Where(c => c.Receiving is not null).Select(c => c.School).ToHashSet();
        var atFault = plan.ClosedSchools.Where(s => !completed.Contains(s)).Order().ToArray();
        // With no closure there is nothing to break: met, and the input says so.
        return new IndicatorResult("PL13", Catalogue.Get("PL13").Name,
            "every closed school went through 制定方案 → 论证 → 公示 → 听证 → 报批 in order, with its students placed first (value: closures done properly)",
            plan.ClosedSchools.Count - atFault.Length, plan.ClosedSchools.Count, atFault.Length == 0 ? Status.Met : Status.NotMet, atFault,
            new Dictionary<string, decimal> { ["closed schools"] = plan.ClosedSchools.Count, ["completed closures"] = completed.Count });
    }

    private static IndicatorResult SpecialEducation(IReadOnlyList<SchoolFacts> schools)
    {
        var judged = schools.Where(s => s.SpecialEducationRequired > 0 && s.SpecialEducationAllocated is not null).ToList();
        var atFault = judged.Where(s => s.SpecialEducationAllocated < s.SpecialEducationRequired).Select(s => s.Code).ToArray();
        return AllSchools("PL14", Catalogue.Get("PL14").Name, "every school with special-needs students allocated at least the provincial per-student standard for them",
                judged.Count, atFault, new() { ["schools with special-needs students"] = judged.Count })
            .MissingIf(judged.Count == 0 && schools.Any(s => s.SpecialEducationRequired > 0), GuaranteeIndicators.NoAllocations);
    }
}
