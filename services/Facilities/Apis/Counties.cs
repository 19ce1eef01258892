using EduPlatform.Facilities.Infrastructure;
using EduPlatform.Kernel;
using EduPlatform.Registry;
using Microsoft.EntityFrameworkCore;

namespace EduPlatform.Facilities.Apis;

public static class Counties
{
    /// <summary>Checks a county code from a request: well-formed and registered here (facilities keeps the registry itself).</summary>
    public static async Task<Problems> CheckCountyAsync(string county, FacilitiesDbContext db, CancellationToken ct,
        string field = "county")
    {
        var problems = new Problems();
        await RegistryChecks.CountyAsync(county, () => db.Counties.AnyAsync(c => c.Code == county, ct),
            $"County {county} is not registered; record it first (PUT /api/counties/{county}).", problems, field);
        return problems;
    }
}
