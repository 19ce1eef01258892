using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace EduPlatform.ServiceDefaults;

/// <summary>
/// Drops the process's pooled database connections the moment the server closes its sessions (a restart, a crash, a
/// failover). Npgsql hands out an idle pooled connection without touching it, so after a restart the first command on
/// each pool met a dead socket and failed its request with a 500 (only that failure made Npgsql clear the pool); the
/// health check connects unpooled and saw nothing. This holds one session of its own, idle in a read: when the server
/// ends it, every pool of the process (EF's and the hand-written reads') is cleared, before anyone can be handed a dead
/// connection. It then connects again, with a growing pause, to be ready for the next loss.
/// </summary>
internal sealed partial class DatabaseWatch(string connectionString, ILogger<DatabaseWatch> logger) : BackgroundService
{
    public const string ApplicationName = "eduplatform-database-watch";

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var watch = new NpgsqlConnectionStringBuilder(connectionString) { Pooling = false, ApplicationName = ApplicationName }.ConnectionString;
        var pause = TimeSpan.FromSeconds(1);
        var lost = false;
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await using var connection = new NpgsqlConnection(watch);
                await connection.OpenAsync(stoppingToken);
                if (lost)
                {
                    LogBack();
                    lost = false;
                }
                pause = TimeSpan.FromSeconds(1);
                while (true)
                {
                    await connection.WaitAsync(stoppingToken); // returns only for a notification; none is asked for
                }
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex)
            {
                NpgsqlConnection.ClearAllPools();
                if (!lost)
                {
                    LogLost(ex.Message);
                    lost = true;
                }
            }
            try
            {
                await Task.Delay(pause, stoppingToken);
            }
            catch (OperationCanceledException)
            {
                return;
            }
            pause = TimeSpan.FromTicks(Math.Min(pause.Ticks * 2, TimeSpan.FromSeconds(10).Ticks));
        }
    }

    [LoggerMessage(LogLevel.Warning, "The database closed this service's sessions or cannot be reached; pooled connections were dropped: {Reason}")]
    private partial void LogLost(string reason);

    [LoggerMessage(LogLevel.Information, "The database answers again")]
    private partial void LogBack();
}
