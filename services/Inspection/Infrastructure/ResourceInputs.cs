using EduPlatform.Contracts.Facilities;
using EduPlatform.Contracts.Staffing;
using EduPlatform.Inspection.Domain.Indicators;
using Microsoft.EntityFrameworkCore;

namespace EduPlatform.Inspection.Infrastructure;

/// <summary>
/// Assembles the resource indicators' inputs for a county and school year from the read models: each
/// operating school's sections with their enrolment, facility return and current full-time staff.
/// </summary>
public static class ResourceInputs
{
    public static async Task<List<SchoolSection>> LoadAsync(InspectionDbContext db, string county, int year, CancellationToken ct)
    {
        var schools = await db.Schools.AsNoTracking().Where(s => s.CountyCode == county && s.Status == SchoolStatus.Operating)
            .ToDictionaryAsync(s => s.Code, ct);
        var codes = schools.Keys.ToList();
        var enrolment = await db.Enrolment.AsNoTracking().Where(e => e.Year == year && codes.Contains(e.SchoolCode)).ToListAsync(ct);
        var facilities = await db.Facilities.AsNoTracking().Where(f => f.Year == year && codes.Contains(f.SchoolCode))
            .ToDictionaryAsync(f => (f.SchoolCode, f.Section), ct);
        var teachers = (await db.Teachers.AsNoTracking().Where(t => t.Active && t.FullTime && codes.Contains(t.SchoolCode)).ToListAsync(ct))
            .ToLookup(t => (t.SchoolCode, t.Section));
        return enrolment.Select(e =>
        {
            var school = schools[e.SchoolCode];
            var f = facilities.GetValueOrDefault((e.SchoolCode, e.Section));
            var staff = teachers[(e.SchoolCode, e.Section)].ToList();
            // 高于规定学历: 专科 and above for primary teachers, 本科 and above for junior teachers.
            var bar = e.Section == Section.Primary ? Qualification.Associate : Qualification.Bachelor;
            return new SchoolSection(e.SchoolCode, school.Name, school.Type, e.Section, e.Students,
                QualifiedTeachers: staff.Count(t => t.Qualification >= bar),
                BackboneTeachers: staff.Count(t => t.Backbone >= BackboneLevel.County),
                PeAndArtTeachers: staff.Count(t => t.Subjects.Any(s => s is Subject.PhysicalEducation or Subject.Music or Subject.FineArt)),
                TeachingArea: f?.TeachingArea ?? 0, SportsArea: f?.SportsArea ?? 0, EquipmentValue: f?.EquipmentValue ?? 0,
                MultimediaClassrooms: f?.MultimediaClassrooms ?? 0, Computers: f?.Computers ?? 0, Books: f?.Books ?? 0,
                FullTimeTeachers: staff.Count,
                // 中级及以上专业技术职务: 一级 (the intermediate title for primary and junior teachers) and above.
                MidRankTeachers: staff.Count(t => t.Rank >= Rank.First));
        }).OrderBy(s => s.SchoolCode).ThenBy(s => s.Level).ToList();
    }
}
