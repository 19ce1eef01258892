using System.Net.Http.Json;
using System.Text.Json;
using EduPlatform.Contracts.StudentWelfare;
using EduPlatform.Inspection.Infrastructure;
using EduPlatform.Messaging;
using Microsoft.EntityFrameworkCore;

namespace EduPlatform.Inspection.Tests;

/// <summary>
/// A message whose consumer fails every retry is not invisible: /health turns Degraded and names the queue,
/// an administrator lists it and, once the cause is fixed, re-delivers it — applied once, nothing lost.
/// </summary>
public sealed class DeadLetterTests(InspectionFactory factory) : IClassFixture<InspectionFactory>, IAsyncLifetime
{
    private const string Queue = "inspection-api-county-welfare-reported";
    private EventCollector _bus = null!;
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync() => _bus = await EventCollector.StartAsync(factory.RabbitMqConnectionString);

    public ValueTask DisposeAsync() => _bus.DisposeAsync();

    [Fact]
    public async Task A_message_that_failed_every_retry_is_reported_listed_and_redelivered_once_the_cause_is_fixed()
    {
        using var admin = factory.CreateClient();
        await factory.AssertHealthyAsync(DeadLetters.HealthCheckName);
        var county = await RegistryAnnouncer.CountyWithSchoolsAsync<InspectionDbContext, InspectionDbContext>(factory, _bus);
        // The cause: the read model's table is away (a botched migration, say).
        await factory.QueryAsync<InspectionDbContext, int>(db => db.Database.ExecuteSqlRawAsync("ALTER TABLE county_welfare RENAME TO county_welfare_away", Ct));
        var message = new CountyWelfareReported(county, 2026, 1, 100, 90, 5, 10, 8, 1, 1, 0, 50, 50, 30, 30, DateTimeOffset.UtcNow);
        await _bus.PublishAsync(message);

        JsonElement health = default;
        await Poll.UntilAsync(async () =>
        {
            health = await admin.GetFromJsonAsync<JsonElement>("/health", Ct);
            return health.GetProperty("status").GetString() == "Degraded";
        }, TimeSpan.FromSeconds(90), "/health never turned Degraded with a message in an _error queue");
        Assert.Contains($"{Queue}_error (1)", health.GetProperty("checks").GetProperty(DeadLetters.HealthCheckName).GetProperty("description").GetString());

        var listed = await admin.GetFromJsonAsync<DeadLetters.QueueDeadLetters[]>("/api/dead-letters", Ct);
        var waiting = Assert.Single(listed!);
        Assert.Equal((Queue, 1L), (waiting.Queue, waiting.Waiting));
        var letter = Assert.Single(waiting.First);
        Assert.Equal("CountyWelfareReported", letter.MessageType);
        Assert.Contains("county_welfare", letter.Reason);
        // The on-call engineer's log line: which message, which queue, which event type, in which trace; not the
        // exception's text, which can quote the data.
        var logged = Assert.Single(factory.Errors.Lines, l => l.Contains("EduPlatform.Messaging.ConsumerFaults", StringComparison.Ordinal));
        Assert.Contains($"Message {letter.MessageId} (CountyWelfareReported)", logged);
        Assert.Contains($"waits in {Queue}_error: Npgsql.PostgresException", logged);
        Assert.Contains("[trace ", logged);
        Assert.DoesNotContain("relation", logged);
        using (var refused = factory.CreateClient(TestTokens.Issue("inspection", roles: ["inspector"])))
        {
            Assert.Equal(System.Net.HttpStatusCode.Forbidden, (await refused.PostAsync($"/api/dead-letters/{Queue}/redeliver", null, Ct)).StatusCode);
        }

        // The cause fixed, the message is moved back and consumed: once.
        await factory.QueryAsync<InspectionDbContext, int>(db => db.Database.ExecuteSqlRawAsync("ALTER TABLE county_welfare_away RENAME TO county_welfare", Ct));
        var outcome = await (await admin.PostAsync($"/api/dead-letters/{Queue}/redeliver", null, Ct)).Content.ReadFromJsonAsync<DeadLetterApi.RedeliveryOutcome>(Ct);
        Assert.Equal(1, outcome!.Redelivered);
        await Poll.UntilAsync(() => factory.QueryAsync<InspectionDbContext, bool>(db => db.CountyWelfare.AnyAsync(w => w.CountyCode == county && w.MigrantPlaced == 95, Ct)),
            TimeSpan.FromSeconds(30), "the re-delivered message was not applied");
        Assert.Equal(1, await factory.QueryAsync<InspectionDbContext, int>(db => db.Database
            .SqlQuery<int>($"SELECT count(*)::int AS \"Value\" FROM inbox_messages WHERE message_id = {letter.MessageId}").SingleAsync(Ct)));
        await factory.AssertHealthyAsync(DeadLetters.HealthCheckName);
        Assert.Equal("Unknown queue", (await (await admin.PostAsync("/api/dead-letters/no-such-queue/redeliver", null, Ct))
            .Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("title").GetString());
    }
}
