using System.Linq.Expressions;
using EduPlatform.ServiceDefaults;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Metadata;

namespace EduPlatform.Inspection.Infrastructure;

public static class ReadModelUpsert
{
    /// <summary>
    /// The read-model row an event may overwrite: a new row (added), or the stored one unless the event is
    /// older than what it holds (<paramref name="isStale"/>) — then null, and the event changes nothing.
    /// The row's key is locked first, until the transaction ends: two deliveries for the same row (16
    /// consumers run at once) read, compare and write one after the other, so whatever the interleaving
    /// the newest version is the one kept.
    /// </summary>
    public static async Task<T?> NewerAsync<T>(this DbSet<T> set, object[] key, Func<T> create, Func<T, bool> isStale, CancellationToken ct)
        where T : class
    {
        await set.GetService<ICurrentDbContext>().Context.LockRowsAsync([LockKey<T>(key)], ct);
        var row = await set.FindAsync(key, ct);
        if (row is null)
        {
            row = create();
            set.Add(row);
            return row;
        }
        return isStale(row) ? null : row;
    }

    /// <summary>
    /// <see cref="NewerAsync{T}"/> for a batch of events: every row's key locked in one statement (in lock-id
    /// order, so batches never deadlock), the stored rows read in one query, then each event, in arrival order,
    /// applied to its row unless it is older than what the row holds — a later event of the batch sees what an
    /// earlier one wrote.
    /// </summary>
    /// <returns>The events that were applied.</returns>
    public static async Task<List<TMessage>> NewerAllAsync<T, TMessage>(this DbSet<T> set, IReadOnlyList<TMessage> messages,
        Func<TMessage, object[]> keyOf, Func<TMessage, T> create, Func<TMessage, T, bool> isStale, Action<TMessage, T> apply, CancellationToken ct)
        where T : class
    {
        var keys = messages.Select(keyOf).ToList();
        await set.GetService<ICurrentDbContext>().Context.LockRowsAsync(keys.Select(k => LockKey<T>(k)), ct);
        // One query for the batch (it was one per event): the rows whose key parts are each among the batch's.
        await set.Where(AmongKeys<T>(set.EntityType.FindPrimaryKey()!.Properties, keys)).LoadAsync(ct);
        var tracked = set.Local; // the rows just read, and rows added earlier in this context (a rebuild's page)
        var applied = new List<TMessage>(messages.Count);
        for (var i = 0; i < messages.Count; i++)
        {
            var message = messages[i];
            var row = tracked.FindEntryUntyped(keys[i])?.Entity;
            if (row is null)
            {
                row = create(message);
                set.Add(row);
            }
            else if (isStale(message, row))
            {
                continue;
            }
            apply(message, row);
            applied.Add(message);
        }
        return applied;
    }

    /// <summary>
    /// <c>row => values0.Contains(row.Key0) &amp;&amp; values1.Contains(row.Key1) …</c>, each list a parameter (one
    /// cached query whatever the values): a superset of the keys' rows, by at most the products of their parts.
    /// </summary>
    private static Expression<Func<T, bool>> AmongKeys<T>(IReadOnlyList<IProperty> properties, List<object[]> keys)
    {
        var row = Expression.Parameter(typeof(T), "row");
        Expression? all = null;
        for (var i = 0; i < properties.Count; i++)
        {
            var type = properties[i].ClrType;
            var distinct = keys.Select(k => k[i]).Distinct().ToArray();
            var values = Array.CreateInstance(type, distinct.Length);
            Array.Copy(distinct, values, distinct.Length);
            var holder = Activator.CreateInstance(typeof(Values<>).MakeGenericType(type), values)!;
            var contains = Expression.Call(typeof(Enumerable), nameof(Enumerable.Contains), [type],
                Expression.Field(Expression.Constant(holder), "Items"), Expression.Property(row, properties[i].Name));
            all = all is null ? contains : Expression.AndAlso(all, contains);
        }
        return Expression.Lambda<Func<T, bool>>(all!, row);
    }

    /// <summary>A closure-like holder: EF sends a field read off a constant as a parameter rather than inlining it.</summary>
    private sealed class Values<TValue>(TValue[] items)
    {
        public readonly TValue[] Items = items;
    }

    /// <summary>
    /// Locks read-model rows (advisory locks, held until the transaction ends) — except while a rebuild replays:
    /// it holds the tables itself, and replays everything in one transaction, which would hold a lock for every
    /// row and run out of PostgreSQL's lock table (about 19,200 slots here) at a city's size.
    /// </summary>
    public static Task LockRowsAsync(this DbContext db, IEnumerable<string> keys, CancellationToken ct) =>
        db is InspectionDbContext { Replaying: true } ? Task.CompletedTask : db.LockAllAsync(keys, ct);

    /// <summary>The advisory lock key of one read-model row.</summary>
    public static string LockKey<T>(params object[] key) => $"read-model:{typeof(T).Name}:{string.Join('|', key)}";
}
