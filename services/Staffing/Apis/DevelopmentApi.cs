using EduPlatform.Contracts.Facilities;
using EduPlatform.Contracts.Staffing;
using EduPlatform.Kernel;
using EduPlatform.Messaging;
using EduPlatform.Registry;
using EduPlatform.ServiceDefaults;
using EduPlatform.WebApi;
using EduPlatform.WebApi.Access;
using EduPlatform.Staffing.Domain;
using EduPlatform.Staffing.Infrastructure;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace EduPlatform.Staffing.Apis;

/// <summary>Training hours, urban–rural exchanges and honours for long rural service.</summary>
public static class DevelopmentApi
{
    public static IEndpointRouteBuilder MapDevelopmentApi(this IEndpointRouteBuilder app)
    {
        app.MapPost("/api/teachers/{id:guid}/training", PostTraining).WithTags("Training").ForTeacherInRoute();
        app.MapPost("/api/counties/{county}/training", PostCountyTraining).WithTags("Training").ForCountyInRoute()
            .AcceptsRows<TrainingRow>();
        app.MapGet("/api/counties/{county}/training-shortfall", GetTrainingShortfall).WithTags("Training").PersonalData();
        app.MapPost("/api/exchanges", PostExchange).WithTags("Exchanges")
            .ForCounty(context => context.Arguments.OfType<ExchangeRequest>().FirstOrDefault() is { } exchange
                ? TeacherCounties.MoveAsync(context.HttpContext, exchange.TeacherId, exchange.ToSchoolCode)
                : ValueTask.FromResult<string?>(null));
        app.MapPost("/api/counties/{county}/exchanges", PostCountyExchanges).WithTags("Exchanges").ForCountyInRoute()
            .AcceptsRows<ExchangeRow>();
        app.MapGet("/api/counties/{county}/years/{year:int}/exchanges", GetExchanges).WithTags("Exchanges").PersonalData();
        app.MapGet("/api/counties/{county}/honours-due", GetHonoursDue).WithTags("Honours").PersonalData();
        app.MapPost("/api/teachers/{id:guid}/honours", PostHonour).WithTags("Honours").ForTeacherInRoute();
        app.MapPost("/api/counties/{county}/honours", PostCountyHonours).WithTags("Honours").ForCountyInRoute()
            .AcceptsRows<HonourRow>();
        return app;
    }

    public sealed record TrainingOutcome(int Received, int Recorded, int Unchanged);

    public sealed record TrainingRequest(string? Course, DateOnly? StartDate, DateOnly? EndDate, decimal? Hours);

    /// <summary>One completed course of one teacher. The same course again changes nothing; other figures for it are 409.</summary>
    public static async Task<Results<Ok<TrainingOutcome>, ValidationProblem, ProblemHttpResult, NotFound>> PostTraining(Guid id,
        TrainingRequest request, StaffingDbContext db, TimeProvider clock, IOptions<ExchangeOptions> options, CancellationToken ct)
    {
        var county = await db.Teachers.Where(t => t.Id == id).Select(t => t.CountyCode).SingleOrDefaultAsync(ct);
        if (county is null)
        {
            return TypedResults.NotFound();
        }
        var row = new Located<TrainingRow>("", new TrainingRow(id, request.Course, request.StartDate, request.EndDate, request.Hours));
        return await WriteTrainingAsync(county, [row], db, clock, options.Value, ct);
    }

    /// <summary>A county's training records (JSON array or CSV: teacherId, course, startDate, endDate, hours).</summary>
    public static async Task<Results<Ok<TrainingOutcome>, ValidationProblem, ProblemHttpResult, NotFound>> PostCountyTraining(string county,
        HttpRequest request, StaffingDbContext db, TimeProvider clock, IOptions<ExchangeOptions> options, CancellationToken ct)
    {
        var (rows, unreadable) = await BulkInput.ReadAsync<TrainingRow>(request, "training", ct);
        return unreadable.Any ? BulkInput.Refused(unreadable) : await WriteTrainingAsync(county, rows, db, clock, options.Value, ct);
    }

