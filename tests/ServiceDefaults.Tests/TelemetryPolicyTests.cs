using System.Diagnostics;
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

public sealed class TracePressureTests
{
    private static SamplingResult Sample(Sampler sampler, ActivityContext parent = default) =>
        sampler.ShouldSample(new SamplingParameters(parent, parent.TraceId == default ? ActivityTraceId.CreateRandom() : parent.TraceId,
            "span", ActivityKind.Internal));

    [Fact]
    public void New_traces_are_left_out_from_half_full_until_a_quarter_full_while_continued_ones_are_kept()
    {
        var pressure = new TracePressure(capacity: 100);
        var sampler = new TelemetryPolicy().Sampler(pressure);
        var sampledParent = new ActivityContext(ActivityTraceId.CreateRandom(), ActivitySpanId.CreateRandom(), ActivityTraceFlags.Recorded, isRemote: true);

        for (var i = 0; i < 49; i++) { pressure.Queued(); }
        Assert.Equal(SamplingDecision.RecordAndSample, Sample(sampler).Decision);

        pressure.Queued(); // 50 of 100
        Assert.Equal(SamplingDecision.Drop, Sample(sampler).Decision);
        Assert.Equal(SamplingDecision.RecordAndSample, Sample(sampler, sampledParent).Decision);

        pressure.Exported(20); // 30 left: still above a quarter, still shedding
        Assert.Equal(SamplingDecision.Drop, Sample(sampler).Decision);
        pressure.Exported(6); // 24
        Assert.Equal(SamplingDecision.RecordAndSample, Sample(sampler).Decision);
        Assert.Equal(2, pressure.Shed);
    }

    [Fact]
    public void The_backlog_never_counts_spans_a_full_queue_turned_away()
    {
        var pressure = new TracePressure(capacity: 10);
        for (var i = 0; i < 25; i++) { pressure.Queued(); } // 15 of them dropped by the full queue
        Assert.Equal(10, pressure.Backlog);
        pressure.Exported(10);
        Assert.Equal(0, pressure.Backlog);
    }
}
