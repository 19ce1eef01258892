using EduPlatform.Contracts.Facilities;
using EduPlatform.Contracts.Staffing;
using EduPlatform.Kernel;
using EduPlatform.Registry;

namespace EduPlatform.Staffing.Domain;

/// <summary>A teacher as the HR clerk sends them (JSON, or one CSV line with subjects as "music;fine-art").</summary>
public sealed record TeacherRow(
    string? IdNumber,
    string? Name,
    string? SchoolCode,
    string? Section,
    bool? FullTime,
    string[]? Subjects,
    string? Qualification,
    string? Rank,
    string? Backbone,
    bool? Certified,
    DateOnly? HireDate,
    DateOnly? AtSchoolSince,
    int? RuralYears,
    decimal? AnnualPay,
    DateOnly? LeftOn);

public sealed record ValidTeacher(string IdNumber, string Name, string SchoolCode, Section Section, bool FullTime, Subject[] Subjects,
    Qualification Qualification, Rank Rank, BackboneLevel Backbone, bool Certified, DateOnly HireDate, DateOnly? AtSchoolSince,
    int RuralYears, decimal AnnualPay, DateOnly? LeftOn);

/// <summary>Checks a county's teacher return as a whole; messages never repeat an ID number.</summary>
public static class TeacherRules
{
    public const decimal MaxAnnualPay = 2_000_000m;
    public const int MaxRuralYears = 50;

    public static readonly IReadOnlyDictionary<string, Qualification> ChineseQualifications = new Dictionary<string, Qualification>
    {
        ["高中"] = Qualification.HighSchool, ["中专"] = Qualification.HighSchool, ["专科"] = Qualification.Associate,
        ["本科"] = Qualification.Bachelor, ["硕士"] = Qualification.Master, ["博士"] = Qualification.Doctor,
    };

    public static readonly IReadOnlyDictionary<string, Rank> ChineseRanks = new Dictionary<string, Rank>
    {
        ["无"] = Rank.None, ["三级"] = Rank.Third, ["二级"] = Rank.Second, ["一级"] = Rank.First, ["高级"] = Rank.Senior, ["正高级"] = Rank.Professor,
    };

    public static readonly IReadOnlyDictionary<string, BackboneLevel> ChineseBackbone = new Dictionary<string, BackboneLevel>
    {
        ["无"] = BackboneLevel.None, ["县级"] = BackboneLevel.County, ["市级"] = BackboneLevel.City, ["省级"] = BackboneLevel.Province,
        ["国家级"] = BackboneLevel.National,
    };

    public static readonly IReadOnlyDictionary<string, Subject> ChineseSubjects = new Dictionary<string, Subject>
    {
        ["语文"] = Subject.Chinese, ["数学"] = Subject.Mathematics, ["英语"] = Subject.English, ["科学"] = Subject.Science,
        ["体育"] = Subject.PhysicalEducation, ["音乐"] = Subject.Music, ["美术"] = Subject.FineArt, ["信息技术"] = Subject.InformationTechnology,
        ["道德与法治"] = Subject.Morality, ["其他"] = Subject.Other,
    };

    public static List<ValidTeacher> Validate(string countyCode, IReadOnlyList<Located<TeacherRow>> rows,
        IReadOnlyDictionary<string, RegistrySchool> registry, DateOnly today, Problems problems)
    {
        var valid = new List<ValidTeacher>(rows.Count);
        var seen = new Dictionary<string, string>(rows.Count);
        foreach (var (where, row) in rows)
        {
            var before = problems.Count;
            var id = row.IdNumber?.Trim().ToUpperInvariant();
            if (!IdNumbers.IsValid(id))
            {
                problems.Error(where, "idNumber", "Not a valid 18-character citizen ID number (its check character does not match).");
            }
            else if (!seen.TryAdd(id!, where))
            {
                problems.Error(where, "idNumber", $"The same ID number is listed twice (also at {seen[id!]}).");
            }
            var name = problems.Name(where, "name", row.Name, 50);
            var school = RegistryChecks.School(where, row.SchoolCode, countyCode, registry, problems);
            var section = problems.Enum<Section>(where, "section", row.Section);
            if (school is not null && section is { } s && !SchoolTypes.HasSection(school.Type, s))
            {
                problems.Error(where, "section", $"A {Problems.KebabCase(school.Type)} school has no {Problems.KebabCase(s)} section.");
            }
            var fullTime = problems.Required(where, "fullTime", row.FullTime);
            var subjects = (row.Subjects ?? []).Select((subject, i) => problems.Enum($"{where}", $"subjects[{i}]", subject, ChineseSubjects))
                .ToList();
            var qualification = problems.Enum(where, "qualification", row.Qualification, ChineseQualifications);
            var rank = problems.Enum(where, "rank", row.Rank ?? "none", ChineseRanks);
            var backbone = problems.Enum(where, "backbone", row.Backbone ?? "none", ChineseBackbone);
            var certified = problems.Required(where, "certified", row.Certified);
            var hired = problems.Required(where, "hireDate", row.HireDate);
            if (hired > today)
            {
                problems.Error(where, "hireDate", "hireDate is in the future.");
            }
            if (row.AtSchoolSince is { } since && (since < hired || since > today))
            {
                problems.Error(where, "atSchoolSince", "atSchoolSince lies between the hire date and today.");
            }
            var ruralYears = problems.Optional(where, "ruralYears", row.RuralYears, Bounds.Years);
            if (ruralYears > MaxRuralYears)
            {
                problems.Error(where, "ruralYears", $"At most {MaxRuralYears} years of rural service (got {ruralYears}).");
            }
            var pay = problems.NotNegative(where, "annualPay", row.AnnualPay, Bounds.Pay);
            if (pay > MaxAnnualPay)
            {
                problems.Error(where, "annualPay", $"{pay} 元 a year is beyond any teacher's pay; check for a typing error.");
            }
            if (row.LeftOn is { } left && (left < hired || left > today))
            {
                problems.Error(where, "leftOn", "leftOn lies between the hire date and today.");
            }
            if (problems.Count > before)
            {
                continue;
            }
            valid.Add(new ValidTeacher(id!, name!, school!.Code, section!.Value, fullTime!.Value,
                [.. subjects.Select(x => x!.Value).Distinct().Order()], qualification!.Value, rank!.Value, backbone!.Value, certified!.Value,
                hired!.Value, row.AtSchoolSince, ruralYears, Math.Round(pay!.Value, 2), row.LeftOn));
        }
        return valid;
    }
}
