using EduPlatform.WebApi.Access;
using MassTransit;
using Microsoft.EntityFrameworkCore;

namespace EduPlatform.Messaging.Inbox;

/// <summary>
/// A consumer whose effect is applied at most once per message: the (message id, consumer) row is
/// inserted in the same transaction as the effect, so a redelivered message — after a crash before
/// the ack, or a duplicate publish by a relay — finds the row and does nothing. Events raised in
/// <see cref="HandleAsync"/> with <c>Db.AddEvent</c> are committed by the same transaction.
/// </summary>
public abstract class InboxConsumer<TMessage, TContext>(TContext db, MessagingMetrics metrics) : IConsumer<TMessage>
    where TMessage : class
    where TContext : DbContext
{
    protected TContext Db { get; } = db;

    /// <summary>Name recorded in the inbox; stable across deployments (renaming it would re-apply old messages).</summary>
    protected virtual string ConsumerName => GetType().FullName!;

    protected abstract Task HandleAsync(TMessage message, ConsumeContext<TMessage> context);

    /// <summary>Runs after the effect committed (e.g. to refresh a cache); not run for a duplicate.</summary>
    protected virtual Task AfterCommitAsync(TMessage message, ConsumeContext<TMessage> context) => Task.CompletedTask;

    public async Task Consume(ConsumeContext<TMessage> context)
    {
        var messageId = context.MessageId ?? throw new InvalidOperationException($"{typeof(TMessage).Name} arrived without a MessageId");
        var ct = context.CancellationToken;
        if (await ApplyAsync(messageId, context, ct))
        {
            await AfterCommitAsync(context.Message, context);
        }
    }

    private async Task<bool> ApplyAsync(Guid messageId, ConsumeContext<TMessage> context, CancellationToken ct)
    {
        try
        {
            await using var transaction = await Db.Database.BeginTransactionAsync(ct);
            // A concurrent delivery of the same message waits here on the key until this one ends.
            var first = await Db.Database.ExecuteSqlAsync(
                $"INSERT INTO inbox_messages (message_id, consumer, processed_at) VALUES ({messageId}, {ConsumerName}, now()) ON CONFLICT DO NOTHING",
                ct);
            if (first == 0)
            {
                metrics.DuplicateSkipped(ConsumerName);
                return false;
            }
            (Db as IConsumedEventLog)?.Record(messageId, context.Message, context.Headers.Get<string>(RequestActor.Header));
            await HandleAsync(context.Message, context);
            await Db.SaveChangesAsync(ct);
            await transaction.CommitAsync(ct);
            return true;
        }
        catch
        {
            // A retry may reuse this DbContext: it must not carry the failed attempt's changes.
            Db.ChangeTracker.Clear();
            throw;
        }
    }
}

/// <summary>
/// Implemented by a DbContext that keeps every message its inbox consumers apply, so its read models can be
/// rebuilt by replaying them: the inbox records each new message in the same transaction as its effect.
/// </summary>
public interface IConsumedEventLog
{
    /// <param name="actor">Who made the write that raised the message (the <c>Actor</c> JSON header), if a request did.</param>
    void Record(Guid messageId, object message, string? actor);
}

/// <summary>
/// A consumer whose effect can be applied again from logged messages, without a delivery (rebuilding a
/// read model by replaying what it consumed). The caller owns the transaction and saves.
/// </summary>
public interface IReplayableConsumer<TMessage> where TMessage : class
{
    Task ApplyAsync(IReadOnlyList<TMessage> messages, CancellationToken ct);
}

