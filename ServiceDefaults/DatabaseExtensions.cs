using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace EduPlatform.ServiceDefaults;

public static class DatabaseExtensions
{
    /// <summary>
    /// Registers the service's own PostgreSQL database: its DbContext, a readiness check, and the
    /// migrations applied before the service takes requests.
    /// </summary>
    public static IHostApplicationBuilder AddServiceDatabase<TContext>(this IHostApplicationBuilder builder, string connectionName)
        where TContext : DbContext
    {
        var connectionString = builder.Configuration.GetConnectionString(connectionName)
            ?? throw new InvalidOperationException(
                $"Connection string 'ConnectionStrings:{connectionName}' is missing. Run the service from the AppHost, " +
                $"or set ConnectionStrings__{connectionName} (see README, 'Run one service alone').");

        builder.Services.AddDbContext<TContext>(options => options
            .UseNpgsql(connectionString)
            // snake_case tables and columns, so people can query with psql without quoting
            .UseSnakeCaseNamingConvention()
            // Every accepted write's audit entry, in the write's own transaction.
            .AddInterceptors(Access.AuditInterceptor.Instance));
        builder.Services.AddHealthChecks().AddDbContextCheck<TContext>(connectionName);
        builder.Services.AddHostedService<MigrateDatabase<TContext>>();
        return builder;
    }
}

/// <summary>
/// Applies pending migrations at start-up. Hosted services start before the web server listens,
/// so no request meets an old schema. EF takes its migration lock, so several instances may start
/// together; creating the database itself can still race, which the retry absorbs.
/// </summary>
internal sealed class MigrateDatabase<TContext>(IServiceProvider services, ILogger<MigrateDatabase<TContext>> logger)
    : IHostedService where TContext : DbContext
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await using var scope = services.CreateAsyncScope();
                var db = scope.ServiceProvider.GetRequiredService<TContext>();
                await db.Database.MigrateAsync(cancellationToken);
                logger.LogInformation("Database of {Context} is up to date", typeof(TContext).Name);
                return;
            }
            catch (Exception ex) when (attempt < 30 && IsTransient(ex) && !cancellationToken.IsCancellationRequested)
            {
                logger.LogWarning("Database of {Context} not ready (attempt {Attempt}): {Reason}",
                    typeof(TContext).Name, attempt, ex.Message);
                await Task.Delay(TimeSpan.FromSeconds(Math.Min(attempt, 5)), cancellationToken);
            }
        }
    }

    private static bool IsTransient(Exception ex) => ex switch
    {
        PostgresException { SqlState: PostgresErrorCodes.DuplicateDatabase or PostgresErrorCodes.UniqueViolation } => true,
        NpgsqlException { IsTransient: true } => true,
        NpgsqlException { InnerException: System.Net.Sockets.SocketException } => true,
        _ => ex.InnerException is not null && IsTransient(ex.InnerException),
    };

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}

public static class TransactionLocks
{
    /// <summary>
    /// Takes a PostgreSQL advisory lock on <paramref name="key"/> until the current transaction ends,
    /// so writes that read-then-decide (revisions, duplicates) for the same key run one after another.
    /// </summary>
    public static Task LockAsync(this DbContext db, string key, CancellationToken ct) =>
        db.Database.ExecuteSqlAsync($"SELECT pg_advisory_xact_lock(hashtext({key}))", ct);

    /// <summary>
    /// <see cref="LockAsync"/> for many keys in one round trip, taken in the order of their lock ids so two
    /// transactions locking overlapping sets never deadlock.
    /// </summary>
    public static Task LockAllAsync(this DbContext db, IEnumerable<string> keys, CancellationToken ct)
    {
        var distinct = keys.Distinct().ToArray();
        return distinct.Length == 0
            ? Task.CompletedTask
            : db.Database.ExecuteSqlAsync(
                $"SELECT count(pg_advisory_xact_lock(h)) FROM (SELECT DISTINCT hashtext(k) AS h FROM unnest({distinct}) AS k ORDER BY 1) AS locks", ct);
    }
}

public static class EnumArrayConversion
{
    /// <summary>Stores an array of enum values as a PostgreSQL integer[] (compared by content, not by reference).</summary>
    public static PropertyBuilder<TEnum[]> HasIntegerArrayConversion<TEnum>(this PropertyBuilder<TEnum[]> property) where TEnum : struct, Enum =>
        property.HasConversion(
            values => values.Select(v => Convert.ToInt32(v, System.Globalization.CultureInfo.InvariantCulture)).ToArray(),
            numbers => numbers.Select(n => (TEnum)Enum.ToObject(typeof(TEnum), n)).ToArray(),
            new ValueComparer<TEnum[]>((a, b) => a!.SequenceEqual(b!), v => v.Aggregate(0, (h, e) => HashCode.Combine(h, e)), v => v.ToArray()));
}
