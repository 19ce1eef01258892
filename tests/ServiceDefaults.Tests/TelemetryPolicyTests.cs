using System.Diagnostics;
using EduPlatform.ServiceDefaults;
using Microsoft.Extensions.Configuration;
using OpenTelemetry.Trace;

namespace EduPlatform.ServiceDefaults.Tests;

public sealed class TelemetryPolicyTests
{
    private static TelemetryPolicy From(params (string Key, string Value)[] settings) =>
        TelemetryPolicy.From(new ConfigurationBuilder()
            .AddInMemoryCollection(settings.Select(s => new KeyValuePair<string, string?>($"Telemetry:{s.Key}", s.Value))).Build());

    [Theory]
    [InlineData("-0.1")]
    [InlineData("1.5")]
    [InlineData("NaN")]
    public void A_ratio_outside_0_to_1_stops_the_service_at_start(string ratio) =>
        Assert.Contains("SampleRatio", Assert.Throws<InvalidOperationException>(() => From(("SampleRatio", ratio))).Message);

    [Fact]
    public void A_batch_larger_than_the_queue_is_refused() =>
        Assert.Throws<InvalidOperationException>(() => From(("QueueSize", "100"), ("ExportBatchSize", "200")));

    [Theory]
    [InlineData(ActivityTraceFlags.Recorded, SamplingDecision.RecordAndSample)]
    [InlineData(ActivityTraceFlags.None, SamplingDecision.Drop)]
    public void A_continued_trace_follows_its_callers_decision_whatever_the_ratio(ActivityTraceFlags flags, SamplingDecision expected)
    {
        // Ratio 0 keeps no new trace, 1 keeps all: the caller's flag must decide either way.
        foreach (var ratio in new[] { "0", "1" })
        {
            var parent = new ActivityContext(ActivityTraceId.CreateRandom(), ActivitySpanId.CreateRandom(), flags, isRemote: true);
            var decision = From(("SampleRatio", ratio)).Sampler().ShouldSample(
                new SamplingParameters(parent, parent.TraceId, "receive", ActivityKind.Consumer)).Decision;
            Assert.Equal(expected, decision);
        }
    }

    [Fact]
    public void A_new_trace_is_kept_at_the_configured_ratio()
    {
        var sampler = From(("SampleRatio", "0.25")).Sampler();
        var kept = Enumerable.Range(0, 20_000).Count(_ => sampler.ShouldSample(
            new SamplingParameters(default, ActivityTraceId.CreateRandom(), "PUT", ActivityKind.Server)).Decision == SamplingDecision.RecordAndSample);
        Assert.InRange(kept, 4_500, 5_500);
    }
}
