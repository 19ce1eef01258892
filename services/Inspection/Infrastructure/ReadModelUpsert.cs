using Microsoft.EntityFrameworkCore;

namespace EduPlatform.Inspection.Infrastructure;

public static class ReadModelUpsert
{
    /// <summary>
    /// The read-model row an event may overwrite: a new row (added), or the stored one unless the event is
    /// older than what it holds (<paramref name="isStale"/>) — then null, and the event changes nothing.
    /// </summary>
    public static async Task<T?> NewerAsync<T>(this DbSet<T> set, object[] key, Func<T> create, Func<T, bool> isStale, CancellationToken ct)
        where T : class
    {
        var row = await set.FindAsync(key, ct);
        if (row is null)
        {
            row = create();
            set.Add(row);
            return row;
        }
        return isStale(row) ? null : row;
    }
}
