using System.Diagnostics;
using System.Net.Http.Json;
using EduPlatform.Facilities.Infrastructure;
using EduPlatform.Kernel;
using Microsoft.Extensions.DependencyInjection;
using OpenTelemetry.Trace;
using static EduPlatform.Inspection.Apis.CountyApi;

namespace EduPlatform.Inspection.Tests;

/// <summary>
/// One trace from the clerk's HTTP request in facilities, through the outbox write, the relay's
/// publish and RabbitMQ, to inspection's database write — checked link by link.
/// </summary>
public sealed class CrossServiceTraceTests(Servers servers)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_state_change_and_its_effect_in_another_service_share_one_trace()
    {
        var amqp = await servers.CreateVirtualHostAsync("trace");
        var producerSpans = new List<Activity>();
        var consumerSpans = new List<Activity>();
        await using var facilities = new ServiceFactory<FacilitiesDbContext>(servers, ResourceNames.FacilitiesDb) { RabbitMqConnectionString = amqp };
        await using var inspection = new InspectionFactory(servers) { RabbitMqConnectionString = amqp };
        await facilities.InitializeAsync();
        await inspection.InitializeAsync();
        using var facilitiesClient = WithExporter(facilities, producerSpans).CreateClient();
        using var inspectionClient = WithExporter(inspection, consumerSpans).CreateClient();
        await inspectionClient.GetAsync("/health", Ct); // inspection's queue is bound before facilities publishes

        var response = await facilitiesClient.PutAsJsonAsync("/api/counties/130606", new { name = "满城区" }, Ct);
        response.EnsureSuccessStatusCode();
        await WaitForCountyAsync(inspectionClient, "130606");
        // The consumer's spans end just after its commit: wait for the outermost (MassTransit's receive, a child of the publish).
        await Poll.UntilAsync(() => Task.FromResult(ReceiveEnded()), TimeSpan.FromSeconds(60), "the consumer's spans never ended");
        bool ReceiveEnded()
        {
            var ended = producerSpans.ToArray().Concat(consumerSpans.ToArray()).ToList();
            var put = ended.FirstOrDefault(s => s.Kind == ActivityKind.Server && s.GetTagItem("url.path") as string == "/api/counties/130606");
            var publishes = ended.Where(s => put is not null && s.TraceId == put.TraceId && s.Source.Name == "MassTransit" && s.Kind == ActivityKind.Producer)
                .Select(s => s.SpanId).ToHashSet();
            return ended.Any(s => s.Source.Name == "MassTransit" && s.Kind == ActivityKind.Consumer && publishes.Contains(s.ParentSpanId));
        }

        // Both hosts listen to every source in this process; keep one copy of each span. The exporters
        // still add spans of other consumers' work: copy the lists (ToArray) instead of enumerating them.
        var spans = producerSpans.ToArray().Concat(consumerSpans.ToArray()).DistinctBy(s => s.SpanId).ToList();
        var bySpan = spans.ToDictionary(s => s.SpanId);
        bool Under(Activity span, Activity ancestor)
        {
            for (var current = span; bySpan.TryGetValue(current.ParentSpanId, out var parent); current = parent)
            {
                if (parent.SpanId == ancestor.SpanId)
                {
                    return true;
                }
            }
            return false;
        }
        static string Sql(Activity span) => (span.GetTagItem("db.query.text") ?? span.GetTagItem("db.statement")) as string ?? "";

        // Other test classes' requests run in this process too: pick this one by its path.
        var request = Assert.Single(spans, s => s.Kind == ActivityKind.Server && s.DisplayName.StartsWith("PUT", StringComparison.Ordinal)
            && s.GetTagItem("url.path") as string == "/api/counties/130606");
        var outboxWrite = Assert.Single(spans, s => s.Source.Name == "Npgsql" && Sql(s).Contains("INSERT INTO outbox_messages", StringComparison.Ordinal) && Under(s, request));
        var relay = Assert.Single(spans, s => s.DisplayName == "outbox publish CountyRecorded");
        var publish = Assert.Single(spans, s => s.Source.Name == "MassTransit" && s.Kind == ActivityKind.Producer && Under(s, relay));
        // MassTransit opens a receive span and, inside it, the consumer's span: take the innermost.
        var consumerSide = spans.Where(s => s.Source.Name == "MassTransit" && s.Kind == ActivityKind.Consumer && Under(s, publish)).ToList();
        Assert.NotEmpty(consumerSide);
        var consume = consumerSide.Single(c => !consumerSide.Any(other => Under(other, c)));
        var readModelWrite = Assert.Single(spans, s => s.Source.Name == "Npgsql" && Sql(s).Contains("INSERT INTO registry_counties", StringComparison.Ordinal) && Under(s, consume));

        Assert.All([outboxWrite, relay, publish, consume, readModelWrite], s => Assert.Equal(request.TraceId, s.TraceId));
        Assert.Equal(request.SpanId, relay.ParentSpanId); // the relay continues the request's context stored with the row
    }

    private static Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactory<T> WithExporter<T>(
        Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactory<T> factory, List<Activity> spans) where T : class =>
        factory.WithWebHostBuilder(web => web.ConfigureServices(services =>
            services.ConfigureOpenTelemetryTracerProvider(tracing => tracing.AddInMemoryExporter(spans))));

    private static Task WaitForCountyAsync(HttpClient inspection, string code) =>
        Poll.UntilAsync(async () => (await inspection.GetFromJsonAsync<CountyDto[]>("/api/counties", Ct))!.Any(c => c.Code == code),
            TimeSpan.FromSeconds(30), "the county never reached inspection");
}
