using EduPlatform.Contracts.Facilities;
using EduPlatform.Contracts.Funding;
using EduPlatform.Contracts.StudentWelfare;
using EduPlatform.Funding.Infrastructure;
using EduPlatform.Kernel;

namespace EduPlatform.Funding.Tests;

/// <summary>The funding service on real servers; its test bus stands in for facilities and welfare and collects what funding publishes.</summary>
public sealed class FundingFactory(Servers servers) : ServiceFactory<Program>(servers, ResourceNames.FundingDb)
{
    protected override Type[] CollectedEvents =>
    [
        typeof(FundingNormSet), typeof(SchoolFundingAssessed), typeof(CountyFinanceReported)
    ];

    public Task<string> CountyWithSchoolsAsync(params (SchoolType Type, Location Location, bool Boarding)[] schools) =>
        RegistryAnnouncer.CountyWithSchoolsAsync<Program, FundingDbContext>(this, Events, schools);

    public static string School(string county, int n) => RegistryAnnouncer.School(county, n);

    /// <summary>Announces a section's enrolment as the welfare service would: the whole section in its first grade's row.</summary>
    public Task EnrolmentAsync(string school, string county, int year, Section section, int revision, int students, int boarders = 0,
        int specialNeeds = 0) =>
        Events.PublishAsync(new EnrolmentReported(school, county, year, section, revision, [section == Section.Primary ? 1 : 7], [students],
            [boarders], [specialNeeds], [0], [0], [0], [0], [0], [0], DateTimeOffset.UtcNow));
}
