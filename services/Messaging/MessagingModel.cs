using EduPlatform.Messaging.Inbox;
using EduPlatform.Messaging.Outbox;
using EduPlatform.WebApi.Access;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Migrations;

namespace EduPlatform.Messaging;

/// <summary>The outbox and inbox tables, added to a service's own DbContext so that they share its transactions.</summary>
public static class MessagingModel
{
    public const string OutboxTable = "outbox_messages";
    public const string InboxTable = "inbox_messages";
    public const string NotifyChannel = "outbox";

    public static ModelBuilder AddOutboxAndInbox(this ModelBuilder model)
    {
        model.Entity<OutboxMessage>(outbox =>
        {
            outbox.ToTable(OutboxTable);
            outbox.HasKey(m => m.Id);
            outbox.Property(m => m.Id).ValueGeneratedNever();
            outbox.Property(m => m.MessageType).HasMaxLength(300);
            outbox.Property(m => m.TraceParent).HasMaxLength(55);
            outbox.Property(m => m.LastError).HasMaxLength(2000);
            outbox.Property(m => m.Actor).HasMaxLength(400);
            // The relay's claim query reads only pending rows; the partial index stays small.
            outbox.HasIndex(m => m.Id).HasDatabaseName("ix_outbox_messages_pending")
                .HasFilter("sent_at IS NULL AND parked_at IS NULL");
            outbox.HasIndex(m => m.SentAt).HasDatabaseName("ix_outbox_messages_sent_at")
                .HasFilter("sent_at IS NOT NULL");
        });
        model.Entity<InboxMessage>(inbox =>
        {
            inbox.ToTable(InboxTable);
            inbox.HasKey(m => new { m.MessageId, m.Consumer });
            inbox.Property(m => m.Consumer).HasMaxLength(200);
            inbox.HasIndex(m => m.ProcessedAt);
        });
        return model;
    }

    /// <summary>
    /// Creates the outbox and inbox tables as <see cref="AddOutboxAndInbox"/> models them, and the
    /// NOTIFY trigger. Every service's migration calls this, so the DDL is written once.
    /// </summary>
    public static MigrationBuilder CreateOutboxAndInbox(this MigrationBuilder migration)
    {
        migration.CreateTable(
            name: "inbox_messages",
            columns: table => new
            {
                message_id = table.Column<Guid>(type: "uuid", nullable: false),
                consumer = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                processed_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
            },
            constraints: table =>
            {
                table.PrimaryKey("pk_inbox_messages", x => new { x.message_id, x.consumer });
            });

        migration.CreateTable(
            name: "outbox_messages",
            columns: table => new
            {
                id = table.Column<Guid>(type: "uuid", nullable: false),
                message_type = table.Column<string>(type: "character varying(300)", maxLength: 300, nullable: false),
                body = table.Column<string>(type: "text", nullable: false),
                trace_parent = table.Column<string>(type: "character varying(55)", maxLength: 55, nullable: true),
                trace_state = table.Column<string>(type: "text", nullable: true),
                created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                attempts = table.Column<int>(type: "integer", nullable: false),
                next_attempt_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                last_error = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: true),
                sent_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                parked_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true)
            },
            constraints: table =>
            {
                table.PrimaryKey("pk_outbox_messages", x => x.id);
            });

        migration.CreateIndex(
            name: "ix_inbox_messages_processed_at",
            table: "inbox_messages",
            column: "processed_at");

        migration.CreateIndex(
            name: "ix_outbox_messages_pending",
            table: "outbox_messages",
            column: "id",
            filter: "sent_at IS NULL AND parked_at IS NULL");

        migration.CreateIndex(
            name: "ix_outbox_messages_sent_at",
            table: "outbox_messages",
            column: "sent_at",
            filter: "sent_at IS NOT NULL");

        // Wakes the outbox relay when a transaction that wrote outbox rows commits.
        migration.Sql(CreateNotifyTriggerSql);
        return migration;
    }

    /// <summary>
    /// The outbox's actor column and the audit log (issue 10), added by every service's migration alike.
    /// </summary>
    public static MigrationBuilder AddActorAndAuditLog(this MigrationBuilder migration)
    {
        migration.AddColumn<string>(name: "actor", table: OutboxTable, type: "character varying(400)", maxLength: 400, nullable: true);
        return migration.CreateAuditLog();
    }

    public static MigrationBuilder DropActorAndAuditLog(this MigrationBuilder migration)
    {
        migration.DropTable(name: AuditLog.Table);
        migration.DropColumn(name: "actor", table: OutboxTable);
        return migration;
    }

    public static MigrationBuilder DropOutboxAndInbox(this MigrationBuilder migration)
    {
        migration.Sql($"""
            DROP TRIGGER IF EXISTS {OutboxTable}_notify ON {OutboxTable};
            DROP FUNCTION IF EXISTS {OutboxTable}_notify();
            """);
        migration.DropTable(name: InboxTable);
        migration.DropTable(name: OutboxTable);
        return migration;
    }

    /// <summary>
    /// A statement trigger that NOTIFYs the relay. PostgreSQL delivers a NOTIFY only when its
    /// transaction commits, so the relay wakes exactly when new rows become visible.
    /// </summary>
    public const string CreateNotifyTriggerSql = $"""
        CREATE OR REPLACE FUNCTION {OutboxTable}_notify() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN
            PERFORM pg_notify('{NotifyChannel}', '');
            RETURN NULL;
        END $$;
        CREATE TRIGGER {OutboxTable}_notify AFTER INSERT ON {OutboxTable}
            FOR EACH STATEMENT EXECUTE FUNCTION {OutboxTable}_notify();
        """;
}

