using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net.Http.Json;
using EduPlatform.Facilities.Infrastructure;
using EduPlatform.Kernel;
using EduPlatform.Registry;
using EduPlatform.ServiceDefaults;
using Microsoft.AspNetCore.Hosting;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using OpenTelemetry;
using OpenTelemetry.Trace;

namespace EduPlatform.Inspection.Tests;

/// <summary>
/// Under a burst of department writes, with half of the traces sampled, every trace is kept whole or not at all:
/// a kept request's trace holds the relay's publish and inspection's receive of each event it raised, and no kept
/// span's parent is missing (an orphan). Spans leave through the platform's own export queue
/// (<see cref="TelemetryPolicy"/>), whose drops the SDK counts. It runs alone: every host in this process listens to
/// every activity source, and another test's host sampling everything would keep this test's unsampled traces.
/// </summary>
[Collection(nameof(TraceCompletenessTests))]
public sealed class TraceCompletenessTests(Servers servers)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;
    private const int Counties = 12, SchoolsPerCounty = 150, Renames = 240, CallerDecided = 40;

    [Fact]
    public async Task A_burst_of_writes_leaves_whole_traces_and_no_orphans()
    {
        var amqp = await servers.CreateVirtualHostAsync("traces");
        var spans = new ConcurrentBag<Activity>();
        // The platform's own watcher of the SDK's counters, as every service runs it when it exports.
        var sdk = new TelemetryDrops(NullLogger<TelemetryDrops>.Instance, TimeProvider.System);
        await sdk.StartAsync(Ct);

        await using var facilities = new ServiceFactory<FacilitiesDbContext>(servers, ResourceNames.FacilitiesDb) { RabbitMqConnectionString = amqp };
        await using var inspection = new InspectionFactory(servers) { RabbitMqConnectionString = amqp };
        await facilities.InitializeAsync();
        await inspection.InitializeAsync();
        var facilitiesHost = Sampled(facilities, spans);
        var inspectionHost = Sampled(inspection, spans);
        using var clerk = facilitiesHost.CreateClient();
        using var inspectionClient = inspectionHost.CreateClient();
        await inspectionClient.GetAsync("/health", Ct); // inspection's queues are bound before facilities publishes

        // The burst: whole county registers (a bulk upload each), then many single renames at once.
        var counties = Enumerable.Range(0, Counties).Select(i => $"1399{i + 10}").ToArray();
        await Parallel.ForEachAsync(counties, new ParallelOptions { MaxDegreeOfParallelism = 4, CancellationToken = Ct }, async (county, ct) =>
        {
            (await clerk.PutAsJsonAsync($"/api/counties/{county}", new { name = $"追踪县{county}" }, ct)).EnsureSuccessStatusCode();
            var rows = Enumerable.Range(1, SchoolsPerCounty).Select(n => new
            {
                code = $"{county}{n:D4}", name = $"学校{n}", location = "rural", type = "primary", boarding = false,
            });
            (await clerk.PutAsJsonAsync($"/api/counties/{county}/schools", rows, ct)).EnsureSuccessStatusCode();
        });
        // The first renames come from a caller that already decided (traceparent flag 01: keep, 00: drop), whatever
        // this service's own ratio would say of their trace id: the decision holds through the outbox and the broker.
        var callers = Enumerable.Range(0, CallerDecided).Select(i => (Trace: ActivityTraceId.CreateRandom(), Span: ActivitySpanId.CreateRandom(),
            Sampled: i % 2 == 0)).ToArray();
        await Parallel.ForEachAsync(Enumerable.Range(0, Renames), new ParallelOptions { MaxDegreeOfParallelism = 16, CancellationToken = Ct }, async (i, ct) =>
        {
            var county = counties[i % Counties];
            using var request = new HttpRequestMessage(HttpMethod.Put, $"/api/schools/{county}{i / Counties + 1:D4}")
            {
                Content = JsonContent.Create(new { countyCode = county, name = $"改名学校{i}", location = "rural", type = "primary", boarding = false }),
            };
            if (i < CallerDecided)
            {
                request.Headers.Add("traceparent", $"00-{callers[i].Trace}-{callers[i].Span}-{(callers[i].Sampled ? "01" : "00")}");
            }
            (await clerk.SendAsync(request, ct)).EnsureSuccessStatusCode();
        });
        await Poll.UntilAsync(async () => await inspection.QueryAsync<Infrastructure.InspectionDbContext, int>(db =>
                db.Set<RegistrySchool>().CountAsync(s => counties.Contains(s.CountyCode) && s.Name.StartsWith("改名学校"))) == Renames,
            TimeSpan.FromSeconds(90), "inspection never received every rename");
        // The last consumers' spans end just after their commit: flush again until every kept span's parent has arrived,
        // for at most a minute (a real orphan never gets its parent).
        var callerSpans = callers.Select(c => c.Span).ToHashSet();
        List<Activity> requests, orphans;
        Dictionary<ActivityTraceId, List<Activity>> traces;
        for (var deadline = DateTime.UtcNow.AddSeconds(60); ; await Task.Delay(500, Ct))
        {
            Assert.True(facilitiesHost.Services.GetRequiredService<TracerProvider>().ForceFlush(10_000));
            Assert.True(inspectionHost.Services.GetRequiredService<TracerProvider>().ForceFlush(10_000));
            // Both hosts listen to every source in this process: keep one copy of each span, and only this test's traces.
            var all = spans.DistinctBy(s => s.SpanId).ToList();
            requests = all.Where(s => s.Kind == ActivityKind.Server && s.GetTagItem("url.path") is string path
                && (path.StartsWith("/api/counties/1399", StringComparison.Ordinal) || path.StartsWith("/api/schools/1399", StringComparison.Ordinal))).ToList();
            var ours = requests.Select(r => r.TraceId).ToHashSet();
            traces = all.Where(s => ours.Contains(s.TraceId)).GroupBy(s => s.TraceId).ToDictionary(g => g.Key, g => g.ToList());
            var ids = traces.Values.SelectMany(t => t).Select(s => s.SpanId).ToHashSet();
            orphans = traces.Values.SelectMany(t => t)
                .Where(s => s.ParentSpanId != default && !ids.Contains(s.ParentSpanId) && !callerSpans.Contains(s.ParentSpanId)).ToList();
            if (orphans.Count == 0 || DateTime.UtcNow > deadline)
            {
                break;
            }
        }

        var writes = 2 * Counties + Renames;
        TestContext.Current.TestOutputHelper!.WriteLine(
            $"{writes} writes, {requests.Count} traces kept, {traces.Values.Sum(t => t.Count)} spans in them, {orphans.Count} orphans; " +
            $"SDK: {sdk.Handed} spans and log records handed to the exporters, {sdk.Dropped} dropped");
        Assert.Empty(orphans.Select(o => $"{o.DisplayName} ({o.Source.Name}) in trace {o.TraceId}"));
        Assert.Equal(0, sdk.Dropped);
        await sdk.StopAsync(Ct);
        // Sampling did happen (about half of the requests), so the rest shows decisions carried, not everything kept.
        Assert.InRange(requests.Count, writes / 5, writes * 4 / 5);
        Assert.All(callers, c => Assert.Equal(c.Sampled, traces.ContainsKey(c.Trace)));
        foreach (var (traceId, trace) in traces)
        {
            var publishes = trace.Count(s => s.DisplayName.StartsWith("outbox publish", StringComparison.Ordinal));
            var received = trace.Count(s => s.Source.Name == "MassTransit" && s.Kind == ActivityKind.Consumer
                && s.DisplayName.Contains("inspection", StringComparison.Ordinal));
            Assert.True(publishes > 0, $"trace {traceId} wrote nothing to publish");
            Assert.True(received >= publishes, $"trace {traceId}: {publishes} events published, {received} received by inspection");
        }
    }

    /// <summary>The service's spans, sampled at one half, leave through a batch processor sized by the platform's policy.</summary>
    private static Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactory<T> Sampled<T>(
        Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactory<T> factory, ConcurrentBag<Activity> spans) where T : class =>
        factory.WithWebHostBuilder(web =>
        {
            web.UseSetting($"{TelemetryPolicy.Section}:{nameof(TelemetryPolicy.SampleRatio)}", "0.5");
            web.ConfigureServices((context, services) => services.ConfigureOpenTelemetryTracerProvider(tracing =>
            {
                var policy = TelemetryPolicy.From(context.Configuration);
                tracing.AddProcessor(new BatchActivityExportProcessor(new Collector(spans), policy.QueueSize,
                    policy.ExportDelayMilliseconds, 30_000, policy.ExportBatchSize));
            }));
        });

    private sealed class Collector(ConcurrentBag<Activity> spans) : BaseExporter<Activity>
    {
        public override ExportResult Export(in Batch<Activity> batch)
        {
            foreach (var span in batch)
            {
                spans.Add(span);
            }
            return ExportResult.Success;
        }
    }
}

[CollectionDefinition(nameof(TraceCompletenessTests), DisableParallelization = true)]
public sealed class TraceCompletenessCollection;
