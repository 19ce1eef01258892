namespace EduPlatform.Inspection.Tests;

public sealed class QuietStart(InspectionFactory factory) : QuietStartTests<EduPlatform.Inspection.Infrastructure.InspectionDbContext>(factory), IClassFixture<InspectionFactory>
{
    protected override string[] ReadinessChecks => ["inspection-db", "masstransit-bus", "redis"];
}
