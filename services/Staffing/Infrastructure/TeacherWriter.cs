using EduPlatform.Contracts.Facilities;
using EduPlatform.Contracts.Staffing;
using EduPlatform.Kernel;
using EduPlatform.Messaging;
using EduPlatform.ServiceDefaults;
using EduPlatform.Staffing.Domain;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using System.Security.Claims;
using EduPlatform.WebApi.Access;
using Npgsql;
using NpgsqlTypes;

namespace EduPlatform.Staffing.Infrastructure;

public sealed record TeacherOutcome(int Received, int Hired, int Transferred, int Updated, int Left, int Unchanged, Guid[] TeacherIds);

/// <summary>
/// Stores teachers — one, or a county's whole return of tens of thousands — in one transaction, all
/// or none; each change is announced under the teacher's opaque id. Teachers are written under one
/// lock, so two returns never race on a person.
/// </summary>
public sealed class TeacherWriter(StaffingDbContext db, TimeProvider clock, IOptions<ExchangeOptions> options)
{
    /// <param name="caller">Who writes: a county office may not take over, or mark as left, a teacher now in another county.</param>
    public async Task<(TeacherOutcome? Outcome, Problems Problems)> WriteAsync(string county, IReadOnlyList<Located<TeacherRow>> rows,
        ClaimsPrincipal caller, CancellationToken ct)
    {
        await using var write = await db.BeginWriteAsync(ct, "staffing-teachers");
        var now = clock.GetUtcNow();
        var today = DateOnly.FromDateTime(now.UtcDateTime);
        var codes = rows.Select(r => r.Row.SchoolCode).OfType<string>().ToHashSet();
        var registry = await db.Schools.AsNoTracking().Where(s => codes.Contains(s.Code)).ToDictionaryAsync(s => s.Code, ct);
        var problems = new Problems();
        var valid = TeacherRules.Validate(county, rows, registry, today, problems);
        if (problems.Any)
        {
            return (null, problems);
        }
        var ids = valid.Select(v => v.IdNumber).ToList();
        var existing = await db.Teachers.AsNoTracking().Where(t => ids.Contains(t.IdNumber)).ToDictionaryAsync(t => t.IdNumber, ct);
        caller.DemandRecordsInCounty(county, rows.Zip(valid).Where(r => existing.ContainsKey(r.Second.IdNumber))
            .Select(r => (r.First.Where, existing[r.Second.IdNumber].CountyCode)), "the teachers named");
        var changed = new List<(Teacher Teacher, TeacherChange Change)>();
        var outcomeIds = new Guid[valid.Count];
        for (var i = 0; i < valid.Count; i++)
        {
            var v = valid[i];
            existing.TryGetValue(v.IdNumber, out var before);
            var teacher = new Teacher
            {
                Id = before?.Id ?? Guid.CreateVersion7(now), IdNumber = v.IdNumber, Name = v.Name, SchoolCode = v.SchoolCode,
                CountyCode = county, Section = v.Section, FullTime = v.FullTime, Subjects = v.Subjects, Qualification = v.Qualification,
                Rank = v.Rank, Backbone = v.Backbone, Certified = v.Certified, HireDate = v.HireDate, RuralYears = v.RuralYears,
                AnnualPay = v.AnnualPay, LeftOn = v.LeftOn,
                // A transfer restarts the clock at the new school unless the clerk says otherwise.
                AtSchoolSince = v.AtSchoolSince ?? (before is null ? v.HireDate : before.SchoolCode == v.SchoolCode ? before.AtSchoolSince : today),
                Version = before?.Version ?? 0,
            };
            outcomeIds[i] = teacher.Id;
            if (before is not null && before.Profile.Equals(teacher.Profile))
            {
                continue;
            }
            teacher.Version++;
            teacher.UpdatedAt = now;
            var change = before is null ? TeacherChange.Hired
                : teacher.LeftOn is not null && before.LeftOn is null ? TeacherChange.Left
                : before.SchoolCode != teacher.SchoolCode ? TeacherChange.Transferred
                : TeacherChange.Updated;
            changed.Add((teacher, change));
        }
        if (changed.Count > 0)
        {
            await UpsertAsync(changed.Select(c => c.Teacher).ToList(), ct);
            await db.AddEventsInBulkAsync(changed.Select(c => (object)c.Teacher.Announcement(c.Change)), clock, ct);
            foreach (var affected in changed.Select(c => c.Teacher.CountyCode).Append(county).Distinct())
            {
                await AnnounceEligibilityAsync(affected, ExchangeRules.SchoolYearOf(today), ct);
            }
        }
        await write.CommitAsync(ct);
        int Count(TeacherChange c) => changed.Count(x => x.Change == c);
        return (new TeacherOutcome(valid.Count, Count(TeacherChange.Hired), Count(TeacherChange.Transferred), Count(TeacherChange.Updated),
            Count(TeacherChange.Left), valid.Count - changed.Count, outcomeIds), problems);
    }

