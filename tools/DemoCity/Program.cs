using EduPlatform.DemoCity;

// The demo city loader: generates the city (deterministic from --seed) and submits it through the five
// services' APIs, then prints what the inspection service made of it. See the README, "The demo city".
var settings = Arguments.Parse(args);
if (settings is null)
{
    Console.Error.WriteLine("""
        usage: dotnet run --project tools/DemoCity -- [--size small|default|province] [--seed 2026] [--parallel 2]
                 [--identity URL] [--credentials FILE] [--funding URL] [--facilities URL] [--staffing URL]
                 [--welfare URL] [--inspection URL] [--stats]
          --credentials  the department systems' and demo people's sign-ins (default .state/identity/dev-credentials.json,
                         which the AppHost generates at first run)
          --stats        print what the city would hold, without loading it
        """);
    return 2;
}
var (options, endpoints, credentialsFile, statsOnly) = settings.Value;
Console.OutputEncoding = System.Text.Encoding.UTF8;

if (statsOnly)
{
    Report.Stats(options);
    return 0;
}

Console.WriteLine($"Loading the demo city (size {options.Size.ToString().ToLowerInvariant()}, seed {options.Seed}) through the departments' APIs:");
using var cancel = new CancellationTokenSource();
Console.CancelKeyPress += (_, e) => { e.Cancel = true; cancel.Cancel(); };
if (!File.Exists(credentialsFile))
{
    Console.Error.WriteLine($"No credentials at {credentialsFile}: start the platform (bash eng/run.sh) once, or name the file with --credentials.");
    return 2;
}
var loader = new Loader(endpoints, options, Credentials.Load(credentialsFile));
try
{
    var report = await loader.RunAsync(cancel.Token);
    await Report.PrintAsync(loader, report, endpoints, cancel.Token);
    return 0;
}
catch (Exception e) when (e is RefusedException or TimeoutException or HttpRequestException)
{
    Console.Error.WriteLine();
    Console.Error.WriteLine($"The load stopped: {e.Message}");
    Console.Error.WriteLine("Every request is safe to repeat: run the loader again to complete it.");
    return 1;
}
catch (OperationCanceledException) when (cancel.IsCancellationRequested)
{
    Console.Error.WriteLine();
    Console.Error.WriteLine("The load was stopped; run the loader again to complete it.");
    return 130;
}

internal static class Arguments
{
    public static (LoadOptions, Endpoints, string Credentials, bool StatsOnly)? Parse(string[] args)
    {
        var size = CitySize.Default;
        var seed = 2026;
        var parallel = 2;
        var stats = false;
        var credentials = Credentials.DefaultPath;
        var e = Endpoints.Local;
        for (var i = 0; i < args.Length; i++)
        {
            string Next() => i + 1 < args.Length ? args[++i] : "";
            switch (args[i])
            {
                case "--size" when Enum.TryParse<CitySize>(Next(), ignoreCase: true, out var s): size = s; break;
                case "--seed" when int.TryParse(Next(), out var n): seed = n; break;
                case "--parallel" when int.TryParse(Next(), out var n) && n > 0: parallel = n; break;
                case "--identity": e = e with { Identity = new Uri(Next()) }; break;
                case "--credentials": credentials = Next(); break;
                case "--funding": e = e with { Funding = new Uri(Next()) }; break;
                case "--facilities": e = e with { Facilities = new Uri(Next()) }; break;
                case "--staffing": e = e with { Staffing = new Uri(Next()) }; break;
                case "--welfare": e = e with { Welfare = new Uri(Next()) }; break;
                case "--inspection": e = e with { Inspection = new Uri(Next()) }; break;
                case "--stats": stats = true; break;
                default: return null;
            }
        }
        return (new LoadOptions(size, seed, parallel), e, credentials, stats);
    }
}

