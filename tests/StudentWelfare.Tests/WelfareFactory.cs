using EduPlatform.Contracts.Facilities;
using EduPlatform.Contracts.StudentWelfare;
using EduPlatform.Kernel;
using EduPlatform.ServiceDefaults;
using EduPlatform.WebApi;
using EduPlatform.StudentWelfare.Infrastructure;

namespace EduPlatform.StudentWelfare.Tests;

/// <summary>The welfare service on real servers; its test bus stands in for facilities and collects what welfare publishes.</summary>
public sealed class WelfareFactory(Servers servers) : ServiceFactory<Program>(servers, ResourceNames.StudentWelfareDb)
{
    protected override Type[] CollectedEvents =>
    [
        typeof(EnrolmentReported), typeof(CountyWelfareReported), typeof(SubsidyCoverageReported), typeof(SubsidyRateSet)
    ];

    /// <summary>A new county and its schools (numbered 1..), announced as facilities would; returns once welfare has them.</summary>
    public Task<string> CountyWithSchoolsAsync(params (SchoolType Type, Location Location, bool Boarding)[] schools) =>
        RegistryAnnouncer.CountyWithSchoolsAsync<Program, WelfareDbContext>(this, Events, schools);

    public static string School(string county, int n) => RegistryAnnouncer.School(county, n);
}
