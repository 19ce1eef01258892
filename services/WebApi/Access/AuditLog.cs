using System.Data.Common;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.EntityFrameworkCore.Migrations;
using Microsoft.Extensions.DependencyInjection;

namespace EduPlatform.WebApi.Access;

/// <summary>One accepted write: who made it, when, to what, what it changed, and its trace.</summary>
public sealed class AuditEntry
{
    public long Id { get; init; }
    public DateTimeOffset At { get; init; }
    public required string Subject { get; init; }
    public string? Department { get; init; }
    /// <summary>The caller's county (a county office's), null for the city level.</summary>
    public string? County { get; init; }
    /// <summary>The county the write changed ("139901→139902" for a move between counties), when the request names one.</summary>
    public string? ChangedCounty { get; init; }
    public required string Method { get; init; }
    public required string Path { get; init; }
    public string? Route { get; init; }
    /// <summary>What the write changed: rows by entity and state, events by type.</summary>
    public required string What { get; init; }
    public string? TraceId { get; init; }
}

/// <summary>
/// The audit log, in each service's own database: an entry is written in the same transaction as the
/// write it describes (by <see cref="AuditInterceptor"/>), so no accepted write goes unrecorded and no
/// refused one is recorded.
/// </summary>
public static class AuditLog
{
    public const string Table = "audit_log";

    public static ModelBuilder AddAuditLog(this ModelBuilder model)
    {
        model.Entity<AuditEntry>(audit =>
        {
            audit.ToTable(Table);
            audit.Property(a => a.Subject).HasMaxLength(200);
            audit.Property(a => a.Department).HasMaxLength(50);
            audit.Property(a => a.County).HasMaxLength(6);
            audit.Property(a => a.ChangedCounty).HasMaxLength(20);
            audit.HasIndex(a => new { a.ChangedCounty, a.At });
            audit.Property(a => a.Method).HasMaxLength(10);
            audit.Property(a => a.Path).HasMaxLength(500);
            audit.Property(a => a.Route).HasMaxLength(300);
            audit.Property(a => a.TraceId).HasMaxLength(32);
            audit.HasIndex(a => a.At);
            audit.HasIndex(a => new { a.Subject, a.At });
        });
        return model;
    }

    public sealed record AuditDto(long Id, DateTimeOffset At, string Subject, string? Department, string? County, string? ChangedCounty,
        string Method, string Path, string? Route, string What, string? TraceId);

    /// <summary><c>GET /api/audit</c>: the newest entries first, for a city administrator.</summary>
    public static IEndpointRouteBuilder MapAuditApi<TContext>(this IEndpointRouteBuilder app) where TContext : DbContext =>
        app.MapAuditApi(typeof(TContext));

    // Not generic: the route analyzer throws (AD0001) on a handler inside a generic method.
    private static IEndpointRouteBuilder MapAuditApi(this IEndpointRouteBuilder app, Type contextType)
    {
        app.MapGet("/api/audit", (string? subject, string? county, DateTimeOffset? from, DateTimeOffset? to, int? limit,
                HttpContext http, CancellationToken ct) =>
                ReadAsync((DbContext)http.RequestServices.GetRequiredService(contextType), subject, county, from, to, limit, ct))
            .WithTags("Audit")
            .WithSummary("The audit log, newest first: who changed what, when, in which county, with the trace (administrators).")
            .RequireAuthorization(PlatformAccess.AdminPolicy);
        return app;
    }

    private static async Task<Results<Ok<AuditDto[]>, ValidationProblem>> ReadAsync(DbContext db, string? subject, string? county,
        DateTimeOffset? from, DateTimeOffset? to, int? limit, CancellationToken ct)
    {
        if (ListLimit.Refusal(limit) is { } refusal)
        {
            return refusal;
        }
        var entries = await db.Set<AuditEntry>().AsNoTracking()
            .Where(a => subject == null || a.Subject == subject)
            // A county's entries: those its office made, and those that changed it.
            .Where(a => county == null || a.County == county || a.ChangedCounty == county)
            .Where(a => from == null || a.At >= from)
            .Where(a => to == null || a.At < to)
            .OrderByDescending(a => a.Id)
            .Take(limit ?? ListLimit.Default)
            .Select(a => new AuditDto(a.Id, a.At, a.Subject, a.Department, a.County, a.ChangedCounty, a.Method, a.Path, a.Route, a.What, a.TraceId))
            .ToArrayAsync(ct);
        return TypedResults.Ok(entries);
    }

