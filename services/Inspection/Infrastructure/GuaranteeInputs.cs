using EduPlatform.Contracts.Facilities;
using EduPlatform.Inspection.Domain.Indicators;
using Microsoft.EntityFrameworkCore;

namespace EduPlatform.Inspection.Infrastructure;

/// <summary>Assembles the government-guarantee inputs for a county and school year from the read models.</summary>
public static class GuaranteeInputs
{
    public static async Task<(List<SchoolFacts> Schools, List<TeacherFacts> Teachers, CountyFacts County)> LoadAsync(
        InspectionDbContext db, string county, int year, CancellationToken ct)
    {
        var schools = await db.Schools.AsNoTracking().Where(s => s.CountyCode == county && s.Status == SchoolStatus.Operating)
            .OrderBy(s => s.Code).ToListAsync(ct);
        var codes = schools.Select(s => s.Code).ToList();
        var enrolment = (await db.Enrolment.AsNoTracking().Where(e => e.Year == year && codes.Contains(e.SchoolCode)).ToListAsync(ct))
            .ToLookup(e => e.SchoolCode);
        var classes = (await db.Classes.AsNoTracking().Where(c => c.Year == year && codes.Contains(c.SchoolCode)).ToListAsync(ct))
            .ToDictionary(c => (c.SchoolCode, c.Section), c => c.Sizes);
        var rooms = (await db.Facilities.AsNoTracking().Where(f => f.Year == year && codes.Contains(f.SchoolCode)).ToListAsync(ct))
            .ToLookup(f => f.SchoolCode);
        var funding = await db.Funding.AsNoTracking().Where(f => f.Year == year && codes.Contains(f.SchoolCode)).ToDictionaryAsync(f => f.SchoolCode, ct);
        (int, int)? Admission(string code, Section section) =>
            enrolment[code].FirstOrDefault(e => e.Section == section) is { } e ? (e.Admitted, e.AdmittedFromCatchment) : null;
        var facts = schools.Select(s =>
        {
            var f = funding.GetValueOrDefault(s.Code);
            var returns = rooms[s.Code].ToList();
            return new SchoolFacts(s.Code, s.Name, s.Type,
                enrolment[s.Code].Any() ? enrolment[s.Code].Sum(e => e.Students) : null,
                classes.GetValueOrDefault((s.Code, Section.Primary)), classes.GetValueOrDefault((s.Code, Section.Junior)),
                returns.Count == 0 ? null : [.. returns.SelectMany(r => r.MusicRoomAreas)],
                returns.Count == 0 ? null : [.. returns.SelectMany(r => r.ArtRoomAreas)],
                f?.FundedStudents, f?.PublicFundsRequired, f?.PublicFundsAllocated, f?.SpecialEducationAllocated, s.Location, s.Boarding,
                Admission(s.Code, Section.Primary), Admission(s.Code, Section.Junior));
        }).ToList();
        var teachers = await db.Teachers.AsNoTracking().Where(t => t.CountyCode == county && t.Active && t.FullTime)
            .Select(t => new TeacherFacts(t.AnnualPay, t.Certified)).ToListAsync(ct);
        var pay = await db.PayReferences.AsNoTracking().SingleOrDefaultAsync(p => p.CountyCode == county && p.Year == year, ct);
        var welfare = await db.CountyWelfare.AsNoTracking().SingleOrDefaultAsync(w => w.CountyCode == county && w.Year == year, ct);
        var eligibility = await db.ExchangeEligibility.AsNoTracking().SingleOrDefaultAsync(e => e.CountyCode == county && e.Year == year, ct);
        var exchanges = await db.Exchanges.AsNoTracking().Where(e => e.CountyCode == county && e.Year == year).ToListAsync(ct);
        return (facts, teachers, new CountyFacts(pay?.CivilServantAveragePay, welfare?.MigrantEligible, welfare?.MigrantPlaced,
            welfare?.DisabledSchoolAge, welfare?.DisabledEnrolled, welfare?.QuotaPlan, welfare?.QuotaAllocated,
            eligibility?.Eligible, eligibility is null ? null : exchanges.Count, eligibility is null ? null : exchanges.Count(e => e.Backbone)));
    }
}
