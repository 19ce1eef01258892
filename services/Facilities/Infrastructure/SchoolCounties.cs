using EduPlatform.WebApi.Access;
using Microsoft.EntityFrameworkCore;

namespace EduPlatform.Facilities.Infrastructure;

/// <summary>Which county a school is in, from the registry facilities keeps (for a county office's access).</summary>
public sealed class SchoolCounties(FacilitiesDbContext db) : ISchoolCounties
{
    public Task<string?> CountyOfAsync(string schoolCode, CancellationToken ct) =>
        db.Schools.Where(s => s.Code == schoolCode).Select(s => (string?)s.CountyCode).FirstOrDefaultAsync(ct);

    public Task<bool> CountyKnownAsync(string countyCode, CancellationToken ct) => db.Counties.AnyAsync(c => c.Code == countyCode, ct);
}
