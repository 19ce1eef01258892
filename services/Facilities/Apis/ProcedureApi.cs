using EduPlatform.Contracts.Facilities;
using EduPlatform.Facilities.Domain;
using EduPlatform.Facilities.Infrastructure;
using EduPlatform.Kernel;
using EduPlatform.Messaging;
using EduPlatform.ServiceDefaults;
using EduPlatform.WebApi;
using EduPlatform.WebApi.Access;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace EduPlatform.Facilities.Apis;

/// <summary>
/// Closures (撤并) and restorations (恢复办学): opened for a school, then 制定方案 → 论证 → 公示 → 听证 → 报批
/// recorded in that order, each with its date and document; only then does the change take effect,
/// and a closure only once the school receiving its students is operating (先建后撤).
/// </summary>
public static class ProcedureApi
{
    public static IEndpointRouteBuilder MapProcedureApi(this IEndpointRouteBuilder app)
    {
        app.MapPost("/api/schools/{code}/procedures", OpenProcedure).WithTags("Closures and restorations").ForSchoolInRoute();
        app.MapGet("/api/counties/{county}/procedures", ListProcedures).WithTags("Closures and restorations");
        var procedures = app.MapGroup("/api/procedures/{id:guid}").WithTags("Closures and restorations").ForCounty(CountyOfProcedure);
        procedures.MapGet("/", GetProcedure);
        procedures.MapPut("/steps/{step}", PutStep);
        procedures.MapPut("/completion", Complete);
        return app;
    }

    public sealed record StepDto(int Number, ProcedureStep Step, string Name, DateOnly Date, string DocumentReference);

    public sealed record ProcedureDto(Guid Id, string SchoolCode, string CountyCode, ProcedureKind Kind, string? ReceivingSchoolCode,
        DateTimeOffset OpenedAt, StepDto[] Steps, ProcedureStep? NextStep, bool Completed, DateOnly? EffectiveDate);

    public static ProcedureDto ToDto(Procedure p) => new(p.Id, p.SchoolCode, p.CountyCode, p.Kind, p.ReceivingSchoolCode, p.OpenedAt,
        p.Steps.OrderBy(s => Procedure.Number(s.Step))
            .Select(s => new StepDto(Procedure.Number(s.Step), s.Step, Procedure.ChineseNames[s.Step], s.Date, s.DocumentReference)).ToArray(),
        p.CompletedAt is null ? p.NextStep : null, p.CompletedAt is not null, p.EffectiveDate);

    /// <summary>The county of the procedure a step or completion names (for a county office's access).</summary>
    private static async ValueTask<string?> CountyOfProcedure(EndpointFilterInvocationContext context)
    {
        var http = context.HttpContext;
        return Guid.TryParse(http.Request.RouteValues["id"] as string, out var id)
            ? await http.RequestServices.GetRequiredService<FacilitiesDbContext>().Procedures
                .Where(p => p.Id == id).Select(p => p.CountyCode).FirstOrDefaultAsync(http.RequestAborted)
            : null;
    }

    public sealed record OpenProcedureRequest(string? Kind, string? ReceivingSchoolCode);

