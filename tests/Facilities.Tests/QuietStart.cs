namespace EduPlatform.Facilities.Tests;

public sealed class QuietStart(FacilitiesFactory factory) : QuietStartTests<Program>(factory), IClassFixture<FacilitiesFactory>
{
    protected override string[] ReadinessChecks => ["facilities-db", "masstransit-bus"];
}