    private static async Task<Results<Ok<TrainingOutcome>, ValidationProblem, ProblemHttpResult, NotFound>> WriteTrainingAsync(string county,
        List<Located<TrainingRow>> rows, StaffingDbContext db, TimeProvider clock, ExchangeOptions options, CancellationToken ct)
    {
        await using var write = await db.BeginCountyWriteAsync(county, ct);
        var ids = rows.Select(r => r.Row.TeacherId).OfType<Guid>().ToHashSet();
        var teachers = await db.Teachers.AsNoTracking().Where(t => ids.Contains(t.Id) && t.CountyCode == county).ToDictionaryAsync(t => t.Id, ct);
        var recorded = await db.Training.AsNoTracking().Where(r => ids.Contains(r.TeacherId))
            .ToDictionaryAsync(r => (r.TeacherId, r.Course, r.StartDate), ct);
        var now = clock.GetUtcNow();
        var problems = new Problems();
        var (records, conflicts) = TrainingRules.Validate(rows, teachers, recorded, DateOnly.FromDateTime(now.UtcDateTime), options, now, problems);
        if (problems.Any)
        {
            return BulkInput.Refused(problems);
        }
        if (conflicts.Any)
        {
            return Conflicted(conflicts, "These courses are already recorded with other figures; nothing was stored.");
        }
        db.Training.AddRange(records);
        await db.AddEventsInBulkAsync(records.Select(r => (object)new TrainingRecorded(r.Id, r.TeacherId, teachers[r.TeacherId].SchoolCode,
            county, r.StartDate, r.EndDate, r.Hours, now)), clock, ct);
        await write.CommitAsync(ct);
        return TypedResults.Ok(new TrainingOutcome(rows.Count, records.Count, rows.Count - records.Count));
    }

    // One lock per county for its exchanges, and one for its awards, taken by the single and the bulk endpoints alike:
    // a lock per teacher named would let an upload of a hundred thousand rows exhaust PostgreSQL's lock table.
    private static string ExchangesLock(string county) => $"staffing-exchanges:{county}";
    private static string HonoursLock(string county) => $"staffing-honours:{county}";

    /// <summary>409 listing, by row, what the department's rules refuse; nothing was stored.</summary>
    private static ProblemHttpResult Conflicted(Problems conflicts, string title) =>
        TypedResults.Problem(new HttpValidationProblemDetails(conflicts.ToDictionary()) { Status = StatusCodes.Status409Conflict, Title = title });

    /// <summary>What a county's upload did: rows received, records stored, identical repeats left as they were.</summary>
    public sealed record RecordsOutcome(int Received, int Recorded, int Unchanged);

    public sealed record ShortfallDto(Guid TeacherId, string Name, string SchoolCode, bool Rural, decimal Hours, decimal Short);

    /// <summary>The county's active full-time teachers with fewer than 360 training hours in the five years before <paramref name="asOf"/> (default today).</summary>
    public static async Task<Ok<ShortfallDto[]>> GetTrainingShortfall(string county, DateOnly? asOf, StaffingDbContext db, TimeProvider clock,
        IOptions<ExchangeOptions> options, CancellationToken ct)
    {
        var date = asOf ?? clock.Today();
        var from = date.AddYears(-5);
        var due = options.Value.TrainingHoursDue;
        var rows = await db.Teachers.AsNoTracking().Where(t => t.CountyCode == county && t.LeftOn == null && t.FullTime)
            .Select(t => new
            {
                t.Id, t.Name, t.SchoolCode,
                Rural = db.Schools.Any(s => s.Code == t.SchoolCode && s.Location == Location.Rural),
                Hours = db.Training.Where(r => r.TeacherId == t.Id && r.EndDate > from && r.EndDate <= date).Sum(r => (decimal?)r.Hours) ?? 0,
            })
            .Where(x => x.Hours < due).OrderBy(x => x.SchoolCode).ThenBy(x => x.Hours).ToListAsync(ct);
        return TypedResults.Ok(rows.Select(x => new ShortfallDto(x.Id, x.Name, x.SchoolCode, x.Rural, x.Hours, due - x.Hours)).ToArray());
    }

    public sealed record ExchangeRequest(Guid? TeacherId, int? Year, string? ToSchoolCode, DateOnly? StartDate, bool? RuralAllowance);

    public sealed record ExchangeDto(Guid Id, Guid TeacherId, int Year, string FromSchoolCode, string ToSchoolCode, bool Backbone,
        bool RuralAllowance, DateOnly StartDate);

