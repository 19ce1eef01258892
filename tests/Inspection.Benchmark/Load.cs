using System.Diagnostics;
using EduPlatform.Testing;
using Microsoft.AspNetCore.Hosting;

namespace EduPlatform.Inspection.Benchmark;

/// <summary>Requests made back to back for <paramref name="Seconds"/>: each one's latency (ms), and how many failed.</summary>
public sealed record LoadResult(List<double> Latencies, double Seconds, int Errors)
{
    public double Rate => Latencies.Count / Seconds;
    public double P50 => Load.Percentile(Latencies, 50);
    public double P99 => Load.Percentile(Latencies, 99);

    /// <summary>Several runs of the same load as one (their requests over their summed time).</summary>
    public static LoadResult Combine(IReadOnlyCollection<LoadResult> runs) =>
        new([.. runs.SelectMany(r => r.Latencies)], runs.Sum(r => r.Seconds), runs.Sum(r => r.Errors));
}

/// <summary>N clients each sending GETs back to back for a fixed time.</summary>
public static class Load
{
    public static async Task<LoadResult> RunAsync(HttpClient http, string url, int clients, TimeSpan duration)
    {
        var latencies = new List<double>[clients];
        var errors = 0;
        var clock = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, clients).Select(async c =>
        {
            var mine = latencies[c] = [];
            while (clock.Elapsed < duration)
            {
                var start = clock.Elapsed;
                using var response = await http.GetAsync(url);
                await response.Content.ReadAsByteArrayAsync();
                if (!response.IsSuccessStatusCode)
                {
                    Interlocked.Increment(ref errors);
                }
                mine.Add((clock.Elapsed - start).TotalMilliseconds);
            }
        }));
        return new LoadResult([.. latencies.SelectMany(l => l)], clock.Elapsed.TotalSeconds, errors);
    }

    /// <summary>
    /// Repeats <paramref name="work"/> until the runtime has stopped compiling (at most <paramref name="limit"/>): a new
    /// process compiles each hot method again, instrumented and then optimised, over its first hundreds of calls, and
    /// on two cores that compiling competes with the work itself. A figure taken meanwhile measures the JIT, not the
    /// code that a service running for hours executes. Returns the time taken and the methods compiled meanwhile.
    /// </summary>
    public static async Task<(TimeSpan Took, long Compiled)> UntilCompiledAsync(Func<Task> work, TimeSpan limit)
    {
        const int QuietBelow = 25; // methods compiled in a second of work; a few keep coming (EF's funcletizer, generics)
        var clock = Stopwatch.StartNew();
        var start = System.Runtime.JitInfo.GetCompiledMethodCount();
        while (clock.Elapsed < limit)
        {
            var before = System.Runtime.JitInfo.GetCompiledMethodCount();
            var second = Stopwatch.StartNew();
            while (second.Elapsed < TimeSpan.FromSeconds(1))
            {
                await work();
            }
            if (System.Runtime.JitInfo.GetCompiledMethodCount() - before < QuietBelow)
            {
                break;
            }
        }
        return (clock.Elapsed, System.Runtime.JitInfo.GetCompiledMethodCount() - start);
    }

    public static double Percentile(List<double> values, double percent)
    {
        var sorted = values.Order().ToList();
        return sorted[Math.Min(sorted.Count - 1, (int)Math.Ceiling(percent / 100 * sorted.Count) - 1)];
    }

    /// <summary>Polls without xunit (this is a console program) at a fine interval, so the measured time is the wait, not the poll.</summary>
    public static async Task UntilAsync(Func<Task<bool>> condition, TimeSpan timeout, string failure)
    {
        var deadline = Stopwatch.StartNew();
        while (!await condition())
        {
            if (deadline.Elapsed > timeout)
            {
                throw new TimeoutException(failure);
            }
            await Task.Delay(5);
        }
    }
}

/// <summary>
/// A service on real servers with its request logging off, so the load measures the service and not the
/// console; and with no practical rate limit, since the benchmark is one client making thousands a second.
/// </summary>
public sealed class QuietService<T>(Servers servers, string database) : ServiceFactory<T>(servers, database) where T : class
{
    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.UseSetting("Logging:LogLevel:Default", "Warning");
        builder.UseSetting("Access:RequestsPerSecond", "10000000");
        builder.UseSetting("Access:Burst", "10000000");
    }
}
