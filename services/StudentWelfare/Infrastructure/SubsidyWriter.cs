using EduPlatform.Contracts.StudentWelfare;
using EduPlatform.Kernel;
using EduPlatform.Messaging;
using EduPlatform.ServiceDefaults;
using EduPlatform.StudentWelfare.Domain;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using NpgsqlTypes;

namespace EduPlatform.StudentWelfare.Infrastructure;

public sealed record SubsidyOutcome(int Received, int Recorded, int Unchanged, SchoolTermCoverage[] Coverage);

/// <summary>
/// Stores a county's eligible students and subsidy payments — hundreds of thousands of rows per upload,
/// through PostgreSQL's COPY — whole or not at all, then announces each affected school's coverage.
/// </summary>
public sealed class SubsidyWriter(WelfareDbContext db, TimeProvider clock)
{
    public sealed record Result(SubsidyOutcome? Outcome, Problems Problems, Problems Duplicates);

    public async Task<Result> WriteEligibleAsync(string county, int year, IReadOnlyList<Located<EligibleStudentRow>> rows, CancellationToken ct)
    {
        await using var write = await db.BeginCountyWriteAsync(county, ct);
        var problems = new Problems();
        var rate = await RateAsync(year, problems, ct);
        var codes = rows.Select(r => r.Row.SchoolCode).OfType<string>().ToHashSet();
        var registry = await db.Schools.AsNoTracking().Where(s => codes.Contains(s.Code)).ToDictionaryAsync(s => s.Code, ct);
        var valid = SubsidyRules.ValidateEligible(county, year, rows, registry, problems);
        var ids = valid.Select(v => v.StudentId).ToList();
        var elsewhere = await db.EligibleStudents.AsNoTracking()
            .Where(e => e.Year == year && e.CountyCode != county && ids.Contains(e.StudentId))
            .ToDictionaryAsync(e => e.StudentId, e => e.CountyCode, ct);
        foreach (var (where, row) in rows.Where(r => r.Row.StudentId is { } id && elsewhere.ContainsKey(id.Trim())))
        {
            problems.Error(where, "studentId", $"Student {row.StudentId} is on county {elsewhere[row.StudentId!.Trim()]}'s list for {year}.");
        }
        if (problems.Any || rate is null)
        {
            return new Result(null, problems, new Problems());
        }

        var existing = await db.Eligible(county, year)
            .ToDictionaryAsync(e => e.StudentId, ct);
        var changed = valid.Where(v => !existing.TryGetValue(v.StudentId, out var e)
            || (e.Name, e.SchoolCode, e.Section, e.Boarder) != (v.Name, v.SchoolCode, v.Section, v.Boarder)).ToList();
        if (changed.Count > 0)
        {
            await UpsertEligibleAsync(changed, ct);
        }
        var affected = changed.Select(c => c.SchoolCode)
            .Concat(changed.Where(c => existing.ContainsKey(c.StudentId)).Select(c => existing[c.StudentId].SchoolCode)).ToHashSet();
        foreach (var student in changed)
        {
            existing[student.StudentId] = student;
        }
        var coverage = await AnnounceCoverageAsync(county, year, rate, existing.Values, affected, ct);
        await write.CommitAsync(ct);
        var recorded = changed.Count;
        return new Result(new SubsidyOutcome(valid.Count, recorded, valid.Count - recorded, coverage), problems, new Problems());
    }

    public async Task<Result> WritePaymentsAsync(string county, int year, IReadOnlyList<Located<PaymentRow>> rows, CancellationToken ct)
    {
        await using var write = await db.BeginCountyWriteAsync(county, ct);
        var problems = new Problems();
        var rate = await RateAsync(year, problems, ct);
        var eligible = await db.Eligible(county, year)
            .ToDictionaryAsync(e => e.StudentId, ct);
        var paid = await db.PaymentsAsync(county, year, ct);
        var now = clock.GetUtcNow();
        var (payments, duplicates) = SubsidyRules.ValidatePayments(year, DateOnly.FromDateTime(now.UtcDateTime), rows, eligible, paid, now, problems);
        if (problems.Any || duplicates.Any || rate is null)
        {
            return new Result(null, problems, duplicates);
        }
        if (payments.Count > 0)
        {
            await CopyPaymentsAsync(payments, ct);
        }
        foreach (var payment in payments)
        {
            paid[(payment.StudentId, payment.Term)] = payment;
        }
        var affected = payments.Select(p => eligible[p.StudentId].SchoolCode).ToHashSet();
        var coverage = await AnnounceCoverageAsync(county, year, rate, eligible.Values, affected, ct, paid);
        await write.CommitAsync(ct);
        return new Result(new SubsidyOutcome(rows.Count, payments.Count, rows.Count - payments.Count, coverage), problems, duplicates);
    }

    /// <summary>
    /// The province changed the year's rates: every county's coverage for the year is owed against the
    /// new rates, so it is recomputed and announced again (in the caller's transaction).
    /// </summary>
    public async Task ReannounceYearAsync(SubsidyRate rate, CancellationToken ct)
    {
        var counties = await db.EligibleStudents.Where(e => e.Year == rate.Year).Select(e => e.CountyCode).Distinct().ToListAsync(ct);
        // All at once, in lock-id order as every multi-county write takes them: one at a time in code order could
        // deadlock with a write holding two of them the other way round.
        await db.LockAllAsync(counties.Select(TransactionLocks.CountyKey), ct);
        foreach (var county in counties)
        {
            var eligible = await db.Eligible(county, rate.Year).ToListAsync(ct);
            await AnnounceCoverageAsync(county, rate.Year, rate, eligible, eligible.Select(e => e.SchoolCode).ToHashSet(), ct);
        }
    }

