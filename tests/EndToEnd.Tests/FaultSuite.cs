using System.Diagnostics;
using System.Globalization;
using System.Text;
using Aspire.Hosting;
using Aspire.Hosting.ApplicationModel;
using Aspire.Hosting.Testing;
using EduPlatform.DemoCity;
using EduPlatform.Kernel;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace EduPlatform.EndToEnd.Tests;

/// <summary>What one fault did to a steady load of department writes.</summary>
/// <param name="Accepted">The writer's requests the service answered with a success while the fault's window lasted.</param>
/// <param name="Published">The outbox rows those writes made (each school's classes are one event) that reached RabbitMQ.</param>
/// <param name="Consumed">The same rows found in inspection's consumed-event log.</param>
/// <param name="Lost">Rows never consumed (published or not) by the end of the suite.</param>
/// <param name="Doubled">Rows applied more than once by inspection (more than one consumed-event row).</param>
/// <param name="SecondsToConverge">From the fault's end until inspection had consumed every row made before it.</param>
/// <param name="ScorecardsEqual">The county's scorecard, once the writer paused and inspection caught up, equals the one a run
/// without faults gave for the same data.</param>
public sealed record FaultOutcome(string Fault, int Accepted, int Published, int Consumed, int Lost, int Doubled, double SecondsToConverge,
    bool ScorecardsEqual);

