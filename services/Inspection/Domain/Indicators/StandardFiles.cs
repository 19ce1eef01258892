using System.Text.Json;
using System.Text.Json.Serialization;
using EduPlatform.Contracts.Staffing;

namespace EduPlatform.Inspection.Domain.Indicators;

/// <summary>
/// The standards as named data, a file each (services/Inspection/Standards): the national 优质均衡 standard, the
/// 2012 基本均衡 baseline and the city plan's targets. The service ships them embedded; a province that adopts
/// stricter figures points <c>Inspection:StandardsDirectory</c> at its own copies. Read strictly — an unknown or
/// missing field, or a figure out of its range, stops the service at start-up with the file and field named.
/// </summary>
public static class StandardFiles
{
    public const string National = "national-2017.json";
    public const string Baseline = "basic-2012.json";
    public const string Plan = "city-plan-2026.json";

    private static readonly JsonSerializerOptions Options = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
        RespectNullableAnnotations = true,
        RespectRequiredConstructorParameters = true,
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.KebabCaseLower, allowIntegerValues: false) },
    };

    /// <summary>The shipped standards, or those in <paramref name="directory"/> (the three files by their names).</summary>
    public static Standards Load(string? directory = null)
    {
        string Read(string file)
        {
            if (directory is not null)
            {
                return File.ReadAllText(Path.Combine(directory, file));
            }
            using var stream = typeof(StandardFiles).Assembly.GetManifestResourceStream($"EduPlatform.Inspection.Standards.{file}")
                ?? throw new InvalidOperationException($"The standard file {file} is not embedded in the service.");
            return new StreamReader(stream).ReadToEnd();
        }
        return Parse(Read(National), Read(Baseline), Read(Plan));
    }

    public static Standards Parse(string nationalJson, string baselineJson, string planJson)
    {
        var national = Deserialize<NationalFile>(National, nationalJson);
        var baseline = Deserialize<BaselineFile>(Baseline, baselineJson);
        var plan = Deserialize<PlanFile>(Plan, planJson);
        var faults = new List<string>();
        void Check(string file, string field, bool ok, string rule)
        {
            if (!ok)
            {
                faults.Add($"{file}: {field} {rule}");
            }
        }

        var r = national.Resources;
        foreach (var code in ResourceIndicators.Definitions.Select(d => d.Code))
        {
            Check(National, $"resources.thresholds.{code}", r.Thresholds.TryGetValue(code, out var t) && t.Primary > 0 && t.Junior > 0,
                "is required, with primary and junior above 0");
        }
        Check(National, "resources.thresholds", r.Thresholds.Keys.All(k => ResourceIndicators.Definitions.Any(d => d.Code == k)), "names only RA1–RA7");
        Check(National, "resources.remainderShare", r.RemainderShare is > 0 and <= 1, "is a share in (0, 1]");
        Check(National, "resources.nearBand", r.NearBand is > 0 and <= 1, "is a share in (0, 1]");
        Check(National, "resources.cvLimit", r.CvLimit.Primary is > 0 and < 1 && r.CvLimit.Junior is > 0 and < 1, "is in (0, 1) for both levels");
        Check(National, "resources.smallTeachingPointStudents", r.SmallTeachingPointStudents >= 0, "is not negative");
        var g = national.Guarantee;
        foreach (var (field, value) in new[] { ("quotaShare", g.QuotaShare), ("migrantShare", g.MigrantShare), ("disabledShare", g.DisabledShare),
                     ("exchangeShare", g.ExchangeShare), ("exchangeBackboneShare", g.ExchangeBackboneShare), ("primaryNearHome", g.PrimaryNearHome),
                     ("juniorNearHome", g.JuniorNearHome) })
        {
            Check(National, $"guarantee.{field}", value is > 0 and <= 100, "is a percentage in (0, 100]");
        }
        Check(National, "guarantee.nearBand", g.NearBand is > 0 and <= 1, "is a share in (0, 1]");
        Check(National, "guarantee", g.ClassesPerRoom > 0 && g.MusicRoomArea > 0 && g.ArtRoomArea > 0 && g.MaxSchoolStudents > 0
            && g.MaxThroughTrainStudents > 0 && g.PrimaryClassLimit > 0 && g.JuniorClassLimit > 0 && g.SmallSchoolFloor > 0
            && g.SpecialEducationPerStudent > 0, "counts, areas, sizes and amounts are above 0");
        var q = national.Quality;
        Check(National, "quality", q.Retention is > 0 and <= 100 && q.TrainingCompletion is > 0 and <= 100 && q.Satisfaction is > 0 and <= 100,
            "retention, trainingCompletion and satisfaction are percentages in (0, 100]");
        Check(National, "quality", q.TrainingHours > 0 && q.MonitoringLevel is >= 1 and <= 4 && q.MonitoringDifference is > 0 and < 1
            && q.NearBand is > 0 and <= 1, "trainingHours above 0, monitoringLevel 1–4, monitoringDifference and nearBand shares");
        Check(Baseline, "compositeCvLimit", baseline.CompositeCvLimit.Primary is > 0 and < 1 && baseline.CompositeCvLimit.Junior is > 0 and < 1,
            "is in (0, 1) for both levels");
        foreach (var code in Enumerable.Range(1, 14).Select(i => $"PL{i}"))
        {
            Check(Plan, $"deadlines.{code}", plan.Deadlines.TryGetValue(code, out var year) && year is >= 2000 and <= 2100, "is a year, 2000–2100");
        }
        Check(Plan, "classes", plan.LargeClass > 0 && plan.SuperLargeClass >= plan.LargeClass && plan.LargeDeadline >= plan.SuperLargeDeadline,
            "largeClass above 0, superLargeClass at least largeClass, largeDeadline not before superLargeDeadline");
        Check(Plan, "shares", new[] { plan.FullStandardShare, plan.BanbantongShare, plan.RenrentongShare, plan.MultimediaShare }.All(s => s is > 0 and <= 100),
            "are percentages in (0, 100]");
        Check(Plan, "years and sizes", plan.SmallSchool > 0 && plan.TeachersPerClass > 0 && plan.BroadbandMbps > 0
            && plan.CountyHonourYears > 0 && plan.CityHonourYears >= plan.CountyHonourYears, "are above 0 (cityHonourYears at least countyHonourYears)");
        if (faults.Count > 0)
        {
            throw new InvalidOperationException($"The standard files are not valid: {string.Join("; ", faults)}.");
        }

        var resources = new StandardSet($"{national.Name} {national.Version}",
            r.Thresholds.ToDictionary(t => t.Key, t => (t.Value.Primary, t.Value.Junior)), r.RemainderShare,
            ((double)r.CvLimit.Primary, (double)r.CvLimit.Junior), ((double)baseline.CompositeCvLimit.Primary, (double)baseline.CompositeCvLimit.Junior),
            r.SmallTeachingPointStudents, (double)r.NearBand);
        return new Standards(resources,
            new GuaranteeStandard(g.ClassesPerRoom, g.MusicRoomArea, g.ArtRoomArea, g.MaxSchoolStudents, g.MaxThroughTrainStudents, g.PrimaryClassLimit,
                g.JuniorClassLimit, g.SmallSchoolFloor, g.SpecialEducationPerStudent, g.QuotaShare, g.MigrantShare, g.DisabledShare, g.NearBand,
                g.ExchangeShare, g.ExchangeBackboneShare, g.PrimaryNearHome, g.JuniorNearHome),
            new QualityStandard(q.Retention, q.TrainingHours, q.TrainingCompletion, q.MonitoringLevel, q.MonitoringDifference, q.Satisfaction, q.NearBand),
            new PlanStandard(plan.SuperLargeClass, plan.LargeClass, plan.SuperLargeDeadline, plan.LargeDeadline, plan.FullStandardShare, plan.BroadbandMbps,
                plan.BanbantongShare, plan.RenrentongShare, plan.MultimediaShare, plan.SmallSchool, plan.TeachersPerClass, plan.SmallSchoolSubjects,
                plan.CountyHonourYears, plan.CityHonourYears, plan.Deadlines))
        {
            Sources = [Source(national), Source(baseline), Source(plan)],
        };
    }

    private static StandardSource Source(IStandardFile file) => new(file.Name, file.Version, file.Document);

    private static T Deserialize<T>(string file, string json)
    {
        try
        {
            return JsonSerializer.Deserialize<T>(json, Options) ?? throw new InvalidOperationException($"The standard file {file} is empty.");
        }
        catch (JsonException ex)
        {
            throw new InvalidOperationException($"The standard file {file} is not valid: {ex.Message}", ex);
        }
    }

    private interface IStandardFile
    {
        string Name { get; }
        string Version { get; }
        string Document { get; }
    }

    public sealed record PerLevel(decimal Primary, decimal Junior);

    private sealed record NationalFile(string Name, string Document, string Version, ResourcesPart Resources, GuaranteePart Guarantee,
        QualityPart Quality) : IStandardFile;

    private sealed record ResourcesPart(Dictionary<string, PerLevel> Thresholds, decimal RemainderShare, PerLevel CvLimit, int SmallTeachingPointStudents,
        decimal NearBand);

    private sealed record GuaranteePart(int ClassesPerRoom, decimal MusicRoomArea, decimal ArtRoomArea, int MaxSchoolStudents, int MaxThroughTrainStudents,
        int PrimaryClassLimit, int JuniorClassLimit, int SmallSchoolFloor, decimal SpecialEducationPerStudent, decimal QuotaShare, decimal MigrantShare,
        decimal DisabledShare, decimal NearBand, decimal ExchangeShare, decimal ExchangeBackboneShare, decimal PrimaryNearHome, decimal JuniorNearHome);

    private sealed record QualityPart(decimal Retention, decimal TrainingHours, decimal TrainingCompletion, int MonitoringLevel,
        decimal MonitoringDifference, decimal Satisfaction, decimal NearBand);

    private sealed record BaselineFile(string Name, string Document, string Version, PerLevel CompositeCvLimit) : IStandardFile;

    private sealed record PlanFile(string Name, string Document, string Version, int SuperLargeClass, int LargeClass, int SuperLargeDeadline,
        int LargeDeadline, decimal FullStandardShare, decimal BroadbandMbps, decimal BanbantongShare, decimal RenrentongShare, decimal MultimediaShare,
        int SmallSchool, int TeachersPerClass, Subject[] SmallSchoolSubjects, int CountyHonourYears, int CityHonourYears,
        Dictionary<string, int> Deadlines) : IStandardFile;
}

/// <summary>A standard a scorecard applies: its name, version and the document that sets it.</summary>
public sealed record StandardSource(string Name, string Version, string Document);
