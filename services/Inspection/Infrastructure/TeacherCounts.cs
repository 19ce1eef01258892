using System.Data.Common;
using EduPlatform.Contracts.Facilities;
using EduPlatform.Contracts.Staffing;
using EduPlatform.Inspection.Domain.Indicators;
using EduPlatform.ServiceDefaults;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace EduPlatform.Inspection.Infrastructure;

/// <summary>
/// Counts a county's active full-time teachers in the database rather than reading every row: a county
/// has tens of thousands, and a scorecard needs only their counts (see <see cref="TeacherSummary.From"/>
/// for the same counts over individual teachers).
/// </summary>
public static class TeacherCounts
{
    /// <summary>The county's teachers: pay, certificates, training in the window, rural pay per rank, honours due and held.</summary>
    public static async Task<TeacherSummary> SummaryAsync(InspectionDbContext db, string county, (DateOnly From, DateOnly To) window,
        Standards standards, CancellationToken ct)
    {
        var rows = await Sql.ReadJoinedAggregatesAsync(db, """
            WITH trained AS (
                -- In hundredths of an hour, summed as integers (exact, and far cheaper than numeric sums), from the index alone.
                SELECT teacher_id, sum(hundredths) AS hundredths FROM training
                WHERE county_code = @county AND end_date BETWEEN @from AND @to GROUP BY teacher_id)
            SELECT coalesce(s.location = @rural, false), t.rank, count(*)::int, sum(t.annual_pay),
                   count(*) FILTER (WHERE t.certified)::int,
                   count(*) FILTER (WHERE coalesce(h.hundredths, 0) >= @hundredths)::int,
                   count(*) FILTER (WHERE t.rural_years >= @county_years)::int,
                   -- Honours held wherever awarded, looked up by the teacher (the honours' key) only for those due one,
                   -- rather than every honour of the province grouped and joined.
                   count(*) FILTER (WHERE t.rural_years >= @county_years
                       AND EXISTS (SELECT 1 FROM honours o WHERE o.teacher_id = t.teacher_id AND o.level = @county_level))::int,
                   count(*) FILTER (WHERE t.rural_years >= @city_years)::int,
                   count(*) FILTER (WHERE t.rural_years >= @city_years
                       AND EXISTS (SELECT 1 FROM honours o WHERE o.teacher_id = t.teacher_id AND o.level = @city_level))::int,
                   count(*) FILTER (WHERE h.teacher_id IS NOT NULL)::int
            FROM teachers t
            LEFT JOIN registry_schools s ON s.code = t.school_code
            LEFT JOIN trained h ON h.teacher_id = t.teacher_id
            WHERE t.county_code = @county AND t.active AND t.full_time
            GROUP BY 1, 2
            """, r => (Rural: r.GetBoolean(0), Rank: (Rank)r.GetInt32(1), Teachers: r.GetInt32(2), Pay: r.GetDecimal(3), Certified: r.GetInt32(4),
                Trained: r.GetInt32(5), CountyDue: r.GetInt32(6), CountyHeld: r.GetInt32(7), CityDue: r.GetInt32(8), CityHeld: r.GetInt32(9), WithTraining: r.GetInt32(10)),
            ct, Sql.P("county", county), Sql.P("from", window.From), Sql.P("to", window.To), Sql.P("county_level", (int)HonourLevel.County),
            Sql.P("city_level", (int)HonourLevel.City), Sql.P("rural", (int)Location.Rural), Sql.P("hundredths", standards.Quality.TrainingHours * 100),
            Sql.P("county_years", standards.Plan.CountyHonourYears), Sql.P("city_years", standards.Plan.CityHonourYears));
        var rural = rows.Where(r => r.Rural).ToList();
        return new TeacherSummary(rows.Sum(r => r.Teachers), rows.Sum(r => r.Pay), rows.Sum(r => r.Certified), rows.Sum(r => r.Trained),
            rural.Sum(r => r.Teachers), rural.Sum(r => r.Trained), rural.ToDictionary(r => r.Rank, r => new RankPay(r.Teachers, r.Pay)),
            rows.Sum(r => r.CountyDue), rows.Sum(r => r.CountyHeld), rows.Sum(r => r.CityDue), rows.Sum(r => r.CityHeld),
            TrainingReported: rows.Sum(r => r.WithTraining) > 0);
    }
}

/// <summary>Reads rows of hand-written SQL on a pooled connection of its own, so several reads can run at once.</summary>
internal static class Sql
{
    /// <summary>
    /// A string goes as char(n), the type of the code columns it is compared with: sent as text, PostgreSQL compares
    /// the column as text, which no index serves, and scanned every teacher and training row of the province per read.
    /// </summary>
    public static NpgsqlParameter P(string name, object value) =>
        value is string ? new NpgsqlParameter(name, NpgsqlTypes.NpgsqlDbType.Char) { Value = value } : new NpgsqlParameter(name, value);

    public static Task<List<T>> ReadAsync<T>(DbContext db, string sql, Func<DbDataReader, T> read, CancellationToken ct,
        params NpgsqlParameter[] parameters) => ReadAsync(db, sql, read, nestedLoops: true, ct, parameters);

    /// <summary>
    /// For a query joining a county's rows to aggregates of other tables, where hash joins are right. Right after a
    /// bulk load the statistics may not know a county yet: the planner then expects one row and nests loops over
    /// thousands (7.3 s instead of 25 ms for one county's teachers at province size).
    /// </summary>
    public static Task<List<T>> ReadJoinedAggregatesAsync<T>(DbContext db, string sql, Func<DbDataReader, T> read, CancellationToken ct,
        params NpgsqlParameter[] parameters) => ReadAsync(db, sql, read, nestedLoops: false, ct, parameters);

    private static async Task<List<T>> ReadAsync<T>(DbContext db, string sql, Func<DbDataReader, T> read, bool nestedLoops, CancellationToken ct,
        NpgsqlParameter[] parameters)
    {
        // The planner setting rides on the connections of a pool of their own rather than a SET LOCAL in a transaction
        // of each read: that was three more round trips (begin, set, commit) per read.
        var connectionString = db.Database.GetConnectionString();
        if (!nestedLoops)
        {
            connectionString = WithoutNestedLoops.GetOrAdd(connectionString!, static s => DatabaseExtensions.WithSetting(s, "enable_nestloop=off"));
        }
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync(ct);
        await using var command = new NpgsqlCommand(sql, connection);
        command.Parameters.AddRange(parameters);
        var rows = new List<T>();
        await using var reader = await command.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct))
        {
            rows.Add(read(reader));
        }
        return rows;
    }

    private static readonly System.Collections.Concurrent.ConcurrentDictionary<string, string> WithoutNestedLoops = new();
}