    /// <summary>
    /// Counts the county's teachers eligible for exchange in the school year and announces the figure
    /// when it changed (the denominator of the exchange ratio).
    /// </summary>
    public async Task AnnounceEligibilityAsync(string county, int year, CancellationToken ct)
    {
        // Concurrent exchanges of one county and year would race to create or bump the same revision row.
        await db.LockAsync($"staffing-eligibility:{county}:{year}", ct);
        var (count, backbone) = await CountEligibleAsync(county, year, ct);
        var revision = await db.EligibilityRevisions.SingleOrDefaultAsync(r => r.CountyCode == county && r.Year == year, ct);
        if (revision is not null && revision.Eligible == count && revision.EligibleBackbone == backbone)
        {
            return;
        }
        if (revision is null)
        {
            revision = new EligibilityRevision { CountyCode = county, Year = year };
            db.EligibilityRevisions.Add(revision);
        }
        revision.Revision++;
        (revision.Eligible, revision.EligibleBackbone) = (count, backbone);
        db.AddEvent(new ExchangeEligibilityReported(county, year, revision.Revision, count, backbone, options.Value.MinYearsAtSchool,
            clock.GetUtcNow()), clock);
    }

    /// <summary>The county's teachers eligible for exchange in the school year (same rule as <see cref="ExchangeRules.IsEligible"/>), and how many are backbone.</summary>
    public async Task<(int Eligible, int Backbone)> CountEligibleAsync(string county, int year, CancellationToken ct)
    {
        var cutoff = ExchangeRules.YearStart(year).AddYears(-options.Value.MinYearsAtSchool);
        var eligible = db.Teachers.Where(t => t.CountyCode == county && t.LeftOn == null && t.FullTime && t.AtSchoolSince <= cutoff)
            .Join(db.Schools.Where(s => s.Location != Location.Rural), t => t.SchoolCode, s => s.Code, (t, _) => t);
        return (await eligible.CountAsync(ct), await eligible.CountAsync(t => t.Backbone >= BackboneLevel.County, ct));
    }

    /// <summary>COPY into a temporary table, then one INSERT … ON CONFLICT, so a 50,000-teacher return takes seconds.</summary>
    private async Task UpsertAsync(List<Teacher> teachers, CancellationToken ct)
    {
        await db.Database.ExecuteSqlRawAsync("CREATE TEMP TABLE teacher_upload (LIKE teachers INCLUDING DEFAULTS) ON COMMIT DROP", ct);
        const string columns = "id, id_number, name, school_code, county_code, section, full_time, subjects, qualification, rank, backbone, " +
            "certified, hire_date, at_school_since, rural_years, annual_pay, left_on, version, updated_at";
        var connection = (NpgsqlConnection)db.Database.GetDbConnection();
        await using (var copy = await connection.BeginBinaryImportAsync($"COPY teacher_upload ({columns}) FROM STDIN (FORMAT BINARY)", ct))
        {
            foreach (var t in teachers)
            {
                await copy.StartRowAsync(ct);
                await copy.WriteAsync(t.Id, NpgsqlDbType.Uuid, ct);
                await copy.WriteAsync(t.IdNumber, NpgsqlDbType.Char, ct);
                await copy.WriteAsync(t.Name, NpgsqlDbType.Varchar, ct);
                await copy.WriteAsync(t.SchoolCode, NpgsqlDbType.Char, ct);
                await copy.WriteAsync(t.CountyCode, NpgsqlDbType.Char, ct);
                await copy.WriteAsync((int)t.Section, NpgsqlDbType.Integer, ct);
                await copy.WriteAsync(t.FullTime, NpgsqlDbType.Boolean, ct);
                await copy.WriteAsync(t.Subjects.Select(s => (int)s).ToArray(), NpgsqlDbType.Array | NpgsqlDbType.Integer, ct);
                await copy.WriteAsync((int)t.Qualification, NpgsqlDbType.Integer, ct);
                await copy.WriteAsync((int)t.Rank, NpgsqlDbType.Integer, ct);
                await copy.WriteAsync((int)t.Backbone, NpgsqlDbType.Integer, ct);
                await copy.WriteAsync(t.Certified, NpgsqlDbType.Boolean, ct);
                await copy.WriteAsync(t.HireDate, NpgsqlDbType.Date, ct);
                await copy.WriteAsync(t.AtSchoolSince, NpgsqlDbType.Date, ct);
                await copy.WriteAsync(t.RuralYears, NpgsqlDbType.Integer, ct);
                await copy.WriteAsync(t.AnnualPay, NpgsqlDbType.Numeric, ct);
                await copy.WriteNullableAsync(t.LeftOn, NpgsqlDbType.Date, ct);
                await copy.WriteAsync(t.Version, NpgsqlDbType.Bigint, ct);
                await copy.WriteAsync(t.UpdatedAt, NpgsqlDbType.TimestampTz, ct);
            }
            await copy.CompleteAsync(ct);
        }
        // Column names are the constant above, never input.
        var updates = string.Join(", ", columns.Split(", ").Skip(1).Select(c => $"{c} = excluded.{c}"));
        var upsert = $"INSERT INTO teachers ({columns}) SELECT {columns} FROM teacher_upload ON CONFLICT (id) DO UPDATE SET {updates}";
        await db.Database.ExecuteSqlRawAsync(upsert, ct);
    }
}