    /// <summary>
    /// Sends an eligible teacher (same urban or town school for the configured years) to a rural school
    /// for a school year. Not eligible, or already on exchange that year with other details: 409.
    /// </summary>
    public static async Task<Results<Created<ExchangeDto>, Ok<ExchangeDto>, ValidationProblem, ProblemHttpResult>> PostExchange(
        ExchangeRequest request, StaffingDbContext db, TimeProvider clock, IOptions<ExchangeOptions> options, TeacherWriter writer,
        CancellationToken ct)
    {
        var problems = new Problems();
        var teacherId = problems.Required("", "teacherId", request.TeacherId);
        var year = problems.Required("", "year", request.Year);
        if (year is { } y)
        {
            Codes.CheckYear(y, problems);
        }
        var start = problems.Required("", "startDate", request.StartDate);
        var allowance = problems.Required("", "ruralAllowance", request.RuralAllowance);
        var teacher = teacherId is { } id ? await db.Teachers.AsNoTracking().SingleOrDefaultAsync(t => t.Id == id, ct) : null;
        if (teacherId is not null && teacher is null)
        {
            problems.Error("", "teacherId", $"Teacher {teacherId} is unknown.");
        }
        // The home school is read here too; without a known teacher there is no county to judge the target by.
        var home = teacher?.SchoolCode;
        var registry = await db.Schools.AsNoTracking().Where(s => s.Code == request.ToSchoolCode || s.Code == home)
            .ToDictionaryAsync(s => s.Code, ct);
        var to = teacher is null ? null : RegistryChecks.School("", request.ToSchoolCode, teacher.CountyCode, registry, problems, "toSchoolCode");
        if (to is not null && to.Location != Location.Rural)
        {
            problems.Error("", "toSchoolCode", $"School {to.Code} ({to.Name}) is not a rural school; exchanges go to rural schools.");
        }
        if (problems.Any)
        {
            return BulkInput.Refused(problems);
        }
        await using var write = await db.BeginWriteAsync(ct, ExchangesLock(teacher!.CountyCode));
        var existing = await db.Exchanges.AsNoTracking().SingleOrDefaultAsync(e => e.TeacherId == teacher.Id && e.Year == year, ct);
        if (existing is not null)
        {
            return existing.ToSchoolCode == to!.Code && existing.StartDate == start && existing.RuralAllowance == allowance
                ? TypedResults.Ok(ToDto(existing))
                : TypedResults.Problem(statusCode: StatusCodes.Status409Conflict, title: "Already on exchange",
                    detail: $"The teacher is already on exchange to {existing.ToSchoolCode} in {year}.");
        }
        var from = registry.GetValueOrDefault(teacher.SchoolCode);
        if (from is null || !ExchangeRules.IsEligible(teacher, from.Location, year!.Value, options.Value))
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status409Conflict, title: "The teacher is not eligible for exchange",
                detail: $"Eligible in {year}: an active full-time teacher at the same urban or town school since " +
                        $"{ExchangeRules.YearStart(year!.Value).AddYears(-options.Value.MinYearsAtSchool):yyyy-MM-dd} or earlier.");
        }
        var now = clock.GetUtcNow();
        var exchange = ExchangeRows.New(teacher, to!.Code, year.Value, start!.Value, allowance!.Value, now);
        db.Exchanges.Add(exchange);
        db.AddEvent(ExchangeRows.Recorded(exchange), clock);
        await writer.AnnounceEligibilityAsync(teacher.CountyCode, exchange.Year, ct);
        await write.CommitAsync(ct);
        return TypedResults.Created($"/api/counties/{teacher.CountyCode}/years/{year}/exchanges", ToDto(exchange));
    }

    /// <summary>
    /// A county's exchanges at once (JSON array or CSV: teacherId, year, toSchoolCode, startDate, ruralAllowance), by the
    /// rules of POST /api/exchanges, all or nothing: a malformed row is 400, a teacher not eligible or already on
    /// another exchange that year is 409 (naming the row); an identical repeat changes nothing.
    /// </summary>
    public static async Task<Results<Ok<RecordsOutcome>, ValidationProblem, ProblemHttpResult>> PostCountyExchanges(string county,
        HttpRequest request, StaffingDbContext db, TimeProvider clock, IOptions<ExchangeOptions> options, TeacherWriter writer, CancellationToken ct)
    {
        var (rows, unreadable) = await BulkInput.ReadAsync<ExchangeRow>(request, "exchanges", ct);
        if (unreadable.Any)
        {
            return BulkInput.Refused(unreadable);
        }
        var ids = rows.Select(r => r.Row.TeacherId).OfType<Guid>().ToHashSet();
        await using var write = await db.BeginWriteAsync(ct, ExchangesLock(county));
        var teachers = await db.Teachers.AsNoTracking().Where(t => ids.Contains(t.Id) && t.CountyCode == county).ToDictionaryAsync(t => t.Id, ct);
        var codes = rows.Select(r => r.Row.ToSchoolCode).OfType<string>().Concat(teachers.Values.Select(t => t.SchoolCode)).ToHashSet();
        var registry = await db.Schools.AsNoTracking().Where(s => codes.Contains(s.Code)).ToDictionaryAsync(s => s.Code, ct);
        var recorded = await db.Exchanges.AsNoTracking().Where(e => ids.Contains(e.TeacherId)).ToDictionaryAsync(e => (e.TeacherId, e.Year), ct);
        var now = clock.GetUtcNow();
        var problems = new Problems();
        var (exchanges, conflicts) = ExchangeRows.Validate(rows, county, teachers, registry, recorded, options.Value, now, problems);
        if (problems.Any)
        {
            return BulkInput.Refused(problems);
        }
        if (conflicts.Any)
        {
            return Conflicted(conflicts, "These exchanges break the exchange rules or contradict recorded ones; nothing was stored.");
        }
        db.Exchanges.AddRange(exchanges);
        await db.AddEventsInBulkAsync(exchanges.Select(e => (object)ExchangeRows.Recorded(e)), clock, ct);
        foreach (var year in exchanges.Select(e => e.Year).Distinct().Order())
        {
            await writer.AnnounceEligibilityAsync(county, year, ct);
        }
        await write.CommitAsync(ct);
        return TypedResults.Ok(new RecordsOutcome(rows.Count, exchanges.Count, rows.Count - exchanges.Count));
    }

    private static ExchangeDto ToDto(Exchange e) =>
        new(e.Id, e.TeacherId, e.Year, e.FromSchoolCode, e.ToSchoolCode, e.Backbone, e.RuralAllowance, e.StartDate);

    public sealed record ExchangesDto(string CountyCode, int Year, int Eligible, int Exchanged, int ExchangedBackbone, int WithRuralAllowance,
        decimal? ExchangePercent, decimal? BackbonePercent, ExchangeDto[] Exchanges);

    /// <summary>The county's exchanges in the year so far: exchanged ÷ eligible (≥ 10 %), backbone ÷ exchanged (≥ 20 %).</summary>
    public static async Task<Ok<ExchangesDto>> GetExchanges(string county, int year, StaffingDbContext db, TeacherWriter writer,
        CancellationToken ct)
    {
        var (eligible, _) = await writer.CountEligibleAsync(county, year, ct);
        var exchanges = await db.Exchanges.AsNoTracking().Where(e => e.CountyCode == county && e.Year == year).OrderBy(e => e.StartDate).ToListAsync(ct);
        static decimal? Percent(int part, int all) => all == 0 ? null : Math.Round(part * 100m / all, 2, MidpointRounding.AwayFromZero);
        var backbone = exchanges.Count(e => e.Backbone);
        return TypedResults.Ok(new ExchangesDto(county, year, eligible, exchanges.Count, backbone, exchanges.Count(e => e.RuralAllowance),
            Percent(exchanges.Count, eligible), Percent(backbone, exchanges.Count), exchanges.Select(ToDto).ToArray()));
    }

    public sealed record HonourDueDto(Guid TeacherId, string Name, string SchoolCode, int RuralYears, HonourLevel Level);

    /// <summary>Active teachers due an honour: ≥ 10 consecutive rural years a county certificate, ≥ 15 a city one, not yet awarded.</summary>
    public static async Task<Ok<HonourDueDto[]>> GetHonoursDue(string county, StaffingDbContext db, CancellationToken ct)
    {
        var candidates = await db.Teachers.AsNoTracking().Where(t => t.CountyCode == county && t.LeftOn == null && t.RuralYears >= 10)
            .Select(t => new { t.Id, t.Name, t.SchoolCode, t.RuralYears, Awarded = db.Honours.Where(h => h.TeacherId == t.Id).Select(h => h.Level).ToList() })
            .ToListAsync(ct);
        return TypedResults.Ok(candidates.SelectMany(t => Honours.Due(t.RuralYears).Except(t.Awarded)
                .Select(level => new HonourDueDto(t.Id, t.Name, t.SchoolCode, t.RuralYears, level)))
            .OrderBy(d => d.SchoolCode).ThenBy(d => d.Level).ToArray());
    }

    public sealed record HonourRequest(string? Level, int? Year, string? DocumentReference);

    /// <summary>Records an award; refused (409) when the teacher is not due it or already holds it.</summary>
    public static async Task<Results<Ok<HonourRequest>, ValidationProblem, ProblemHttpResult, NotFound>> PostHonour(Guid id, HonourRequest request,
        StaffingDbContext db, TimeProvider clock, CancellationToken ct)
    {
        var teacher = await db.Teachers.AsNoTracking().SingleOrDefaultAsync(t => t.Id == id, ct);
        if (teacher is null)
        {
            return TypedResults.NotFound();
        }
        var problems = new Problems();
        var level = problems.Enum<HonourLevel>("", "level", request.Level);
        var year = problems.Required("", "year", request.Year);
        if (year is { } y)
        {
            Codes.CheckYear(y, problems);
        }
        var document = request.DocumentReference?.Trim();
        if (string.IsNullOrEmpty(document) || document.Length > 200)
        {
            problems.Error("", "documentReference", "documentReference is required, at most 200 characters.");
        }
        if (problems.Any)
        {
            return BulkInput.Refused(problems);
        }
        if (!Honours.Due(teacher.RuralYears).Contains(level!.Value))
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status409Conflict, title: "Not due",
                detail: $"A {Problems.KebabCase(level.Value)} certificate needs {Honours.YearsFor(level.Value)} consecutive rural years; the teacher has {teacher.RuralYears}.");
        }
        await using var write = await db.BeginWriteAsync(ct, HonoursLock(teacher.CountyCode)); // two awards of one teacher at once: the second sees the first
        if (await db.Honours.AnyAsync(h => h.TeacherId == id && h.Level == level, ct))
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status409Conflict, title: "Already awarded",
                detail: $"The teacher already holds the {Problems.KebabCase(level.Value)} certificate.");
        }
        var now = clock.GetUtcNow();
        var honour = new Honour { TeacherId = id, Level = level.Value, Year = year!.Value, DocumentReference = document!, RecordedAt = now };
        db.Honours.Add(honour);
        db.AddEvent(HonourRows.Awarded(honour, teacher.CountyCode, teacher.RuralYears), clock);
        await write.CommitAsync(ct);
        return TypedResults.Ok(request);
    }

    /// <summary>
    /// A county's awards at once (JSON array or CSV: teacherId, level, year, documentReference), by the rules of
    /// POST /api/teachers/{id}/honours, all or nothing: a malformed row is 400, an award not due or held with another
    /// year or document is 409 (naming the row); an identical repeat changes nothing.
    /// </summary>
    public static async Task<Results<Ok<RecordsOutcome>, ValidationProblem, ProblemHttpResult>> PostCountyHonours(string county,
        HttpRequest request, StaffingDbContext db, TimeProvider clock, CancellationToken ct)
    {
        var (rows, unreadable) = await BulkInput.ReadAsync<HonourRow>(request, "honours", ct);
        if (unreadable.Any)
        {
            return BulkInput.Refused(unreadable);
        }
        var ids = rows.Select(r => r.Row.TeacherId).OfType<Guid>().ToHashSet();
        await using var write = await db.BeginWriteAsync(ct, HonoursLock(county));
        var teachers = await db.Teachers.AsNoTracking().Where(t => ids.Contains(t.Id) && t.CountyCode == county).ToDictionaryAsync(t => t.Id, ct);
        var awarded = await db.Honours.AsNoTracking().Where(h => ids.Contains(h.TeacherId)).ToDictionaryAsync(h => (h.TeacherId, h.Level), ct);
        var now = clock.GetUtcNow();
        var problems = new Problems();
        var (honours, conflicts) = HonourRows.Validate(rows, county, teachers, awarded, now, problems);
        if (problems.Any)
        {
            return BulkInput.Refused(problems);
        }
        if (conflicts.Any)
        {
            return Conflicted(conflicts, "These awards are not due or contradict recorded ones; nothing was stored.");
        }
        db.Honours.AddRange(honours);
        await db.AddEventsInBulkAsync(honours.Select(h => (object)HonourRows.Awarded(h, county, teachers[h.TeacherId].RuralYears)), clock, ct);
        await write.CommitAsync(ct);
        return TypedResults.Ok(new RecordsOutcome(rows.Count, honours.Count, rows.Count - honours.Count));
    }
}
