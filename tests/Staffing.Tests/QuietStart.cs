namespace EduPlatform.Staffing.Tests;

public sealed class QuietStart(StaffingFactory factory) : QuietStartTests<Program>(factory), IClassFixture<StaffingFactory>
{
    protected override string[] ReadinessChecks => ["staffing-db", "masstransit-bus"];
}
