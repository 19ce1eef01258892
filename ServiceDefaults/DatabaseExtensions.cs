using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Microsoft.EntityFrameworkCore.Storage;
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
    /// Registers the service's own PostgreSQL database: its DbContext, a readiness check, the
    /// migrations applied before the service takes requests, and the watch that drops dead pooled connections.
    /// </summary>
    public static IHostApplicationBuilder AddServiceDatabase<TContext>(this IHostApplicationBuilder builder, string connectionName)
        where TContext : DbContext
    {
        var connectionString = builder.Configuration.GetConnectionString(connectionName)
            ?? throw new InvalidOperationException(
                $"Connection string 'ConnectionStrings:{connectionName}' is missing. Run the service from the AppHost, " +
                $"or set ConnectionStrings__{connectionName} (see README, 'Run one service alone').");

        // No JIT compilation: every query here is short, and PostgreSQL compiled the larger ones for each execution
        // (a province county's teacher summary spent 33 of its 60 ms compiling). The setting rides on every
        // connection made from this string, the outbox relay's and the hand-written reads' included.
        connectionString = WithSetting(connectionString, "jit=off");
        builder.Services.AddDbContext<TContext>((services, options) => options
            .UseNpgsql(connectionString)
            // snake_case tables and columns, so people can query with psql without quoting
            .UseSnakeCaseNamingConvention()
            // The interceptors the service registered (the access layer's audit of every accepted write, in the write's
            // own transaction), then ours.
            .AddInterceptors([.. services.GetServices<IInterceptor>(), NoSavepoints.Instance]));
        builder.Services.AddHealthChecks().AddDbContextCheck<TContext>(connectionName);
        builder.Services.AddHostedService<MigrateDatabase<TContext>>();
        // After the migration (hosted services start in order): the database exists by then.
        builder.Services.AddHostedService(services => new DatabaseWatch(connectionString, services.GetRequiredService<ILogger<DatabaseWatch>>()));
        return builder;
    }

    /// <summary>
    /// The connection string with a PostgreSQL setting (<c>name=value</c>) added to its session options: every
    /// connection opened from it starts with that setting, at no round trip.
    /// </summary>
    public static string WithSetting(string connectionString, string setting)
    {
        var builder = new NpgsqlConnectionStringBuilder(connectionString);
        builder.Options = $"{builder.Options} -c {setting}".Trim();
        return builder.ConnectionString;
    }
}

/// <summary>
/// EF wraps each SaveChanges inside an explicit transaction in a savepoint, so that a failed save could be retried
/// within the transaction. No write here does that: a failure abandons the whole transaction (the consumers' retry
/// starts a new one). The savepoints were two extra round trips, and two spans, per consumed message.
/// </summary>
internal sealed class NoSavepoints : SaveChangesInterceptor
{
    public static readonly NoSavepoints Instance = new();

    public override InterceptionResult<int> SavingChanges(
        DbContextEventData eventData, InterceptionResult<int> result)
    {
        eventData.Context!.Database.AutoSavepointsEnabled = false;
        return result;
    }

    public override ValueTask<InterceptionResult<int>> SavingChangesAsync(
        DbContextEventData eventData, InterceptionResult<int> result,
        CancellationToken cancellationToken = default)
    {
        eventData.Context!.Database.AutoSavepointsEnabled = false;
        return ValueTask.FromResult(result);
    }
}