    /// <summary>Opens a closure (naming the receiving school) or a restoration for a school; one open procedure per school.</summary>
    public static async Task<Results<Created<ProcedureDto>, ValidationProblem, NotFound, ProblemHttpResult>> OpenProcedure(
        string code, OpenProcedureRequest request, FacilitiesDbContext db, TimeProvider clock, CancellationToken ct)
    {
        var school = await db.Schools.AsNoTracking().SingleOrDefaultAsync(s => s.Code == code, ct);
        if (school is null)
        {
            return TypedResults.NotFound();
        }
        var problems = new Problems();
        var kind = problems.Enum<ProcedureKind>("", "kind", request.Kind);
        var receiving = request.ReceivingSchoolCode?.Trim();
        if (kind == ProcedureKind.Closure)
        {
            if (string.IsNullOrEmpty(receiving))
            {
                problems.Error("", "receivingSchoolCode", "A closure names the school that will take its students in (先建后撤).");
            }
            else if (receiving == code)
            {
                problems.Error("", "receivingSchoolCode", "A school cannot receive its own students.");
            }
            else if (!await db.Schools.AnyAsync(s => s.Code == receiving, ct))
            {
                problems.Error("", "receivingSchoolCode", $"School {receiving} is not in the registry.");
            }
        }
        else if (kind == ProcedureKind.Restoration && !string.IsNullOrEmpty(receiving))
        {
            problems.Error("", "receivingSchoolCode", "A restoration has no receiving school.");
        }
        if (problems.Any)
        {
            return BulkInput.Refused(problems);
        }
        if (kind == ProcedureKind.Closure && school.Status != SchoolStatus.Operating)
        {
            return Conflict("The school is not operating", $"School {code} is already closed.");
        }
        if (kind == ProcedureKind.Restoration && school.Status != SchoolStatus.Closed)
        {
            return Conflict("The school is operating", $"Only a closed school can be restored; school {code} is operating.");
        }
        if (await db.Procedures.AnyAsync(p => p.SchoolCode == code && p.CompletedAt == null, ct))
        {
            return Conflict("A procedure is already open", $"School {code} already has an open procedure; complete it first.");
        }
        var procedure = new Procedure
        {
            Id = Guid.CreateVersion7(), SchoolCode = code, CountyCode = school.CountyCode, Kind = kind!.Value,
            ReceivingSchoolCode = kind == ProcedureKind.Closure ? receiving : null, OpenedAt = clock.GetUtcNow(),
        };
        db.Procedures.Add(procedure);
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException ex) when (ex.InnerException is Npgsql.PostgresException { SqlState: Npgsql.PostgresErrorCodes.UniqueViolation })
        {
            // Two clerks opened one at the same moment: the unique index let only one in.
            return Conflict("A procedure is already open", $"School {code} already has an open procedure; complete it first.");
        }
        return TypedResults.Created($"/api/procedures/{procedure.Id}", ToDto(procedure));
    }

    /// <summary>One closure or restoration procedure, with its steps in order.</summary>
    public static async Task<Results<Ok<ProcedureDto>, NotFound>> GetProcedure(Guid id, FacilitiesDbContext db, CancellationToken ct) =>
        await db.Procedures.AsNoTracking().SingleOrDefaultAsync(p => p.Id == id, ct) is { } p ? TypedResults.Ok(ToDto(p)) : TypedResults.NotFound();

    /// <summary>Each closure's and restoration's progress in the county, open ones first.</summary>
    public static async Task<Ok<ProcedureDto[]>> ListProcedures(string county, FacilitiesDbContext db, CancellationToken ct) =>
        TypedResults.Ok((await db.Procedures.AsNoTracking().Where(p => p.CountyCode == county)
            .OrderBy(p => p.CompletedAt != null).ThenBy(p => p.OpenedAt).ToListAsync(ct)).Select(ToDto).ToArray());

    public sealed record StepRequest(DateOnly? Date, string? DocumentReference);

    /// <summary>
    /// Records one step ("plan", "assessment", "publicity", "hearing", "approval", or 制定方案 … 报批).
    /// Repeating a recorded step with the same date and document changes nothing; out of order is 409.
    /// </summary>
    public static async Task<Results<Ok<ProcedureDto>, ValidationProblem, NotFound, ProblemHttpResult>> PutStep(
        Guid id, string step, StepRequest request, FacilitiesDbContext db, TimeProvider clock, CancellationToken ct)
    {
        var problems = new Problems();
        var which = problems.Enum("", "step", step, Procedure.ChineseNames.ToDictionary(e => e.Value, e => e.Key));
        var date = problems.Required("", "date", request.Date);
        var document = request.DocumentReference?.Trim();
        if (string.IsNullOrEmpty(document) || document.Length > 200)
        {
            problems.Error("", "documentReference", "documentReference (文号, the document's reference) is required, at most 200 characters.");
        }
        var today = clock.Today();
        if (date > today.AddDays(1))
        {
            problems.Error("", "date", $"A step is recorded once it has happened; {date:yyyy-MM-dd} is in the future.");
        }
        if (problems.Any)
        {
            return BulkInput.Refused(problems);
        }
        await using var write = await db.BeginWriteAsync(ct);
        if (await LockedAsync(id, db, write, ct) is not { } procedure)
        {
            return TypedResults.NotFound();
        }
        if (procedure.Recorded(which!.Value) is { } done && done.Date == date && done.DocumentReference == document)
        {
            return TypedResults.Ok(ToDto(procedure));
        }
        if (procedure.RefuseStep(which.Value, date!.Value) is { } refusal)
        {
            return Conflict("The step cannot be recorded", refusal);
        }
        var now = clock.GetUtcNow();
        procedure.Steps.Add(new ProcedureStepRecord
        {
            ProcedureId = procedure.Id, Step = which.Value, Date = date.Value, DocumentReference = document!, RecordedAt = now,
        });
        db.AddEvent(new ProcedureStepRecorded(procedure.Id, procedure.SchoolCode, procedure.CountyCode, procedure.Kind, which.Value,
            Procedure.Number(which.Value), date.Value, document!, now), clock);
        await write.CommitAsync(ct);
        return TypedResults.Ok(ToDto(procedure));
    }

    public sealed record CompletionRequest(DateOnly? EffectiveDate);

    /// <summary>
    /// Puts the closure or restoration into effect: the school's status changes and both facts are
    /// announced. Refused (409) until all five steps are recorded, and for a closure while the receiving
    /// school is not operating. Repeating a completion changes nothing.
    /// </summary>
    public static async Task<Results<Ok<ProcedureDto>, ValidationProblem, NotFound, ProblemHttpResult>> Complete(
        Guid id, CompletionRequest request, FacilitiesDbContext db, TimeProvider clock, CancellationToken ct)
    {
        var problems = new Problems();
        var effective = problems.Required("", "effectiveDate", request.EffectiveDate);
        if (problems.Any)
        {
            return BulkInput.Refused(problems);
        }
        await using var write = await db.BeginWriteAsync(ct);
        if (await LockedAsync(id, db, write, ct) is not { } procedure)
        {
            return TypedResults.NotFound();
        }
        if (procedure.CompletedAt is not null)
        {
            return procedure.EffectiveDate == effective
                ? TypedResults.Ok(ToDto(procedure))
                : Conflict("The procedure is completed", $"It took effect on {procedure.EffectiveDate:yyyy-MM-dd}.");
        }
        var receiving = procedure.ReceivingSchoolCode is { } r
            ? await db.Schools.Where(s => s.Code == r).Select(s => (SchoolStatus?)s.Status).SingleOrDefaultAsync(ct)
            : null;
        if (procedure.RefuseCompletion(effective!.Value, receiving) is { } refusal)
        {
            return Conflict("The procedure cannot take effect", refusal);
        }
        var school = await db.Schools.SingleAsync(s => s.Code == procedure.SchoolCode, ct);
        var now = clock.GetUtcNow();
        procedure.CompletedAt = now;
        procedure.EffectiveDate = effective;
        school.Status = procedure.Kind == ProcedureKind.Closure ? SchoolStatus.Closed : SchoolStatus.Operating;
        var (entry, recorded) = school.Changed(now, procedure.Kind == ProcedureKind.Closure ? "closed (撤并)" : "restored (恢复办学)");
        db.SchoolHistory.Add(entry);
        db.AddEvent(new ProcedureCompleted(procedure.Id, procedure.SchoolCode, procedure.CountyCode, procedure.Kind,
            procedure.ReceivingSchoolCode, effective.Value, procedure.Recorded(ProcedureStep.Plan)!.Date,
            procedure.Recorded(ProcedureStep.Approval)!.Date, now), clock);
        db.AddEvent(recorded, clock);
        await write.CommitAsync(ct);
        return TypedResults.Ok(ToDto(procedure));
    }

    /// <summary>
    /// The procedure read under its county's lock (taken by the caller's write), so a concurrent
    /// step or completion is seen, not overwritten.
    /// </summary>
    private static async Task<Procedure?> LockedAsync(Guid id, FacilitiesDbContext db, Write write, CancellationToken ct)
    {
        var county = await db.Procedures.Where(p => p.Id == id).Select(p => p.CountyCode).SingleOrDefaultAsync(ct);
        if (county is null)
        {
            return null;
        }
        await write.LockAsync([TransactionLocks.CountyKey(county)], ct);
        return await db.Procedures.SingleAsync(p => p.Id == id, ct);
    }

    private static ProblemHttpResult Conflict(string title, string detail) =>
        TypedResults.Problem(statusCode: StatusCodes.Status409Conflict, title: title, detail: detail);
}