/// <summary>
/// An inbox consumer whose whole effect is <see cref="ApplyAsync(TMessage, CancellationToken)"/>: run for a
/// delivery, and again for logged messages when a read model is rebuilt.
/// </summary>
public abstract class ReplayableInboxConsumer<TMessage, TContext>(TContext db, MessagingMetrics metrics)
    : InboxConsumer<TMessage, TContext>(db, metrics), IReplayableConsumer<TMessage>
    where TMessage : class
    where TContext : DbContext
{
    protected sealed override Task HandleAsync(TMessage message, ConsumeContext<TMessage> context) => ApplyAsync(message, context.CancellationToken);

    protected abstract Task ApplyAsync(TMessage message, CancellationToken ct);

    public async Task ApplyAsync(IReadOnlyList<TMessage> messages, CancellationToken ct)
    {
        foreach (var message in messages)
        {
            await ApplyAsync(message, ct);
        }
    }
}

/// <summary>
/// The batch form of <see cref="InboxConsumer{TMessage,TContext}"/> for high-volume events: one
/// transaction for the whole batch, skipping the messages already applied.
/// </summary>
public abstract class InboxBatchConsumer<TMessage, TContext>(TContext db, MessagingMetrics metrics) : IConsumer<Batch<TMessage>>
    where TMessage : class
    where TContext : DbContext
{
    protected TContext Db { get; } = db;

    protected virtual string ConsumerName => GetType().FullName!;

    /// <summary>Applies the messages not seen before, in arrival order.</summary>
    protected abstract Task HandleAsync(IReadOnlyList<ConsumeContext<TMessage>> messages);

    /// <summary>Runs after the batch's effects committed, with the messages that were applied.</summary>
    protected virtual Task AfterCommitAsync(IReadOnlyList<ConsumeContext<TMessage>> applied) => Task.CompletedTask;

    public async Task Consume(ConsumeContext<Batch<TMessage>> context)
    {
        var ct = context.CancellationToken;
        var ids = context.Message.Select(m => m.MessageId ?? throw new InvalidOperationException("message without a MessageId")).ToArray();
        List<ConsumeContext<TMessage>> todo;
        try
        {
            await using var transaction = await Db.Database.BeginTransactionAsync(ct);
            var fresh = (await Db.Database.SqlQuery<Guid>(
                $"""
                INSERT INTO inbox_messages (message_id, consumer, processed_at)
                SELECT DISTINCT id, {ConsumerName}, now() FROM unnest({ids}) AS id
                ON CONFLICT DO NOTHING
                RETURNING message_id AS "Value"
                """).ToListAsync(ct)).ToHashSet();
            var duplicates = ids.Length - fresh.Count;
            if (duplicates > 0)
            {
                metrics.DuplicateSkipped(ConsumerName, duplicates);
            }
            todo = context.Message.Where(m => fresh.Remove(m.MessageId!.Value)).ToList();
            if (todo.Count > 0)
            {
                foreach (var message in todo)
                {
                    (Db as IConsumedEventLog)?.Record(message.MessageId!.Value, message.Message, message.Headers.Get<string>(RequestActor.Header));
                }
                await HandleAsync(todo);
                await Db.SaveChangesAsync(ct);
            }
            await transaction.CommitAsync(ct);
        }
        catch
        {
            Db.ChangeTracker.Clear();
            throw;
        }
        if (todo.Count > 0)
        {
            await AfterCommitAsync(todo);
        }
    }
}

/// <summary>
/// A batch inbox consumer whose whole effect is <see cref="ApplyAsync"/>: run for each delivered batch, and
/// again for logged messages when a read model is rebuilt.
/// </summary>
public abstract class ReplayableBatchConsumer<TMessage, TContext>(TContext db, MessagingMetrics metrics)
    : InboxBatchConsumer<TMessage, TContext>(db, metrics), IReplayableConsumer<TMessage>
    where TMessage : class
    where TContext : DbContext
{
    protected sealed override Task HandleAsync(IReadOnlyList<ConsumeContext<TMessage>> messages) =>
        ApplyAsync([.. messages.Select(c => c.Message)], messages[0].CancellationToken);

    public abstract Task ApplyAsync(IReadOnlyList<TMessage> messages, CancellationToken ct);
}
