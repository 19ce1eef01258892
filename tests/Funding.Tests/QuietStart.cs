namespace EduPlatform.Funding.Tests;

public sealed class QuietStart(FundingFactory factory) : QuietStartTests<Program>(factory), IClassFixture<FundingFactory>
{
    protected override string[] ReadinessChecks => ["funding-db", "masstransit-bus"];
}
