using System.Text.RegularExpressions;
using EduPlatform.Facilities.Infrastructure;
using EduPlatform.ServiceDefaults;
using Microsoft.EntityFrameworkCore;

namespace EduPlatform.Facilities.Apis;

public static partial class Counties
{
    [GeneratedRegex(Codes.CountyPattern)]
    private static partial Regex CountyCode();

    /// <summary>Checks a county code from a request: well-formed and registered.</summary>
    public static async Task<Problems> CheckCountyAsync(string county, FacilitiesDbContext db, CancellationToken ct,
        string field = "county")
    {
        var problems = new Problems();
        if (!CountyCode().IsMatch(county))
        {
            problems.Error("", field, Codes.CountyMessage);
        }
        else if (!await db.Counties.AnyAsync(c => c.Code == county, ct))
        {
            problems.Error("", field, $"County {county} is not registered; record it first (PUT /api/counties/{county}).");
        }
        return problems;
    }
}
