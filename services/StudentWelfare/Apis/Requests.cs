using EduPlatform.Kernel;
using EduPlatform.Registry;
using EduPlatform.StudentWelfare.Infrastructure;

namespace EduPlatform.StudentWelfare.Apis;

public static class Requests
{
    /// <summary>The county and year of a request's path: a county the registry knows, a plausible school year.</summary>
    public static async Task<Problems> CheckCountyYearAsync(string county, int year, WelfareDbContext db, CancellationToken ct)
    {
        var problems = new Problems();
        await RegistryChecks.CountyAsync(db, county, problems, ct);
        Codes.CheckYear(year, problems);
        return problems;
    }
}