    private async Task<SubsidyRate?> RateAsync(int year, Problems problems, CancellationToken ct)
    {
        var rate = await db.SubsidyRates.AsNoTracking().SingleOrDefaultAsync(r => r.Year == year, ct);
        if (rate is null)
        {
            problems.Error("", "year", $"No subsidy rate is set for {year}: the province's rates come first (PUT /api/subsidy-rates/{year}).");
        }
        return rate;
    }

    /// <summary>Recomputes the coverage of the affected schools and announces each school-term with a new revision.</summary>
    private async Task<SchoolTermCoverage[]> AnnounceCoverageAsync(string county, int year, SubsidyRate rate,
        IEnumerable<EligibleStudent> eligible, IReadOnlySet<string> schools, CancellationToken ct,
        Dictionary<(string, int), SubsidyPayment>? paid = null)
    {
        if (schools.Count == 0)
        {
            return [];
        }
        paid ??= await db.PaymentsAsync(county, year, ct);
        var coverage = Coverage.Compute(eligible.Where(e => schools.Contains(e.SchoolCode)), paid, rate);
        // A school whose last eligible student moved away is announced with zero eligible.
        coverage.AddRange(schools.Except(coverage.Select(c => c.SchoolCode)).SelectMany(s => Coverage.Terms.Select(t => new SchoolTermCoverage(s, t, 0, 0, 0, 0, 0))));
        var revisions = await db.CoverageRevisions.Where(r => r.Year == year && schools.Contains(r.SchoolCode))
            .ToDictionaryAsync(r => (r.SchoolCode, r.Term), ct);
        var now = clock.GetUtcNow();
        foreach (var c in coverage)
        {
            if (!revisions.TryGetValue((c.SchoolCode, c.Term), out var revision))
            {
                revision = new CoverageRevision { SchoolCode = c.SchoolCode, Year = year, Term = c.Term };
                db.CoverageRevisions.Add(revision);
            }
            revision.Revision++;
            db.AddEvent(new SubsidyCoverageReported(c.SchoolCode, county, year, c.Term, revision.Revision, c.Eligible, c.Paid, c.PaidInFull,
                c.AmountDue, c.AmountPaid, now), clock);
        }
        await db.SaveChangesAsync(ct);
        return [.. coverage];
    }

    private NpgsqlConnection Connection => (NpgsqlConnection)db.Database.GetDbConnection();

    /// <summary>COPY into a temporary table, then one INSERT … ON CONFLICT: fast for a county's whole list.</summary>
    private async Task UpsertEligibleAsync(List<EligibleStudent> students, CancellationToken ct)
    {
        await db.Database.ExecuteSqlRawAsync(
            "CREATE TEMP TABLE eligible_upload (LIKE eligible_students INCLUDING DEFAULTS) ON COMMIT DROP", ct);
        await using (var copy = await Connection.BeginBinaryImportAsync(
            "COPY eligible_upload (year, student_id, name, school_code, county_code, section, boarder) FROM STDIN (FORMAT BINARY)", ct))
        {
            foreach (var s in students)
            {
                await copy.StartRowAsync(ct);
                await copy.WriteAsync(s.Year, NpgsqlDbType.Integer, ct);
                await copy.WriteAsync(s.StudentId, NpgsqlDbType.Varchar, ct);
                await copy.WriteNullableAsync(s.Name, NpgsqlDbType.Varchar, ct);
                await copy.WriteAsync(s.SchoolCode, NpgsqlDbType.Char, ct);
                await copy.WriteAsync(s.CountyCode, NpgsqlDbType.Char, ct);
                await copy.WriteAsync((int)s.Section, NpgsqlDbType.Integer, ct);
                await copy.WriteAsync(s.Boarder, NpgsqlDbType.Boolean, ct);
            }
            await copy.CompleteAsync(ct);
        }
        await db.Database.ExecuteSqlRawAsync("""
            INSERT INTO eligible_students (year, student_id, name, school_code, county_code, section, boarder)
            SELECT year, student_id, name, school_code, county_code, section, boarder FROM eligible_upload
            ON CONFLICT (year, student_id) DO UPDATE SET name = excluded.name, school_code = excluded.school_code,
                county_code = excluded.county_code, section = excluded.section, boarder = excluded.boarder
            """, ct);
    }

    private async Task CopyPaymentsAsync(List<SubsidyPayment> payments, CancellationToken ct)
    {
        await using var copy = await Connection.BeginBinaryImportAsync(
            "COPY subsidy_payments (year, student_id, term, amount, paid_on, recorded_at) FROM STDIN (FORMAT BINARY)", ct);
        foreach (var p in payments)
        {
            await copy.StartRowAsync(ct);
            await copy.WriteAsync(p.Year, NpgsqlDbType.Integer, ct);
            await copy.WriteAsync(p.StudentId, NpgsqlDbType.Varchar, ct);
            await copy.WriteAsync(p.Term, NpgsqlDbType.Integer, ct);
            await copy.WriteAsync(p.Amount, NpgsqlDbType.Numeric, ct);
            await copy.WriteAsync(p.PaidOn, NpgsqlDbType.Date, ct);
            await copy.WriteAsync(p.RecordedAt, NpgsqlDbType.TimestampTz, ct);
        }
        await copy.CompleteAsync(ct);
    }
}
