using EduPlatform.Contracts.Facilities;

namespace EduPlatform.Registry;

/// <summary>What each type of school teaches: its sections and grades (compulsory part only).</summary>
public static class SchoolTypes
{
    public static Section SectionOfGrade(int grade) => grade <= 6 ? Section.Primary : Section.Junior;

    public static (int First, int Last) Grades(SchoolType type) => type switch
    {
        SchoolType.Primary or SchoolType.TeachingPoint => (1, 6),
        SchoolType.Junior => (7, 9),
        _ => (1, 9),
    };

    /// <summary>The sections whose facility return the school must file each year.</summary>
    public static Section[] RequiredSections(SchoolType type) => type switch
    {
        SchoolType.Primary or SchoolType.TeachingPoint => [Section.Primary],
        SchoolType.Junior => [Section.Junior],
        SchoolType.NineYear or SchoolType.TwelveYear => [Section.Primary, Section.Junior],
        // A special-education school may teach either or both sections; it files what it has.
        _ => [],
    };

    public static bool HasSection(SchoolType type, Section section)
    {
        var (first, last) = Grades(type);
        return section == Section.Primary ? first <= 6 : last >= 7;
    }

    /// <summary>Chinese names as clerks write them (CSV uploads accept these or the API's names).</summary>
    public static readonly IReadOnlyDictionary<string, SchoolType> ChineseNames = new Dictionary<string, SchoolType>
    {
        ["小学"] = SchoolType.Primary, ["初中"] = SchoolType.Junior, ["九年一贯制"] = SchoolType.NineYear,
        ["十二年一贯制"] = SchoolType.TwelveYear, ["教学点"] = SchoolType.TeachingPoint, ["特殊教育学校"] = SchoolType.SpecialEducation,
    };

    public static readonly IReadOnlyDictionary<string, Location> ChineseLocations = new Dictionary<string, Location>
    {
        ["城区"] = Location.Urban, ["镇区"] = Location.Town, ["乡村"] = Location.Rural,
    };
}
