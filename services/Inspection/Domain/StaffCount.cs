using EduPlatform.Contracts.Facilities;
using EduPlatform.Contracts.Staffing;

namespace EduPlatform.Inspection.Domain;

/// <summary>
/// What one teacher adds to their school section's counts (<see cref="SectionStaffView"/>), the one place the
/// counting rules live. Of full-time teachers: 高于规定学历 (专科 and above in primary, 本科 and above in junior),
/// PE/music/fine-art teachers, 中级及以上 (一级 and above) and the subjects taught; of all active teachers,
/// full-time or not, those recognised as backbone at county level or above (RA2, as the catalogue defines it
/// and as staffing's staff profile counts). A teacher who has left counts nowhere.
/// </summary>
public readonly record struct StaffCount(string CountyCode, string SchoolCode, Section Section, int[] Counts)
{
    /// <summary>Positions in <see cref="Counts"/>: the five counts, then one per subject.</summary>
    public const int FullTime = 0, Qualified = 1, Backbone = 2, PeAndArt = 3, MidRank = 4, FirstSubject = 5;

    public static readonly int Length = FirstSubject + Enum.GetValues<Subject>().Length;

    private static readonly Subject[] PeAndArtSubjects = [Subject.PhysicalEducation, Subject.Music, Subject.FineArt];

    public static StaffCount? Of(TeacherView t)
    {
        if (!t.Active)
        {
            return null;
        }
        var counts = new int[Length];
        counts[Backbone] = t.Backbone >= BackboneLevel.County ? 1 : 0;
        if (t.FullTime)
        {
            counts[FullTime] = 1;
            counts[Qualified] = t.Qualification >= (t.Section == Section.Primary ? Qualification.Associate : Qualification.Bachelor) ? 1 : 0;
            counts[PeAndArt] = t.Subjects.Any(PeAndArtSubjects.Contains) ? 1 : 0;
            counts[MidRank] = t.Rank >= Rank.First ? 1 : 0;
            foreach (var subject in t.Subjects.Distinct())
            {
                counts[FirstSubject + (int)subject] = 1;
            }
        }
        return new StaffCount(t.CountyCode, t.SchoolCode, t.Section, counts);
    }
}
