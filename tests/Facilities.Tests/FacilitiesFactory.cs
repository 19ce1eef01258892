using EduPlatform.Contracts.Facilities;
using EduPlatform.Kernel;

namespace EduPlatform.Facilities.Tests;

/// <summary>The facilities service on real servers, with a test consumer of everything it publishes.</summary>
public sealed class FacilitiesFactory(Servers servers) : ServiceFactory<Program>(servers, ResourceNames.FacilitiesDb)
{
    protected override Type[] CollectedEvents =>
    [
        typeof(CountyRecorded), typeof(SchoolRecorded), typeof(FacilityReturnRecorded), typeof(ClassesReported),
        typeof(BoardingLogisticsReported), typeof(LayoutPlanRecorded), typeof(ProcedureStepRecorded), typeof(ProcedureCompleted)
    ];
}