internal static class Report
{
    public static void Stats(LoadOptions options)
    {
        Console.WriteLine($"{"county",-8} {"name",-12} {"schools",8} {"students",9} {"classes",8} {"teachers",9} {"largest",8}  story");
        var totals = (Schools: 0, Students: 0, Classes: 0, Teachers: 0);
        foreach (var spec in Roster.CountiesOf(options.Size))
        {
            var c = Generator.County(spec, options.Seed, options.Size);
            var (schools, students, classes, teachers) = (c.Schools.Length, c.Students(Roster.Years[^1]), c.Years[^1].Classes.Length, c.Teachers.Length);
            totals = (totals.Schools + schools, totals.Students + students, totals.Classes + classes, totals.Teachers + teachers);
            var largest = c.EnrolmentHistory[^1].Rows.GroupBy(r => r.SchoolCode).Max(g => g.Sum(r => r.Students));
            Console.WriteLine($"{spec.Code,-8} {spec.Name,-12} {schools,8:N0} {students,9:N0} {classes,8:N0} {teachers,9:N0} {largest,8:N0}  {spec.Profile.Story}");
        }
        Console.WriteLine($"{"total",-21} {totals.Schools,8:N0} {totals.Students,9:N0} {totals.Classes,8:N0} {totals.Teachers,9:N0}  (school year {Roster.Years[^1]})");
    }

    public static async Task PrintAsync(Loader loader, LoadReport r, Endpoints endpoints, CancellationToken ct)
    {
        Console.WriteLine();
        Console.WriteLine($"The city: {r.Counties} counties, {r.Schools:N0} schools, {r.Students:N0} students, {r.Classes:N0} classes, {r.Teachers:N0} teachers.");
        if (!r.AlreadyLoaded)
        {
            Console.WriteLine($"Submitted in {r.Submit.TotalSeconds:0.0} s; inspection caught up {r.CatchUp.TotalSeconds:0.0} s later; " +
                              $"it consumed {r.EventsConsumed:N0} events at {r.EventsPerSecond:N0} events/s.");
            Console.WriteLine(r.Retries.Count == 0 ? "No request needed a retry."
                : "Requests sent again: " + string.Join(", ", r.Retries.OrderBy(x => x.Key).Select(x => $"{x.Key} × {x.Value}")));
        }
        var midTerm = await loader.EvaluationAsync(r.MidTerm, ct);
        var frozen = midTerm.GetProperty("counties").EnumerateArray().ToDictionary(c => c.GetProperty("countyCode").GetString()!,
            c => c.GetProperty("verdict").GetString()!);
        var final = await loader.RankingAsync(Roster.Years[^1], ct);
        Console.WriteLine();
        Console.WriteLine($"Scorecards ({final.GetProperty("standard").GetString()}), mid-term {Roster.Years[0]} (closed) and final {Roster.Years[^1]} (open):");
        foreach (var county in final.GetProperty("counties").EnumerateArray())
        {
            var code = county.GetProperty("countyCode").GetString()!;
            var failing = county.GetProperty("failing").EnumerateArray().Select(f => f.GetString()).ToArray();
            var vetoes = county.GetProperty("vetoes").EnumerateArray().Select(f => f.GetString()).ToArray();
            Console.WriteLine($"  {county.GetProperty("rank").GetInt32(),2}. {code} {county.GetProperty("countyName").GetString(),-6}" +
                              $"  mid-term {frozen.GetValueOrDefault(code, "-"),-8} final {county.GetProperty("verdict").GetString(),-8}" +
                              (failing.Length == 0 ? "" : $"  failing: {string.Join(" ", failing)}") +
                              (vetoes.Length == 0 ? "" : $"  veto: {string.Join(" ", vetoes)}"));
        }
        Console.WriteLine();
        Console.WriteLine($"City ranking:      {endpoints.Inspection}api/years/{Roster.Years[^1]}/scorecards");
        Console.WriteLine($"A county:          {endpoints.Inspection}api/counties/{Roster.CountiesOf(CitySize.Small)[0].Code}/years/{Roster.Years[^1]}/scorecard");
        Console.WriteLine($"Mid-term snapshot: {endpoints.Inspection}api/evaluations/{r.MidTerm}");
        Console.WriteLine($"Final (open):      {endpoints.Inspection}api/evaluations/{r.Final}  — close it: POST {endpoints.Inspection}api/evaluations/{r.Final}/close");
        Console.WriteLine($"Inspectors' page:  {endpoints.Inspection}");
    }
}
