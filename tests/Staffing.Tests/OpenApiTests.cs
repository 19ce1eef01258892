namespace EduPlatform.Staffing.Tests;

/// <summary>The service's API contract: served without a token, exported for linting (eng/test.sh).</summary>
public sealed class OpenApiTests(StaffingFactory factory) : IClassFixture<StaffingFactory>
{
    [Fact]
    public Task The_OpenAPI_document_is_served_and_exported_for_linting() => OpenApiExport.ExportAsync(factory, "staffing");
}
