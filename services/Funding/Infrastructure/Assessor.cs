using EduPlatform.Contracts.Funding;
using EduPlatform.Funding.Domain;
using EduPlatform.Messaging;
using EduPlatform.ServiceDefaults;
using Microsoft.EntityFrameworkCore;

namespace EduPlatform.Funding.Infrastructure;

/// <summary>
/// Recomputes what schools are owed after any input changed (norm, enrolment, allocation) and announces
/// each assessment that changed. Runs in the caller's transaction, under the county's lock; the caller saves.
/// </summary>
public sealed class Assessor(FundingDbContext db, TimeProvider clock)
{
    /// <returns>The schools' current assessments (unchanged ones included), or none while the province has no norm for the year.</returns>
    public async Task<List<SchoolAssessment>> ReassessAsync(IReadOnlyCollection<string> schoolCodes, int year, CancellationToken ct)
    {
        var province = await db.FundingNorms.AsNoTracking().SingleOrDefaultAsync(n => n.Scope == FundingNorm.Province && n.Year == year, ct);
        if (province is null || schoolCodes.Count == 0)
        {
            return [];
        }
        var schools = await db.Schools.AsNoTracking().Where(s => schoolCodes.Contains(s.Code)).ToDictionaryAsync(s => s.Code, ct);
        var counties = schools.Values.Select(s => s.CountyCode).Distinct().ToList();
        var countyNorms = await db.FundingNorms.AsNoTracking().Where(n => counties.Contains(n.Scope) && n.Year == year).ToDictionaryAsync(n => n.Scope, ct);
        var enrolment = (await db.Enrolment.AsNoTracking().Where(e => e.Year == year && schoolCodes.Contains(e.SchoolCode)).ToListAsync(ct))
            .ToLookup(e => e.SchoolCode);
        var allocations = await db.Allocations.AsNoTracking().Where(a => a.Year == year && schoolCodes.Contains(a.SchoolCode))
            .ToDictionaryAsync(a => a.SchoolCode, ct);
        var stored = await db.Assessments.Where(a => a.Year == year && schoolCodes.Contains(a.SchoolCode)).ToDictionaryAsync(a => a.SchoolCode, ct);
        var now = clock.GetUtcNow();
        var current = new List<SchoolAssessment>();
        foreach (var code in schoolCodes)
        {
            if (!schools.TryGetValue(code, out var school) || (!enrolment[code].Any() && !allocations.ContainsKey(code)))
            {
                continue;
            }
            var norm = FundingNorm.Effective(province, countyNorms.GetValueOrDefault(school.CountyCode));
            var figures = FundingRules.Assess(norm, school.Type, enrolment[code].ToList(), allocations.GetValueOrDefault(code));
            if (!stored.TryGetValue(code, out var assessment))
            {
                assessment = new SchoolAssessment { SchoolCode = code, Year = year, CountyCode = school.CountyCode, Figures = figures };
                db.Assessments.Add(assessment);
            }
            else if (assessment.Figures == figures)
            {
                current.Add(assessment);
                continue;
            }
            assessment.Figures = figures;
            assessment.Revision++;
            assessment.AssessedAt = now;
            var f = figures;
            db.AddEvent(new SchoolFundingAssessed(code, school.CountyCode, year, assessment.Revision, f.Students, f.Boarders, f.SpecialNeeds,
                f.FundedStudents, f.PublicFundsRequired, f.PublicFundsAllocated, f.SpecialEducationRequired, f.SpecialEducationAllocated,
                f.TrainingRequired, f.TrainingAllocated, f.Shortfall, now), clock);
            current.Add(assessment);
        }
        return current;
    }
}

/// <summary>A school's type or boarding changed in the registry: every year it is assessed for is assessed again.</summary>
public sealed class ReassessOnSchoolChange(Assessor assessor) : Registry.ISchoolChangeFollower<FundingDbContext>
{
    public async Task SchoolChangedAsync(FundingDbContext db, Registry.RegistrySchool school, CancellationToken ct)
    {
        await db.LockCountyAsync(school.CountyCode, ct);
        var years = await db.Enrolment.Where(e => e.SchoolCode == school.Code).Select(e => e.Year)
            .Union(db.Allocations.Where(a => a.SchoolCode == school.Code).Select(a => a.Year)).ToListAsync(ct);
        foreach (var year in years)
        {
            await assessor.ReassessAsync([school.Code], year, ct);
        }
    }
}
