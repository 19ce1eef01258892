using EduPlatform.Contracts.Facilities;

namespace EduPlatform.StudentWelfare.Tests;

/// <summary>Every write endpoint of the service, walked with the hostile-input corpus: each answer a 4xx ProblemDetails, no row changed.</summary>
public sealed class HostileInputTests(WelfareFactory factory) : IClassFixture<WelfareFactory>
{
    [Fact]
    public async Task Every_write_endpoint_refuses_hostile_and_clumsy_input_and_changes_nothing()
    {
        var county = await factory.CountyWithSchoolsAsync((SchoolType.Primary, Location.Rural, true));
        var school = RegistryAnnouncer.School(county, 1);
        await HostileInput.WalkAsync(factory, HostileInput.RouteValues(county, school));
    }
}
