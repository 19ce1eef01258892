using EduPlatform.Messaging.Inbox;
using EduPlatform.Messaging.Outbox;
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
    /// A statement trigger that NOTIFYs the relay. PostgreSQL delivers a NOTIFY only when its
    /// transaction commits, so the relay wakes exactly when new rows become visible.
    /// Call from the migration that creates the outbox table.
    /// </summary>
    public static MigrationBuilder CreateOutboxNotifyTrigger(this MigrationBuilder migration)
    {
        migration.Sql(CreateNotifyTriggerSql);
        return migration;
    }

    public static MigrationBuilder DropOutboxNotifyTrigger(this MigrationBuilder migration)
    {
        migration.Sql($"""
            DROP TRIGGER IF EXISTS {OutboxTable}_notify ON {OutboxTable};
            DROP FUNCTION IF EXISTS {OutboxTable}_notify();
            """);
        return migration;
    }

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
        db.Set<OutboxMessage>().Add(OutboxMessage.From(message, (clock ?? TimeProvider.System).GetUtcNow()));
}
