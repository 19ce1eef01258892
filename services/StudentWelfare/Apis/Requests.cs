using System.Text.RegularExpressions;
using EduPlatform.ServiceDefaults;
using EduPlatform.StudentWelfare.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace EduPlatform.StudentWelfare.Apis;

public static partial class Requests
{
    [GeneratedRegex(Codes.CountyPattern)]
    private static partial Regex CountyCode();

    /// <summary>The county and year of a request's path: a county the registry knows, a plausible school year.</summary>
    public static async Task<Problems> CheckCountyYearAsync(string county, int year, WelfareDbContext db, CancellationToken ct)
    {
        var problems = new Problems();
        if (!CountyCode().IsMatch(county))
        {
            problems.Error("", "county", Codes.CountyMessage);
        }
        else if (!await db.Counties.AnyAsync(c => c.Code == county, ct))
        {
            problems.Error("", "county", $"County {county} is not in the registry (kept by the facilities service).");
        }
        BulkInput.CheckYear(year, problems);
        return problems;
    }
}
