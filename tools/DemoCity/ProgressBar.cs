using System.Diagnostics;

namespace EduPlatform.DemoCity;

/// <summary>
/// A progress bar over the load's steps, with one line per finished step above it. On a terminal the bar
/// redraws in place; when the output is a file (CI, the dashboard's console log) only the lines are written.
/// </summary>
public sealed class ProgressBar(int total)
{
    private readonly Lock gate = new();
    private readonly Stopwatch clock = Stopwatch.StartNew();
    private readonly bool live = !Console.IsOutputRedirected;
    private int done;

    public TimeSpan Elapsed => clock.Elapsed;

    public async Task<T> StepAsync<T>(string who, string what, Func<Task<T>> step, Func<T, string> describe)
    {
        var started = clock.Elapsed;
        var result = await step();
        lock (gate)
        {
            done++;
            Clear();
            Console.WriteLine($"  {clock.Elapsed:mm\\:ss} {who,-8} {what,-34} {describe(result),-36} {(clock.Elapsed - started).TotalSeconds,6:0.0} s");
            Draw();
        }
        return result;
    }

    public void Line(string text)
    {
        lock (gate)
        {
            Clear();
            Console.WriteLine(text);
            Draw();
        }
    }

    public void Finish()
    {
        lock (gate)
        {
            Clear();
        }
    }

    private void Draw()
    {
        if (!live)
        {
            return;
        }
        const int width = 40;
        var share = total == 0 ? 1 : Math.Min(1.0, (double)done / total);
        var filled = (int)(share * width);
        Console.Write($"\r  [{new string('█', filled)}{new string('░', width - filled)}] {share,4:P0}  {done}/{total} steps  {clock.Elapsed:mm\\:ss}");
    }

    private void Clear()
    {
        if (live)
        {
            Console.Write("\r" + new string(' ', Math.Max(0, Console.WindowWidth - 1)) + "\r");
        }
    }
}