public static class OutboxDbContextExtensions
{
    /// <summary>
    /// Adds an integration event to the outbox; it is stored by the same SaveChanges (and so the
    /// same transaction) as the state change it reports, and published after commit.
    /// </summary>
    public static void AddEvent(this DbContext db, object message, TimeProvider? clock = null) =>
        db.Set<OutboxMessage>().Add(OutboxMessage.From(message, (clock ?? TimeProvider.System).GetUtcNow(), CurrentWrite.Of(db)));

    /// <summary>
    /// Writes many events to the outbox with COPY, in the transaction the caller has open — for bulk
    /// returns that announce tens of thousands of changes, where one EF insert per event is too slow.
    /// </summary>
    public static async Task AddEventsInBulkAsync(this DbContext db, IEnumerable<object> messages, TimeProvider clock, CancellationToken ct)
    {
        if (db.Database.CurrentTransaction is null)
        {
            throw new InvalidOperationException("Bulk events are written in the transaction of the state change they report.");
        }
        var connection = (Npgsql.NpgsqlConnection)db.Database.GetDbConnection();
        var now = clock.GetUtcNow();
        var request = CurrentWrite.Of(db);
        await using var copy = await connection.BeginBinaryImportAsync(
            $"COPY {MessagingModel.OutboxTable} (id, message_type, body, trace_parent, trace_state, actor, created_at, attempts) FROM STDIN (FORMAT BINARY)", ct);
        foreach (var message in messages)
        {
            var row = OutboxMessage.From(message, now, request);
            await copy.StartRowAsync(ct);
            await copy.WriteAsync(row.Id, NpgsqlTypes.NpgsqlDbType.Uuid, ct);
            await copy.WriteAsync(row.MessageType, NpgsqlTypes.NpgsqlDbType.Varchar, ct);
            await copy.WriteAsync(row.Body, NpgsqlTypes.NpgsqlDbType.Text, ct);
            await copy.WriteNullableAsync(row.TraceParent, NpgsqlTypes.NpgsqlDbType.Varchar, ct);
            await copy.WriteNullableAsync(row.TraceState, NpgsqlTypes.NpgsqlDbType.Text, ct);
            await copy.WriteNullableAsync(row.Actor, NpgsqlTypes.NpgsqlDbType.Varchar, ct);
            await copy.WriteAsync(row.CreatedAt, NpgsqlTypes.NpgsqlDbType.TimestampTz, ct);
            await copy.WriteAsync(0, NpgsqlTypes.NpgsqlDbType.Integer, ct);
        }
        await copy.CompleteAsync(ct);
    }
}
