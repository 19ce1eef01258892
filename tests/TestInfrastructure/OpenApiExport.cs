using System.Text.Json.Nodes;
using Xunit;

namespace EduPlatform.Testing;

/// <summary>
/// Reads a service's OpenAPI document as a client would and keeps it in <c>artifacts/openapi/</c>, where
/// <c>eng/test.sh</c> lints all five with Spectral (<c>.spectral.yaml</c>) once the tests have run.
/// </summary>
public static class OpenApiExport
{
    public static async Task<JsonObject> ExportAsync<TProgram>(ServiceFactory<TProgram> factory, string service) where TProgram : class
    {
        var ct = TestContext.Current.CancellationToken;
        using var anonymous = factory.CreateClient(token: null);
        var json = await anonymous.GetStringAsync("/openapi/v1.json", ct);
        var directory = Path.Combine(RepositoryRoot.Path, "artifacts", "openapi");
        Directory.CreateDirectory(directory);
        await File.WriteAllTextAsync(Path.Combine(directory, $"{service}.json"), json, ct);
        var document = JsonNode.Parse(json)!.AsObject();
        var operations = document["paths"]!.AsObject().SelectMany(p => p.Value!.AsObject()).ToList();
        Assert.NotEmpty(operations);
        return document;
    }
}