    public static MigrationBuilder CreateAuditLog(this MigrationBuilder migration)
    {
        migration.CreateTable(
            name: Table,
            columns: table => new
            {
                id = table.Column<long>(type: "bigint", nullable: false)
                    .Annotation("Npgsql:ValueGenerationStrategy", Npgsql.EntityFrameworkCore.PostgreSQL.Metadata.NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                subject = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                department = table.Column<string>(type: "character varying(50)", maxLength: 50, nullable: true),
                county = table.Column<string>(type: "character varying(6)", maxLength: 6, nullable: true),
                method = table.Column<string>(type: "character varying(10)", maxLength: 10, nullable: false),
                path = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: false),
                route = table.Column<string>(type: "character varying(300)", maxLength: 300, nullable: true),
                what = table.Column<string>(type: "text", nullable: false),
                trace_id = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: true),
            },
            constraints: table => table.PrimaryKey("pk_audit_log", x => x.id));
        migration.CreateIndex(name: "ix_audit_log_at", table: Table, column: "at");
        migration.CreateIndex(name: "ix_audit_log_subject_at", table: Table, columns: ["subject", "at"]);
        return migration;
    }
}

/// <summary>
/// Writes the audit entry of a request's write in the write's own transaction: with a SaveChanges that
/// runs in a transaction of its own, as an added row; in an explicit transaction (bulk writes with COPY),
/// as an insert just before it commits. Requests without an actor (consumers, relays) are not audited,
/// nor is a write that changed nothing (a repeat).
/// </summary>
public sealed class AuditInterceptor : SaveChangesInterceptor, IDbTransactionInterceptor
{
    public static readonly AuditInterceptor Instance = new();

    public override ValueTask<InterceptionResult<int>> SavingChangesAsync(DbContextEventData eventData, InterceptionResult<int> result,
        CancellationToken ct = default)
    {
        if (eventData.Context is { } db && CurrentWrite.Of(db) is { } actor && db.Model.FindEntityType(typeof(AuditEntry)) is not null)
        {
            foreach (var change in db.ChangeTracker.Entries()
                         .Where(e => e.State is EntityState.Added or EntityState.Modified or EntityState.Deleted && e.Entity is not AuditEntry)
                         .GroupBy(e => (e.Metadata.ClrType.Name, e.State)))
            {
                if (change.Key.Name != "OutboxMessage")
                {
                    actor.Note($"{change.Key.Name} {State(change.Key.State)}", change.Count());
                }
            }
            // A save with nothing to save (a repeat that changes nothing) leaves no entry.
            if (db.Database.CurrentTransaction is null && actor.HasChanges)
            {
                db.Set<AuditEntry>().Add(Entry(actor, DateTimeOffset.UtcNow));
            }
        }
        return base.SavingChangesAsync(eventData, result, ct);
    }

    public async ValueTask<InterceptionResult> TransactionCommittingAsync(DbTransaction transaction, TransactionEventData eventData,
        InterceptionResult result, CancellationToken ct = default)
    {
        if (eventData.Context is { } db && CurrentWrite.Of(db) is { HasChanges: true } actor && db.Model.FindEntityType(typeof(AuditEntry)) is not null)
        {
            var e = Entry(actor, DateTimeOffset.UtcNow);
            // The transaction is the context's own: the insert joins it.
            await db.Database.ExecuteSqlAsync(
                $"""
                INSERT INTO audit_log (at, subject, department, county, changed_county, method, path, route, what, trace_id)
                VALUES ({e.At}, {e.Subject}, {e.Department}, {e.County}, {e.ChangedCounty}, {e.Method}, {e.Path}, {e.Route}, {e.What}, {e.TraceId})
                """, ct);
        }
        return result;
    }

    private static AuditEntry Entry(RequestActor actor, DateTimeOffset at) => new()
    {
        At = at,
        Subject = actor.Actor.Subject,
        Department = actor.Actor.Department,
        County = actor.Actor.County,
        ChangedCounty = actor.ChangedCounty is { Length: > 20 } changed ? changed[..20] : actor.ChangedCounty,
        Method = actor.Method,
        Path = actor.Path.Length > 500 ? actor.Path[..500] : actor.Path,
        Route = actor.Route,
        What = actor.TakeChanges(),
        TraceId = actor.TraceId,
    };

    private static string State(EntityState state) => state switch
    {
        EntityState.Added => "added",
        EntityState.Modified => "changed",
        _ => "removed",
    };
}
