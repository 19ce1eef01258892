using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Runtime.InteropServices;

namespace EduPlatform.Testing;

/// <summary>
/// One of the machine's servers (PostgreSQL, RabbitMQ, Redis) run through the same eng/infra script
/// the AppHost uses, on a port of its own, with its data in a folder of its own.
/// </summary>
public sealed partial class LocalServer : IAsyncDisposable
{
    private readonly string _script;
    private readonly string _dataDirectory;
    private readonly int _stopSignal;
    private readonly Func<CancellationToken, Task> _probe;
    private Process? _process;

    private LocalServer(string script, string dataDirectory, int port, int stopSignal, Func<CancellationToken, Task> probe)
    {
        _script = script;
        _dataDirectory = dataDirectory;
        Port = port;
        _stopSignal = stopSignal;
        _probe = probe;
    }

    public int Port { get; }

    private string LogFile => _dataDirectory + ".log";

    // PostgreSQL: SIGINT is its "fast" shutdown (SIGTERM would wait for every pooled client to leave).
    public static LocalServer Postgres(string dataDirectory, int port, Func<CancellationToken, Task> probe) =>
        new("postgres.sh", dataDirectory, port, Signals.Interrupt, probe);

    public static LocalServer RabbitMq(string dataDirectory, int port, Func<CancellationToken, Task> probe) =>
        new("rabbitmq.sh", dataDirectory, port, Signals.Terminate, probe);

    public static LocalServer Redis(string dataDirectory, int port, Func<CancellationToken, Task> probe) =>
        new("redis.sh", dataDirectory, port, Signals.Terminate, probe);

    public bool IsRunning => _process is { HasExited: false };

    /// <summary>Starts the server and returns once it answers its probe.</summary>
    public async Task StartAsync(CancellationToken ct = default)
    {
        if (IsRunning)
        {
            return;
        }
        var script = Path.Combine(RepositoryRoot.Path, "eng", "infra", _script);
        var start = new ProcessStartInfo("bash", [script, _dataDirectory, Port.ToString()])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        var log = new StreamWriter(LogFile, append: true) { AutoFlush = true };
        _process = Process.Start(start) ?? throw new InvalidOperationException($"Could not start {_script}");
        _process.OutputDataReceived += (_, e) => Write(log, e.Data);
        _process.ErrorDataReceived += (_, e) => Write(log, e.Data);
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();

        var deadline = Stopwatch.StartNew();
        Exception? last = null;
        while (deadline.Elapsed < TimeSpan.FromSeconds(90))
        {
            if (_process.HasExited)
            {
                throw new InvalidOperationException($"{_script} exited with {_process.ExitCode}:\n{Tail()}");
            }
            try
            {
                using var attempt = CancellationTokenSource.CreateLinkedTokenSource(ct);
                attempt.CancelAfter(TimeSpan.FromSeconds(5));
                await _probe(attempt.Token);
                return;
            }
            catch (Exception ex) when (!ct.IsCancellationRequested)
            {
                last = ex;
                await Task.Delay(250, ct);
            }
        }
        throw new TimeoutException($"{_script} on port {Port} did not answer within 90 s: {last?.Message}\n{Tail()}");
    }

    /// <summary>Stops the server the way an operator would (a signal, then waiting), killing it only if it hangs.</summary>
    public async Task StopAsync()
    {
        if (_process is null)
        {
            return;
        }
        if (!_process.HasExited)
        {
            _ = Signals.Send(_process.Id, _stopSignal);
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
            try
            {
                await _process.WaitForExitAsync(timeout.Token);
            }
            catch (OperationCanceledException)
            {
                _process.Kill(entireProcessTree: true);
                await _process.WaitForExitAsync();
            }
        }
        _process.Dispose();
        _process = null;
    }

    public ValueTask DisposeAsync() => new(StopAsync());

    private static void Write(StreamWriter log, string? line)
    {
        if (line is null)
        {
            return;
        }
        lock (log)
        {
            log.WriteLine(line);
        }
    }

    private string Tail()
    {
        try
        {
            return string.Join('\n', File.ReadLines(LogFile).TakeLast(30));
        }
        catch (IOException)
        {
            return "(no log)";
        }
    }

    /// <summary>
    /// A free run of <paramref name="consecutive"/> loopback ports (RabbitMQ uses port to port+3), taken
    /// below Linux's ephemeral range (32768+): a port from that range, freed while a broker restarts, can
    /// be taken meanwhile by any outgoing connection's local end, and the broker then fails to start.
    /// </summary>
    public static int FreePort(int consecutive = 1)
    {
        for (var attempt = 0; attempt < 200; attempt++)
        {
            var port = Random.Shared.Next(20000, 32768 - consecutive);
            if (Enumerable.Range(port, consecutive).All(IsFree))
            {
                return port;
            }
        }
        throw new InvalidOperationException("No free port range found");
    }

    private static bool IsFree(int port)
    {
        try
        {
            using var listener = new TcpListener(IPAddress.Loopback, port);
            listener.Start();
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }

    private static partial class Signals
    {
        public const int Interrupt = 2;
        public const int Terminate = 15;

        [LibraryImport("libc", EntryPoint = "kill", SetLastError = true)]
        private static partial int Kill(int pid, int signal);

        public static bool Send(int pid, int signal) => Kill(pid, signal) == 0;
    }
}

public static class RepositoryRoot
{
    /// <summary>The folder holding EduPlatform.sln, found upwards from the test binaries.</summary>
    public static string Path { get; } = Find();

    private static string Find()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(System.IO.Path.Combine(dir.FullName, "EduPlatform.sln")))
            {
                return dir.FullName;
            }
        }
        throw new InvalidOperationException("EduPlatform.sln not found above " + AppContext.BaseDirectory);
    }
}