/// <summary>
/// The platform under faults (issue 21): a writer keeps putting one county's classes to facilities (a dozen schools' first
/// class of 70 pupils, then as they were: a dozen events per request), and during it, one fault at a time, RabbitMQ is killed (-9), a facilities and an inspection instance are killed (-9) while a write is in flight and
/// started again, PostgreSQL is restarted, Redis is stopped for 30 s and the broker frozen (SIGSTOP) for 20 s. Each fault's
/// window runs from the end of the previous fault's convergence to its own; its rows are counted in the facilities outbox
/// and in inspection's consumed-event log by message id. The servers are the AppHost's local ones (eng/infra/supervise.sh
/// starts a killed server again, as in production a process manager would).
/// </summary>
internal sealed class FaultSuite(DistributedApplication app, TokenSource facilitiesSystem, TokenSource inspector,
    (int Postgres, int RabbitMq, int Redis) ports, string county, int year)
{
    private static readonly TimeSpan Converge = TimeSpan.FromMinutes(3);
    private int accepted, lastVariant, inFlight;
    private readonly Dictionary<int, string> reference = [];

    public static int Passes => Environment.GetEnvironmentVariable("EDUPLATFORM_FAULTS") == "long" ? 3 : 1;

    public async Task<IReadOnlyList<FaultOutcome>> RunAsync(int passes, CancellationToken ct)
    {
        using var facilitiesHttp = new HttpClient(new BearerHandler(facilitiesSystem) { InnerHandler = new SocketsHttpHandler() })
        {
            BaseAddress = app.GetEndpoint(ResourceNames.Facilities, "http"), Timeout = TimeSpan.FromSeconds(30),
        };
        var facilities = new ServiceClient(ResourceNames.Facilities, facilitiesHttp);
        using var inspection = new HttpClient(new BearerHandler(inspector) { InnerHandler = new SocketsHttpHandler() })
        {
            BaseAddress = app.GetEndpoint(ResourceNames.Inspection, "http"),
        };
        await using var facilitiesDb = NpgsqlDataSource.Create(await app.GetConnectionStringAsync(ResourceNames.FacilitiesDb, ct) ?? throw new InvalidOperationException("no facilities database"));
        await using var inspectionDb = NpgsqlDataSource.Create(await app.GetConnectionStringAsync(ResourceNames.InspectionDb, ct) ?? throw new InvalidOperationException("no inspection database"));
        var classes = await ClassesAsync(facilities, ct);
        var scorecard = $"/api/counties/{county}/years/{year}/scorecard";

        // The scorecards a run without faults gives for each of the two states the writer alternates between.
        // Each is read once the refresher has taken every change in, not merely once something changed: a scorecard cached
        // while the write's dozen events were still being applied shows part of it (CI caught such a reference once).
        reference[0] = await SettledScorecardAsync(inspection, inspectionDb, scorecard, ct);
        var since = await NowAsync(facilitiesDb, ct);
        await WriteAsync(facilities, classes, 1, ct);
        await ConvergedAsync(facilitiesDb, inspectionDb, since, await NowAsync(facilitiesDb, ct), ct);
        await Poll(async () => (reference[1] = await SettledScorecardAsync(inspection, inspectionDb, scorecard, ct)) != reference[0],
            "the scorecard never showed the writer's change");

        Func<CancellationToken, Task>[] faults =
        [
            KillRabbitMqAsync, c => KillInstanceAsync(ResourceNames.Facilities, c), c => KillInstanceAsync(ResourceNames.Inspection, c),
            RestartPostgresAsync, StopRedisAsync, FreezeRabbitMqAsync,
        ];
        string[] names =
        [
            "RabbitMQ killed (-9), started again", "facilities instance killed (-9) mid-write, started again",
            "inspection instance killed (-9) mid-batch, started again", "PostgreSQL restarted (fast shutdown)", "Redis stopped 30 s",
            "RabbitMQ frozen (SIGSTOP) 20 s",
        ];
        var windows = new List<(string Name, DateTimeOffset From, DateTimeOffset FaultEnd, DateTimeOffset To, int Accepted, bool Equal)>();
        for (var pass = 0; pass < passes; pass++)
        {
            for (var f = 0; f < faults.Length; f++)
            {
                var from = await NowAsync(facilitiesDb, ct);
                var acceptedBefore = Volatile.Read(ref accepted);
                using var stop = CancellationTokenSource.CreateLinkedTokenSource(ct);
                var writer = Task.Run(() => KeepWritingAsync(facilities, classes, stop.Token), ct);
                await Task.Delay(TimeSpan.FromSeconds(5), ct);
                await faults[f](ct);
                var faultEnd = await NowAsync(facilitiesDb, ct);
                await ConvergedAsync(facilitiesDb, inspectionDb, from, faultEnd, ct);
                var to = await NowAsync(facilitiesDb, ct);
                await stop.CancelAsync();
                await writer;
                // Paused: once inspection has every event, the scorecard is the one the last accepted state gives without faults.
                await ConvergedAsync(facilitiesDb, inspectionDb, from, await NowAsync(facilitiesDb, ct), ct);
                var expected = reference[lastVariant];
                var equal = await EventuallyAsync(async () => await inspection.GetStringAsync(scorecard, ct) == expected, TimeSpan.FromSeconds(30), ct);
                windows.Add((names[f], from, faultEnd, to, Volatile.Read(ref accepted) - acceptedBefore, equal));
            }
        }
        // The county's classes as they were: the scorecards compare with a single replica's load of the city afterwards.
        var restored = await NowAsync(facilitiesDb, ct);
        await WriteAsync(facilities, classes, 0, ct);
        await ConvergedAsync(facilitiesDb, inspectionDb, since, await NowAsync(facilitiesDb, ct), ct);

        var outcomes = new List<FaultOutcome>();
        for (var i = 0; i < windows.Count; i++)
        {
            var w = windows[i];
            var until = i + 1 < windows.Count ? windows[i + 1].From : restored;
            var rows = await RowsAsync(facilitiesDb, inspectionDb, w.From, until, ct);
            outcomes.Add(new FaultOutcome(w.Name, w.Accepted, rows.Count(r => r.Sent), rows.Count(r => r.Consumed > 0), rows.Count(r => r.Consumed == 0),
                rows.Count(r => r.Consumed > 1), Math.Round((w.To - w.FaultEnd).TotalSeconds, 1), w.Equal));
        }
        return outcomes;
    }

    public static string Table(IReadOnlyList<FaultOutcome> outcomes)
    {
        var text = new StringBuilder("| fault | accepted | published | consumed | lost | doubled | s to converge | scorecards equal |\n|---|---|---|---|---|---|---|---|\n");
        foreach (var o in outcomes)
        {
            text.AppendLine(CultureInfo.InvariantCulture, $"| {o.Fault} | {o.Accepted} | {o.Published} | {o.Consumed} | {o.Lost} | {o.Doubled} | {o.SecondsToConverge:0.0} | {(o.ScorecardsEqual ? "yes" : "NO")} |");
        }
        return text.ToString();
    }

    private sealed record ClassRow(string SchoolCode, int Grade, int Number, int Students);

    /// <summary>The county's classes at a dozen schools, as facilities has them.</summary>
    private async Task<ClassRow[]> ClassesAsync(ServiceClient facilities, CancellationToken ct)
    {
        var schools = await facilities.GetAsync($"/api/schools?county={county}", ct);
        var rows = new List<ClassRow>();
        foreach (var school in schools.EnumerateArray().Select(s => s.GetProperty("code").GetString()!).Take(12))
        {
            var schoolYear = await facilities.GetAsync($"/api/schools/{school}/years/{year}", ct);
            rows.AddRange(schoolYear.GetProperty("classes").EnumerateArray().Select(c => new ClassRow(school, c.GetProperty("grade").GetInt32(),
                c.GetProperty("number").GetInt32(), c.GetProperty("students").GetInt32())));
        }
        return rows.Count > 0 ? [.. rows] : throw new InvalidOperationException($"county {county} has no classes in {year}");
    }

    /// <summary>Puts the county's classes as they were (variant 0), or with each school's first class of 70 (variant 1: the scorecard shows it).</summary>
    private async Task WriteAsync(ServiceClient facilities, ClassRow[] classes, int variant, CancellationToken ct)
    {
        var rows = classes.Select((c, i) => variant == 1 && (i == 0 || classes[i - 1].SchoolCode != c.SchoolCode) ? c with { Students = 70 } : c);
        Interlocked.Increment(ref inFlight);
        try
        {
            await facilities.PutAsync($"/api/counties/{county}/years/{year}/classes", rows.ToArray(), ct);
        }
        finally
        {
            Interlocked.Decrement(ref inFlight);
        }
        lastVariant = variant;
        Interlocked.Increment(ref accepted);
    }

    /// <summary>Alternates the two states until stopped; a write started is finished (retried through the fault) first.</summary>
    private async Task KeepWritingAsync(ServiceClient facilities, ClassRow[] classes, CancellationToken stop)
    {
        while (!stop.IsCancellationRequested)
        {
            await WriteAsync(facilities, classes, 1 - lastVariant, CancellationToken.None);
            await Task.Delay(200, CancellationToken.None);
        }
    }

    private async Task KillRabbitMqAsync(CancellationToken ct)
    {
        var pid = LocalProcesses.Listening(ports.RabbitMq);
        Process.GetProcessById(pid).Kill();
        await ListeningAgainAsync(ports.RabbitMq, pid, ct);
    }

    private async Task RestartPostgresAsync(CancellationToken ct)
    {
        var pid = LocalProcesses.Listening(ports.Postgres);
        LocalProcesses.Signal(pid, "INT"); // PostgreSQL's fast shutdown; supervise.sh starts it again
        await ListeningAgainAsync(ports.Postgres, pid, ct);
    }

    /// <summary>Redis down for 30 s: its supervisor is paused so it does not start Redis again at once.</summary>
    private async Task StopRedisAsync(CancellationToken ct)
    {
        var pid = LocalProcesses.Listening(ports.Redis);
        var supervisor = LocalProcesses.Parent(pid);
        if (!File.ReadAllText($"/proc/{supervisor}/cmdline").Contains("supervise.sh", StringComparison.Ordinal))
        {
            throw new InvalidOperationException($"Redis ({pid}) is not run by supervise.sh");
        }
        LocalProcesses.Signal(supervisor, "STOP");
        try
        {
            LocalProcesses.Signal(pid, "TERM");
            await Task.Delay(TimeSpan.FromSeconds(30), ct);
        }
        finally
        {
            LocalProcesses.Signal(supervisor, "CONT");
        }
        await ListeningAgainAsync(ports.Redis, pid, ct);
    }

    private async Task FreezeRabbitMqAsync(CancellationToken ct)
    {
        var pid = LocalProcesses.Listening(ports.RabbitMq);
        LocalProcesses.Signal(pid, "STOP");
        try
        {
            await Task.Delay(TimeSpan.FromSeconds(20), ct);
        }
        finally
        {
            LocalProcesses.Signal(pid, "CONT");
        }
    }

    /// <summary>Kills one instance of <paramref name="service"/> while a write is in flight, then starts it again from the AppHost.</summary>
    private async Task KillInstanceAsync(string service, CancellationToken ct)
    {
        var instance = await FirstInstanceAsync(service, ct);
        var pid = Pid(instance) ?? throw new InvalidOperationException($"{instance} has no process id");
        // The AppHost runs each instance as `dotnet run`, whose child is the service itself: that process is the one killed.
        var process = LocalProcesses.Children(pid).DefaultIfEmpty(pid).Single();
        await Poll(() => Task.FromResult(Volatile.Read(ref inFlight) > 0), "no write was in flight");
        Process.GetProcessById(process).Kill();
        await Poll(() => Task.FromResult(!LocalProcesses.Alive(pid) && app.ResourceNotifications.TryGetCurrentState(instance, out var e)
            && e.Snapshot.State?.Text is not null && e.Snapshot.State.Text != KnownResourceStates.Running), $"{instance} was not seen to stop");
        var commands = app.Services.GetRequiredService<ResourceCommandService>();
        var started = await commands.ExecuteCommandAsync(instance, KnownResourceCommands.StartCommand, ct);
        if (!started.Success)
        {
            throw new InvalidOperationException($"{instance} did not start again: {started.Message}");
        }
        await Poll(() => Task.FromResult(app.ResourceNotifications.TryGetCurrentState(instance, out var e)
            && e.Snapshot.State?.Text == KnownResourceStates.Running && e.Snapshot.HealthStatus == Microsoft.Extensions.Diagnostics.HealthChecks.HealthStatus.Healthy
            && Pid(instance) is { } again && again != pid), $"{instance} did not become healthy again");
    }

    /// <summary>The resource id of one of <paramref name="service"/>'s replicas (the notifications start with every resource's current state).</summary>
    private async Task<string> FirstInstanceAsync(string service, CancellationToken ct)
    {
        using var enough = CancellationTokenSource.CreateLinkedTokenSource(ct);
        enough.CancelAfter(TimeSpan.FromSeconds(30));
        await foreach (var e in app.ResourceNotifications.WatchAsync(enough.Token))
        {
            if (e.Resource.Name == service && e.Snapshot.State?.Text == KnownResourceStates.Running && Pid(e.ResourceId) is not null)
            {
                return e.ResourceId;
            }
        }
        throw new InvalidOperationException($"no running instance of {service}");
    }

    private int? Pid(string instance) =>
        app.ResourceNotifications.TryGetCurrentState(instance, out var e)
        && e.Snapshot.Properties.FirstOrDefault(p => p.Name == "executable.pid")?.Value is { } value
        && int.TryParse(Convert.ToString(value, CultureInfo.InvariantCulture), out var pid) ? pid : null;

    private static Task ListeningAgainAsync(int port, int before, CancellationToken ct) =>
        Poll(() => Task.FromResult(LocalProcesses.Listening(port) is var now && now > 0 && now != before), $"nothing listened on {port} again");

    /// <summary>
    /// The county's scorecard once inspection's refresher has taken in every change it applied (no row of the county left in
    /// <c>county_changes</c>: the cache was invalidated after the last event), read twice alike.
    /// </summary>
    private async Task<string> SettledScorecardAsync(HttpClient inspection, NpgsqlDataSource inspectionDb, string scorecard, CancellationToken ct)
    {
        await Poll(async () =>
        {
            await using var pending = inspectionDb.CreateCommand("SELECT count(*) FROM county_changes WHERE county_code = $1");
            pending.Parameters.Add(new NpgsqlParameter { Value = county });
            return (long)(await pending.ExecuteScalarAsync(ct))! == 0;
        }, $"inspection's refresher never took county {county}'s changes in");
        string first, second;
        do
        {
            first = await inspection.GetStringAsync(scorecard, ct);
            await Task.Delay(500, ct);
            second = await inspection.GetStringAsync(scorecard, ct);
        }
        while (first != second);
        return second;
    }

    private static async Task Poll(Func<Task<bool>> condition, string failure)
    {
        if (!await EventuallyAsync(condition, TimeSpan.FromMinutes(2), CancellationToken.None))
        {
            throw new TimeoutException(failure);
        }
    }

    private static async Task<bool> EventuallyAsync(Func<Task<bool>> condition, TimeSpan timeout, CancellationToken ct)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (true)
        {
            try
            {
                if (await condition())
                {
                    return true;
                }
            }
            catch (HttpRequestException)
            {
                // a service still coming back
            }
            if (DateTime.UtcNow > deadline)
            {
                return false;
            }
            await Task.Delay(250, ct);
        }
    }

    private static async Task<DateTimeOffset> NowAsync(NpgsqlDataSource db, CancellationToken ct) =>
        await EventuallyDbAsync(async () =>
        {
            await using var now = db.CreateCommand("SELECT clock_timestamp()");
            return (DateTimeOffset)(DateTime)(await now.ExecuteScalarAsync(ct))!;
        });

    /// <summary>Waits until inspection has consumed every facilities outbox row made in [<paramref name="from"/>, <paramref name="until"/>).</summary>
    private static async Task ConvergedAsync(NpgsqlDataSource facilities, NpgsqlDataSource inspection, DateTimeOffset from, DateTimeOffset until,
        CancellationToken ct)
    {
        var deadline = DateTime.UtcNow + Converge;
        while ((await RowsAsync(facilities, inspection, from, until, ct)).Any(r => r.Consumed == 0))
        {
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"inspection did not consume facilities' events made from {from:O} to {until:O} within {Converge}");
            }
            await Task.Delay(250, ct);
        }
    }

    private sealed record Row(Guid Id, bool Sent, long Consumed);

    /// <summary>Facilities' outbox rows made in the window, and how often inspection's log has each.</summary>
    private static async Task<List<Row>> RowsAsync(NpgsqlDataSource facilities, NpgsqlDataSource inspection, DateTimeOffset from, DateTimeOffset until,
        CancellationToken ct) => await EventuallyDbAsync(async () =>
    {
        var rows = new List<(Guid Id, bool Sent)>();
        await using (var outbox = facilities.CreateCommand(
            "SELECT id, sent_at IS NOT NULL FROM outbox_messages WHERE created_at >= $1 AND created_at < $2 AND message_type LIKE '%.ClassesReported,%'"))
        {
            outbox.Parameters.Add(new NpgsqlParameter { Value = from });
            outbox.Parameters.Add(new NpgsqlParameter { Value = until });
            await using var reader = await outbox.ExecuteReaderAsync(ct);
            while (await reader.ReadAsync(ct))
            {
                rows.Add((reader.GetGuid(0), reader.GetBoolean(1)));
            }
        }
        var consumed = new Dictionary<Guid, long>();
        await using (var log = inspection.CreateCommand("SELECT message_id, count(*) FROM consumed_events WHERE message_id = ANY($1) GROUP BY message_id"))
        {
            log.Parameters.Add(new NpgsqlParameter { Value = rows.Select(r => r.Id).ToArray() });
            await using var reader = await log.ExecuteReaderAsync(ct);
            while (await reader.ReadAsync(ct))
            {
                consumed[reader.GetGuid(0)] = reader.GetInt64(1);
            }
        }
        return rows.Select(r => new Row(r.Id, r.Sent, consumed.GetValueOrDefault(r.Id))).ToList();
    });

    /// <summary>The suite's own queries wait out PostgreSQL's restart like the services do.</summary>
    private static async Task<T> EventuallyDbAsync<T>(Func<Task<T>> query)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return await query();
            }
            catch (NpgsqlException) when (attempt < 60)
            {
                await Task.Delay(1000);
            }
        }
    }
}

