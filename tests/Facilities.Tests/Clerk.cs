using System.Net.Http.Json;
using System.Text;
using EduPlatform.Contracts.Facilities;
using EduPlatform.Facilities.Domain;
using EduPlatform.Facilities.Infrastructure;
using EduPlatform.Kernel;

namespace EduPlatform.Facilities.Tests;

/// <summary>A county clerk's calls to the facilities API, for setting up what a test needs.</summary>
internal sealed class Clerk(HttpClient client)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    /// <summary>A new county with schools numbered 1.. of the given kinds (all operating).</summary>
    public async Task<string> CountyWithSchoolsAsync(params (SchoolType Type, Location Location, bool Boarding)[] schools)
    {
        var county = Rows.NewCountyCode();
        (await client.PutAsJsonAsync($"/api/counties/{county}", new { name = $"测试县{county}" }, Ct)).EnsureSuccessStatusCode();
        if (schools.Length > 0)
        {
            var rows = schools.Select((s, i) => new SchoolRow(Rows.School(county, i + 1), $"学校{i + 1}",
                Problems.KebabCase(s.Location), Problems.KebabCase(s.Type), s.Boarding));
            (await client.PutAsJsonAsync($"/api/counties/{county}/schools", rows, Ct)).EnsureSuccessStatusCode();
        }
        return county;
    }

    public Task<HttpResponseMessage> SubmitAsync(string county, int year, IEnumerable<FacilityReturnRow>? returns = null,
        IEnumerable<ClassRow>? classes = null, IEnumerable<BoardingLogisticsRow>? boarding = null) =>
        client.PutAsJsonAsync($"/api/counties/{county}/years/{year}/submission",
            new { facilityReturns = returns?.ToArray(), classes = classes?.ToArray(), boardingLogistics = boarding?.ToArray() }, Ct);

    public async Task<SubmissionOutcome> SubmittedAsync(string county, int year, IEnumerable<FacilityReturnRow>? returns = null,
        IEnumerable<ClassRow>? classes = null, IEnumerable<BoardingLogisticsRow>? boarding = null)
    {
        var response = await SubmitAsync(county, year, returns, classes, boarding);
        await response.SucceedsAsync();
        return (await response.Content.ReadApiAsync<SubmissionOutcome>())!;
    }

    public Task<HttpResponseMessage> UploadCsvAsync(string path, string csv) =>
        client.PutAsync(path, new StringContent(csv, Encoding.UTF8, "text/csv"), Ct);
}
