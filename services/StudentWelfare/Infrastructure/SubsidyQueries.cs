using EduPlatform.StudentWelfare.Domain;
using Microsoft.EntityFrameworkCore;

namespace EduPlatform.StudentWelfare.Infrastructure;

/// <summary>A county's eligible students and their payments for a year: what coverage is computed from.</summary>
public static class SubsidyQueries
{
    public static IQueryable<EligibleStudent> Eligible(this WelfareDbContext db, string county, int year) =>
        db.EligibleStudents.AsNoTracking().Where(e => e.Year == year && e.CountyCode == county);

    /// <summary>The payments to the county's eligible students for the year, by (student, term).</summary>
    public static Task<Dictionary<(string StudentId, int Term), SubsidyPayment>> PaymentsAsync(this WelfareDbContext db, string county, int year,
        CancellationToken ct) =>
        db.SubsidyPayments.AsNoTracking()
            .Where(p => p.Year == year && db.EligibleStudents.Any(e => e.Year == year && e.CountyCode == county && e.StudentId == p.StudentId))
            .ToDictionaryAsync(p => (p.StudentId, p.Term), ct);
}
