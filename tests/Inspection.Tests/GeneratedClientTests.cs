using System.Reflection;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using NSwag;
using NSwag.CodeGeneration.CSharp;
using NSwag.CodeGeneration.OperationNameGenerators;

namespace EduPlatform.Inspection.Tests;

/// <summary>
/// The contract is complete enough to generate a client from: NSwag generates a C# client from the served
/// OpenAPI document, Roslyn compiles it, and the generated client reads a scorecard and a school's drill-down
/// into typed objects.
/// </summary>
public sealed class GeneratedClientTests(InspectionFactory factory) : IClassFixture<InspectionFactory>, IAsyncLifetime
{
    private EventCollector _bus = null!;
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync() => _bus = await EventCollector.StartAsync(factory.RabbitMqConnectionString);

    public ValueTask DisposeAsync() => _bus.DisposeAsync();

    [Fact]
    public async Task A_client_generated_from_the_document_reads_a_scorecard_and_a_drill_down_into_typed_objects()
    {
        var (county, town, _) = await TwoSchoolCounty.PublishAsync(factory, _bus, 2026);
        using var http = factory.CreateClient();
        await Poll.UntilAsync(async () => TwoSchoolCounty.Complete((await http.GetApiAsync<Domain.Indicators.Scorecard>(
                $"/api/counties/{county}/years/2026/scorecard"))!), TimeSpan.FromSeconds(60), "the county's events never arrived");

        var json = await http.GetStringAsync("/openapi/v1.json", Ct);
        var document = await OpenApiDocument.FromJsonAsync(json, cancellationToken: Ct);
        var code = new CSharpClientGenerator(document, new CSharpClientGeneratorSettings
        {
            ClassName = "InspectionClient",
            UseBaseUrl = false,
            GenerateClientInterfaces = false,
            OperationNameGenerator = new SingleClientFromPathSegmentsOperationNameGenerator(),
            CSharpGeneratorSettings = { Namespace = "Generated" },
        }).GenerateFile();
        var client = Activator.CreateInstance(Compile(code).GetType("Generated.InspectionClient")!, http)!;

        var card = await CallAsync(client, "Scorecard", county, 2026);
        Assert.Equal("Scorecard", card.GetType().Name);
        Assert.Equal(county, (string)Property(card, "CountyCode"));
        Assert.Contains(Property(card, "Verdict").ToString(), new[] { "Met", "NotMet", "NoData" }); // an enum of the document's statuses
        var groups = ((System.Collections.IEnumerable)Property(card, "Groups")).Cast<object>().ToList();
        Assert.Equal("ScorecardGroup", groups[0].GetType().Name);
        var ra4 = groups.SelectMany(g => ((System.Collections.IEnumerable)Property(g, "Lines")).Cast<object>())
            .Single(l => (string)Property(l, "Code") == "RA4" && Property(l, "Level")?.ToString() == "Primary");
        Assert.Equal(0.1065, Math.Round((double)Property(ra4, "Value"), 4)); // typed, at full precision

        var drill = await CallAsync(client, "Schools", county, 2026, town);
        Assert.Equal("SchoolDrillDown", drill.GetType().Name);
        var values = ((System.Collections.IEnumerable)Property(drill, "ResourceValues")).Cast<object>().Single();
        Assert.Equal("Primary", Property(values, "Level").ToString()); // each value set names its section
        Assert.Equal(5m, Math.Round(Convert.ToDecimal(((System.Collections.IDictionary)Property(values, "Values"))["RA4"]), 4)); // 300 m² ÷ 60
    }

    private static object Property(object target, string name) =>
        target.GetType().GetProperty(name)?.GetValue(target) ?? throw new InvalidOperationException($"{target.GetType().Name}.{name} is null or missing");

    /// <summary>Calls the generated GET whose name ends with <paramref name="resource"/> and whose parameters take these arguments.</summary>
    private static async Task<object> CallAsync(object client, string resource, params object[] arguments)
    {
        var method = client.GetType().GetMethods()
            .Where(m => m.Name.EndsWith($"{resource}Async", StringComparison.Ordinal) && m.GetParameters().Length == arguments.Length)
            .Single(m => m.GetParameters().Select(p => p.ParameterType).SequenceEqual(arguments.Select(a => a.GetType())));
        var task = (Task)method.Invoke(client, arguments)!;
        await task;
        return task.GetType().GetProperty("Result")!.GetValue(task)!;
    }

    private static Assembly Compile(string code)
    {
        var references = AppDomain.CurrentDomain.GetAssemblies().Where(a => !a.IsDynamic && a.Location.Length > 0)
            .Select(a => MetadataReference.CreateFromFile(a.Location))
            .Append(MetadataReference.CreateFromFile(typeof(Newtonsoft.Json.JsonConvert).Assembly.Location))
            .Append(MetadataReference.CreateFromFile(Path.Combine(Path.GetDirectoryName(typeof(object).Assembly.Location)!, "System.Runtime.Serialization.Primitives.dll")))
            .Append(MetadataReference.CreateFromFile(Path.Combine(Path.GetDirectoryName(typeof(object).Assembly.Location)!, "System.ComponentModel.Annotations.dll")));
        var compilation = CSharpCompilation.Create("GeneratedInspectionClient", [CSharpSyntaxTree.ParseText(code)], references,
            new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Disable));
        using var stream = new MemoryStream();
        var result = compilation.Emit(stream);
        Assert.True(result.Success, string.Join("\n", result.Diagnostics.Where(d => d.Severity == DiagnosticSeverity.Error).Take(10)));
        return Assembly.Load(stream.ToArray());
    }
}
