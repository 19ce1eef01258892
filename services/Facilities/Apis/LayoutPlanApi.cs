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

/// <summary>A county's school layout plan: what it keeps, builds, merges or closes, and restores, by when.</summary>
public static class LayoutPlanApi
{
    public static IEndpointRouteBuilder MapLayoutPlanApi(this IEndpointRouteBuilder app)
    {
        var plan = app.MapGroup("/api/counties/{county}/layout-plan").WithTags("Layout plans").ForCountyInRoute();
        plan.MapGet("/", GetPlan);
        plan.MapPut("/", PutPlan);
        return app;
    }

    public sealed record PlanItemRequest(string? SchoolCode, string? PlannedName, string? Action, int? TargetYear,
        string? PlannedLocation, string? PlannedType);

    public sealed record PutPlanRequest(string? DocumentReference, PlanItemRequest[]? Items);

    /// <summary>
    /// Adopts or revises the county's plan as a whole. "build" items name a planned new school (no code
    /// yet, with its planned location and type); the others name a registered school of the county.
    /// Sending the same plan again changes nothing.
    /// </summary>
    public static async Task<Results<Ok<PlanDto>, ValidationProblem>> PutPlan(string county, PutPlanRequest request,
        FacilitiesDbContext db, TimeProvider clock, CancellationToken ct)
    {
        var problems = await Counties.CheckCountyAsync(county, db, ct);
        if (problems.Any)
        {
            return BulkInput.Refused(problems);
        }
        var rows = BulkInput.Locate(request.Items, "items");
        if (rows.Count == 0)
        {
            problems.Error("", "items", "A layout plan lists at least one school.");
        }
        var codes = rows.Select(r => r.Row.SchoolCode).OfType<string>().ToList();
        var schools = await db.Schools.AsNoTracking().Where(s => codes.Contains(s.Code)).ToDictionaryAsync(s => s.Code, ct);
        var items = LayoutPlanRules.Validate(county,
            [.. rows.Select(r => new Located<LayoutPlanRow>(r.Where, new LayoutPlanRow(r.Row.SchoolCode, r.Row.PlannedName, r.Row.Action,
                r.Row.TargetYear, r.Row.PlannedLocation, r.Row.PlannedType)))], schools, problems);
        if (problems.Any)
        {
            return BulkInput.Refused(problems);
        }

        await using var write = await db.BeginCountyWriteAsync(county, ct);
        var plan = await db.LayoutPlans.Include(p => p.Items).SingleOrDefaultAsync(p => p.CountyCode == county, ct);
        var document = request.DocumentReference?.Trim();
        static object Key(LayoutPlanItem i) => (i.SchoolCode, i.PlannedName, i.Action, i.TargetYear, i.PlannedLocation, i.PlannedType);
        if (plan is not null && plan.DocumentReference == document
            && plan.Items.Select(Key).Order().SequenceEqual(items.Select(Key).Order()))
        {
            return TypedResults.Ok(await ToDtoAsync(plan, db, ct)); // the same plan again
        }
        if (plan is null)
        {
            plan = new LayoutPlan { CountyCode = county };
            db.LayoutPlans.Add(plan);
        }
        db.LayoutPlanItems.RemoveRange(plan.Items);
        plan.Items.Clear();
        plan.Items.AddRange(items);
        plan.DocumentReference = document;
        plan.Version++;
        plan.UpdatedAt = clock.GetUtcNow();
        int Count(LayoutAction a) => items.Count(i => i.Action == a);
        db.AddEvent(new LayoutPlanRecorded(county, plan.Version, Count(LayoutAction.Keep), Count(LayoutAction.Build),
            Count(LayoutAction.MergeClose), Count(LayoutAction.Restore), items.Max(i => i.TargetYear), plan.UpdatedAt), clock);
        await write.CommitAsync(ct);
        return TypedResults.Ok(await ToDtoAsync(plan, db, ct));
    }

    public sealed record PlanItemDto(string? SchoolCode, string? Name, LayoutAction Action, int TargetYear, Location? Location,
        SchoolType? Type, SchoolStatus? Status, string Progress);

    public sealed record PlanDto(string CountyCode, string? DocumentReference, long Version, DateTimeOffset UpdatedAt, PlanItemDto[] Items);

    /// <summary>The county's layout plan, each item with its progress (planned, under way, registered, closed).</summary>
    public static async Task<Results<Ok<PlanDto>, NotFound>> GetPlan(string county, FacilitiesDbContext db, CancellationToken ct) =>
        await db.LayoutPlans.AsNoTracking().Include(p => p.Items).SingleOrDefaultAsync(p => p.CountyCode == county, ct) is { } plan
            ? TypedResults.Ok(await ToDtoAsync(plan, db, ct))
            : TypedResults.NotFound();

    /// <summary>The plan with each item's progress: a closure's steps so far, whether a planned school is open.</summary>
    private static async Task<PlanDto> ToDtoAsync(LayoutPlan plan, FacilitiesDbContext db, CancellationToken ct)
    {
        var codes = plan.Items.Select(i => i.SchoolCode).OfType<string>().ToList();
        var schools = await db.Schools.AsNoTracking().Where(s => codes.Contains(s.Code)).ToDictionaryAsync(s => s.Code, ct);
        var procedures = (await db.Procedures.AsNoTracking().Where(p => codes.Contains(p.SchoolCode)).ToListAsync(ct))
            .ToLookup(p => p.SchoolCode);
        var names = plan.Items.Where(i => i.PlannedName is not null).Select(i => i.PlannedName!).ToList();
        var opened = (await db.Schools.AsNoTracking().Where(s => s.CountyCode == plan.CountyCode && names.Contains(s.Name))
            .Select(s => s.Name).ToListAsync(ct)).ToHashSet();

        string Progress(LayoutPlanItem item)
        {
            if (item.Action == LayoutAction.Build)
            {
                return opened.Contains(item.PlannedName!) ? "registered" : "planned";
            }
            if (item.Action == LayoutAction.Keep)
            {
                return "kept";
            }
            var kind = item.Action == LayoutAction.MergeClose ? ProcedureKind.Closure : ProcedureKind.Restoration;
            var latest = procedures[item.SchoolCode!].Where(p => p.Kind == kind).MaxBy(p => p.OpenedAt);
            return latest switch
            {
                null => "not started",
                { CompletedAt: not null } => $"completed {latest.EffectiveDate:yyyy-MM-dd}",
                _ => $"{latest.Steps.Count} of 5 steps; next {Procedure.ChineseNames[latest.NextStep!.Value]}",
            };
        }

        return new PlanDto(plan.CountyCode, plan.DocumentReference, plan.Version, plan.UpdatedAt, plan.Items
            .OrderBy(i => i.TargetYear).ThenBy(i => i.SchoolCode).ThenBy(i => i.PlannedName)
            .Select(i => (Item: i, School: schools.GetValueOrDefault(i.SchoolCode ?? "")))
            .Select(x => new PlanItemDto(x.Item.SchoolCode, x.School?.Name ?? x.Item.PlannedName, x.Item.Action, x.Item.TargetYear,
                x.School?.Location ?? x.Item.PlannedLocation, x.School?.Type ?? x.Item.PlannedType, x.School?.Status, Progress(x.Item)))
            .ToArray());
    }
}
