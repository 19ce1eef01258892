using System.Diagnostics;

namespace EduPlatform.EndToEnd.Tests;

/// <summary>
/// Which steps were done and how long each took since the one before: in failure messages, and in a file under
/// TestResults that eng/test.sh prints at the end, so a CI log shows where a slow machine spent its time.
/// </summary>
internal sealed class Trail
{
    private readonly Stopwatch clock = Stopwatch.StartNew();
    private readonly Stopwatch total = Stopwatch.StartNew();
    private readonly System.Text.StringBuilder lines = new();

    public string Last { get; private set; } = "start";

    public void Mark(string step)
    {
        lines.AppendLine($"{step}: {clock.ElapsedMilliseconds} ms");
        Last = step;
        clock.Restart();
    }

    public void Note(string line) => lines.AppendLine(line);

    public void Save(string path)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, $"{this}(total {total.Elapsed.TotalSeconds:0} s, last step '{Last}')\n");
    }

    public override string ToString() => lines.ToString();
}