/// <summary>The machine's processes, from /proc: who listens on a port, whose child a process is, and signals.</summary>
internal static class LocalProcesses
{
    /// <summary>The process listening on 127.0.0.1:<paramref name="port"/> (its socket's inode, then whose descriptor it is), or 0.</summary>
    public static int Listening(int port)
    {
        var inode = File.ReadLines("/proc/net/tcp").Skip(1).Select(l => l.Split(' ', StringSplitOptions.RemoveEmptyEntries))
            .Where(f => f[3] == "0A" && Convert.ToInt32(f[1].Split(':')[1], 16) == port).Select(f => f[9]).FirstOrDefault();
        if (inode is null)
        {
            return 0;
        }
        foreach (var process in Directory.EnumerateDirectories("/proc").Where(d => int.TryParse(Path.GetFileName(d), out _)))
        {
            try
            {
                if (Directory.EnumerateFileSystemEntries(Path.Combine(process, "fd"))
                    .Any(fd => new FileInfo(fd).LinkTarget == $"socket:[{inode}]"))
                {
                    return int.Parse(Path.GetFileName(process), CultureInfo.InvariantCulture);
                }
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                // the process ended meanwhile
            }
        }
        return 0;
    }

    public static int Parent(int pid) =>
        int.Parse(File.ReadAllText($"/proc/{pid}/stat").Split(')')[^1].Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture);

    public static IEnumerable<int> Children(int pid) =>
        Directory.EnumerateDirectories("/proc").Select(d => int.TryParse(Path.GetFileName(d), out var child) ? child : 0)
            .Where(child => child > 0 && Alive(child) && ParentOrZero(child) == pid).ToList();

    private static int ParentOrZero(int pid)
    {
        try
        {
            return Parent(pid);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return 0;
        }
    }

    public static bool Alive(int pid)
    {
        try
        {
            return !File.ReadAllText($"/proc/{pid}/stat").Split(')')[^1].TrimStart().StartsWith('Z');
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return false;
        }
    }

    public static void Signal(int pid, string signal)
    {
        using var kill = Process.Start("kill", ["-" + signal, pid.ToString(CultureInfo.InvariantCulture)]);
        kill.WaitForExit();
        if (kill.ExitCode != 0)
        {
            throw new InvalidOperationException($"kill -{signal} {pid} failed");
        }
    }
}
