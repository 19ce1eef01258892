namespace EduPlatform.Inspection.Tests;

/// <summary>The service's API contract: served without a token, exported for linting (eng/test.sh).</summary>
public sealed class OpenApiTests(InspectionFactory factory) : IClassFixture<InspectionFactory>
{
    [Fact]
    public Task The_OpenAPI_document_is_served_and_exported_for_linting() => OpenApiExport.ExportAsync(factory, "inspection");
}
