using System.Net;
using System.Net.Http.Json;
using EduPlatform.Contracts.Facilities;
using EduPlatform.Staffing.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace EduPlatform.Staffing.Tests;

/// <summary>Who may write to the staffing service and read its teachers' records (README, "Access").</summary>
public sealed class AccessTests(StaffingFactory factory) : IClassFixture<StaffingFactory>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_teacher_is_hired_only_by_staffing_clerks_of_the_city_or_the_schools_county_and_read_only_by_staffing()
    {
        var county = await factory.CountyWithSchoolsAsync((SchoolType.Primary, Location.Rural, false));
        var idNumber = People.IdNumber();
        HttpRequestMessage Post() => new(HttpMethod.Post, "/api/teachers")
        {
            Content = JsonContent.Create(People.Row(idNumber, "访问测试", StaffingFactory.School(county, 1))),
        };
        Task<string> Teachers() => factory.QueryAsync<StaffingDbContext, string>(async db =>
            string.Join(",", await db.Teachers.Where(t => t.CountyCode == county).Select(t => t.Name).ToListAsync(Ct)));

        await AccessAssert.WrongCallersRefusedAsync(factory, Post, county, Teachers);
        await AccessAssert.OwnCountyAcceptedAsync(factory, Post, county);
        Assert.Equal("访问测试", await Teachers());

        var id = await factory.QueryAsync<StaffingDbContext, Guid>(db => db.Teachers.Where(t => t.CountyCode == county).Select(t => t.Id).SingleAsync(Ct));
        using var funding = factory.CreateClient(TestTokens.Issue("funding"));
        using var inspector = factory.CreateClient(TestTokens.Issue("inspection", roles: ["inspector"]));
        using var staffing = factory.CreateClient(TestTokens.Issue("staffing", county: county));
        Assert.Equal(HttpStatusCode.Forbidden, (await funding.GetAsync($"/api/teachers/{id}", Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await inspector.GetAsync($"/api/counties/{county}/honours-due", Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await staffing.GetAsync($"/api/teachers/{id}", Ct)).StatusCode);
        // The aggregate profile holds no one's record: any department reads it.
        Assert.Equal(HttpStatusCode.OK, (await funding.GetAsync($"/api/schools/{StaffingFactory.School(county, 1)}/staff-profile", Ct)).StatusCode);
    }
}
