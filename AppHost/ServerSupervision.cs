using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace EduPlatform.AppHost;

/// <summary>
/// Shows a local server's crash and comeback in the dashboard. eng/infra/supervise.sh restarts the
/// server itself (so the resource never turns "Exited", which would leave every service restarted from
/// the dashboard waiting on it); this reads the supervisor's "ended … starting it again" line, marks the
/// resource "Restarting" (services that wait for it wait, as they should), and marks it "Running" again
/// once the server answers its probe.
/// </summary>
internal sealed class ServerSupervision(
    IReadOnlyList<(IResource Server, Func<CancellationToken, Task> Probe)> servers,
    ResourceLoggerService logs,
    ResourceNotificationService notifications,
    ILogger<ServerSupervision> logger) : BackgroundService
{
    public const string Restarting = "Restarting";
    private const string EndedLine = "supervise.sh: ";

    protected override Task ExecuteAsync(CancellationToken stoppingToken) =>
        Task.WhenAll(servers.Select(s => WatchAsync(s.Server, s.Probe, stoppingToken)));

    private async Task WatchAsync(IResource server, Func<CancellationToken, Task> probe, CancellationToken ct)
    {
        try
        {
            await foreach (var batch in logs.WatchAsync(server).WithCancellation(ct))
            {
                if (batch.Any(line => line.Content.Contains(EndedLine, StringComparison.Ordinal)))
                {
                    await SetStateAsync(server, KnownResourceStates.Running, new(Restarting, KnownResourceStateStyles.Warn));
                    logger.LogWarning("{Server} ended unexpectedly; its supervisor is starting it again", server.Name);
                    await AwaitAnswerAsync(probe, ct);
                    await SetStateAsync(server, Restarting, new(KnownResourceStates.Running, KnownResourceStateStyles.Success));
                    logger.LogInformation("{Server} answers again", server.Name);
                }
            }
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
        }
    }

    /// <summary>Changes the state only from <paramref name="from"/>: a stop from the dashboard meanwhile wins.</summary>
    private Task SetStateAsync(IResource server, string from, ResourceStateSnapshot to) =>
        notifications.PublishUpdateAsync(server, s => s.State?.Text == from ? s with { State = to } : s);

    private static async Task AwaitAnswerAsync(Func<CancellationToken, Task> probe, CancellationToken ct)
    {
        while (true)
        {
            try
            {
                using var attempt = CancellationTokenSource.CreateLinkedTokenSource(ct);
                attempt.CancelAfter(TimeSpan.FromSeconds(5));
                await probe(attempt.Token);
                return;
            }
            catch (Exception) when (!ct.IsCancellationRequested)
            {
                await Task.Delay(TimeSpan.FromSeconds(1), ct);
            }
        }
    }
}
