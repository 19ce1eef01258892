namespace EduPlatform.Facilities.Tests;

/// <summary>The service's API contract: served without a token, exported for linting (eng/test.sh).</summary>
public sealed class OpenApiTests(FacilitiesFactory factory) : IClassFixture<FacilitiesFactory>
{
    [Fact]
    public Task The_OpenAPI_document_is_served_and_exported_for_linting() => OpenApiExport.ExportAsync(factory, "facilities");

    [Fact]
    public async Task The_openapi_document_describes_the_bulk_endpoints_with_json_and_csv_bodies()
    {
        using var client = factory.CreateClient();
        var document = await client.GetStringAsync("/openapi/v1.json", TestContext.Current.CancellationToken);

        Assert.Contains("\"/api/counties/{county}/years/{year}/submission\"", document);
        Assert.Contains("\"/api/procedures/{id}/steps/{step}\"", document);
        using var json = System.Text.Json.JsonDocument.Parse(document);
        var classes = json.RootElement.GetProperty("paths").GetProperty("/api/counties/{county}/years/{year}/classes").GetProperty("put");
        var bodies = classes.GetProperty("requestBody").GetProperty("content").EnumerateObject().Select(p => p.Name).ToList();
        Assert.Contains("text/csv", bodies);
        Assert.Contains("application/json", bodies);
    }
}

