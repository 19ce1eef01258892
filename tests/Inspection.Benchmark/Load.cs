using System.Diagnostics;
using EduPlatform.Testing;
using Microsoft.AspNetCore.Hosting;

namespace EduPlatform.Inspection.Benchmark;

public sealed record LoadResult(double Rate, double P50, double P99, int Errors);

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
        var all = latencies.SelectMany(l => l).ToList();
        return new LoadResult(all.Count / clock.Elapsed.TotalSeconds, Percentile(all, 50), Percentile(all, 99), errors);
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