/// <summary>
/// Applies pending migrations at start-up. Hosted services start before the web server listens,
/// so no request meets an old schema. Replicas starting together migrate one after the other: each holds
/// a session advisory lock, named after the database, on the server's <c>postgres</c> database (which exists
/// before the service's own does) while it creates and migrates. Without it two replicas applied the same
/// migration at once and one failed to start ("relation … already exists").
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
                var name = new NpgsqlConnectionStringBuilder(db.Database.GetConnectionString()).Database ?? "";
                await using var server = await MigrationGateAsync(db, name, cancellationToken);
                // On a new database EF reads its history table before creating it, and logs that failed read as an
                // error; asking whether the database exists by connecting to it makes PostgreSQL log a FATAL. Looked
                // up in the catalogue instead, and the database and the table made first, a normal start logs none.
                if (!await DatabaseExistsAsync(server, name, cancellationToken))
                {
                    await db.GetService<IRelationalDatabaseCreator>().CreateAsync(cancellationToken);
                }
                await db.Database.ExecuteSqlRawAsync(db.GetService<IHistoryRepository>().GetCreateIfNotExistsScript(), cancellationToken);
                await db.Database.MigrateAsync(cancellationToken);
                logger.LogInformation("Database of {Context} is up to date", typeof(TContext).Name);
                return;
            }
            catch (Exception ex) when (attempt < 30 && IsTransient(ex) && !cancellationToken.IsCancellationRequested)
            {
                // Expected while the server starts (the AppHost starts services once it answers): a warning only when it lasts.
                logger.Log(attempt < 5 ? LogLevel.Information : LogLevel.Warning, "Database of {Context} not ready (attempt {Attempt}): {Reason}",
                    typeof(TContext).Name, attempt, ex.Message);
                await Task.Delay(TimeSpan.FromSeconds(Math.Min(attempt, 5)), cancellationToken);
            }
        }
    }

    /// <summary>
    /// A connection to the server's <c>postgres</c> database holding the migration lock of <paramref name="name"/>;
    /// disposing it (closing the session) releases the lock.
    /// </summary>
    private static async Task<NpgsqlConnection> MigrationGateAsync(TContext db, string name, CancellationToken ct)
    {
        var target = new NpgsqlConnectionStringBuilder(db.Database.GetConnectionString()) { Database = "postgres" };
        target.Pooling = false; // a pooled session would keep the lock after disposal
        var connection = new NpgsqlConnection(target.ConnectionString);
        try
        {
            await connection.OpenAsync(ct);
            await using var take = new NpgsqlCommand("SELECT pg_advisory_lock(hashtext('eduplatform:migrate:' || @name))", connection);
            take.Parameters.AddWithValue("name", name);
            await take.ExecuteNonQueryAsync(ct);
            return connection;
        }
        catch
        {
            await connection.DisposeAsync();
            throw;
        }
    }

    private static async Task<bool> DatabaseExistsAsync(NpgsqlConnection server, string name, CancellationToken ct)
    {
        await using var exists = new NpgsqlCommand("SELECT EXISTS (SELECT 1 FROM pg_database WHERE datname = @name)", server);
        exists.Parameters.AddWithValue("name", name);
        return (bool)(await exists.ExecuteScalarAsync(ct))!;
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
    /// Serialises one county's writes until the transaction ends, so two submissions for the same county (a clerk's retry
    /// racing the original, a department's write racing its consumer) read and bump revisions one after the other. Each
    /// service has its own database and advisory locks are per database, so the key needs no service name.
    /// </summary>
    public static Task LockCountyAsync(this DbContext db, string countyCode, CancellationToken ct) =>
        db.LockAsync(CountyKey(countyCode), ct);

    /// <summary>The lock key of one county's writes.</summary>
    public static string CountyKey(string countyCode) => "county:" + countyCode;

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

/// <summary>
/// The one way a service writes: one transaction holding the write's advisory locks (several taken in lock-id order, so
/// overlapping writes never deadlock), in which the handler reads, decides and changes; <see cref="CommitAsync"/> saves the
/// changes with the events they added (the outbox rows) and commits. Disposed without a commit — a refusal, a conflict,
/// nothing to change — it rolls back, so a handler may return early at any point.
/// </summary>
public sealed class Write : IAsyncDisposable
{
    private readonly DbContext _db;
    private readonly IDbContextTransaction _transaction;

    private Write(DbContext db, IDbContextTransaction transaction) => (_db, _transaction) = (db, transaction);

    /// <summary>Begins a write holding <paramref name="locks"/> (advisory lock keys; none for a write that locks later).</summary>
    public static async Task<Write> BeginAsync(DbContext db, IEnumerable<string> locks, CancellationToken ct)
    {
        var write = new Write(db, await db.Database.BeginTransactionAsync(ct));
        try
        {
            await write.LockAsync(locks, ct);
            return write;
        }
        catch
        {
            await write.DisposeAsync();
            throw;
        }
    }

    /// <summary>Takes more locks, for a write that learns what it touches from a first read (a procedure's county).</summary>
    public Task LockAsync(IEnumerable<string> keys, CancellationToken ct) => _db.LockAllAsync(keys, ct);

    /// <summary>Saves the tracked changes and the events they added, then commits: all of them or none.</summary>
    public async Task CommitAsync(CancellationToken ct)
    {
        await _db.SaveChangesAsync(ct);
        await _transaction.CommitAsync(ct);
    }

    public ValueTask DisposeAsync() => _transaction.DisposeAsync();
}

public static class Writes
{
    /// <summary>A <see cref="Write"/> serialised with every other write of <paramref name="countyCode"/> (see <see cref="TransactionLocks.LockCountyAsync"/>).</summary>
    public static Task<Write> BeginCountyWriteAsync(this DbContext db, string countyCode, CancellationToken ct) =>
        Write.BeginAsync(db, [TransactionLocks.CountyKey(countyCode)], ct);

    /// <summary>A <see cref="Write"/> holding the locks <paramref name="keys"/> (none: a write that takes them later).</summary>
    public static Task<Write> BeginWriteAsync(this DbContext db, CancellationToken ct, params string[] keys) =>
        Write.BeginAsync(db, keys, ct);
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
