namespace EduPlatform.StudentWelfare.Tests;

public sealed class QuietStart(WelfareFactory factory) : QuietStartTests<Program>(factory), IClassFixture<WelfareFactory>
{
    protected override string[] ReadinessChecks => ["welfare-db", "masstransit-bus"];
}
