using EduPlatform.Contracts.Facilities;
using EduPlatform.Inspection.Domain.Indicators;
using EduPlatform.Inspection.Infrastructure;
using EduPlatform.Kernel;
using EduPlatform.WebApi.Access;
using Microsoft.AspNetCore.Http.HttpResults;

namespace EduPlatform.Inspection.Apis;

/// <summary>What-if scenarios: the scorecard a county would have after planned changes, computed and never stored.</summary>
public static class ScenarioApi
{
    public static IEndpointRouteBuilder MapScenarioApi(this IEndpointRouteBuilder app)
    {
        app.MapPost("/api/counties/{county}/years/{year:int}/scenarios", PostScenario).WithTags("Scenarios")
            .AddEndpointFilter(IndicatorApi.CheckYear).RequireAuthorization(PlatformAccess.ComputePolicy);
        app.MapGet("/api/counties/{county}/years/{year:int}/remedies", GetRemedies).WithTags("Scenarios")
            .AddEndpointFilter(IndicatorApi.CheckYear);
        app.MapGet("/api/counties/{county}/years/{year:int}/projection", GetProjection).WithTags("Scenarios")
            .AddEndpointFilter(IndicatorApi.CheckYear);
        return app;
    }

    /// <param name="Changes">The changes, applied in order (see <see cref="ScenarioChange"/>); an empty list gives today's scorecard.</param>
    public sealed record ScenarioRequest(ScenarioChange?[]? Changes);

    /// <summary>One line of the scorecard, today and in the scenario.</summary>
    public sealed record ScenarioLine(string Code, Section? Level, string Name, string Unit, decimal? Threshold, decimal? Today, decimal? Scenario,
        decimal? Change, Status TodayStatus, Status ScenarioStatus);

    /// <param name="Lines">Every line of the scorecard with its value today and in the scenario (<c>Change</c> = scenario − today).</param>
    /// <param name="Turned">The lines whose status the changes turn, e.g. "RA4 (primary): not-met → met".</param>
    public sealed record ScenarioResult(string CountyCode, int Year, int ChangesApplied, Status TodayVerdict, Status ScenarioVerdict, string[] Turned,
        ScenarioLine[] Lines, Scorecard Today, Scorecard Scenario);

    /// <summary>
    /// Computes the county's scorecard for the year after the given changes (teachers added, building area or equipment
    /// added, students moved, schools merged), with the same engine and standards as the real scorecard, beside today's,
    /// line by line. Nothing is stored. A change that cannot apply (an unknown school, a section the school lacks, more
    /// students than it has) is a 400 naming the change and field, and nothing is computed.
    /// </summary>
    public static async Task<Results<Ok<ScenarioResult>, ValidationProblem, ProblemHttpResult>> PostScenario(string county, int year,
        ScenarioRequest? request, InspectionDbContext db, Standards standards, TimeProvider clock, CancellationToken ct)
    {
        if (await CountyYearLoader.LoadAsync(db, county, year, standards, clock.Today(), ct) is not { } facts)
        {
            return IndicatorApi.UnknownCounty(county);
        }
        var problems = new Problems();
        var changed = Scenarios.Apply(facts, request?.Changes, problems);
        if (problems.Any)
        {
            return TypedResults.ValidationProblem(problems.ToDictionary(), title: "The scenario cannot be applied; nothing was computed.");
        }
        return TypedResults.Ok(Compare(facts, changed, standards, request!.Changes!.Length));
    }

    /// <summary>Today's scorecard and the changed facts' side by side, line by line.</summary>
    /// <param name="today">Today's scorecard when the caller compares several changed facts with it, so it is built once.</param>
    internal static ScenarioResult Compare(CountyYearFacts facts, CountyYearFacts changed, Standards standards, int changes, Scorecard? today = null)
    {
        today ??= Scorecards.Build(facts, standards);
        var scenario = Scorecards.Build(changed, standards);
        // The same engine on facts of the same shape: every line of today's scorecard is in the scenario's.
        var after = scenario.Groups.SelectMany(g => g.Lines).ToLookup(l => (l.Code, l.Level));
        var lines = today.Groups.SelectMany(g => g.Lines).Select(l =>
        {
            var s = after[(l.Code, l.Level)].First();
            return new ScenarioLine(l.Code, l.Level, l.Name, l.Unit, l.Threshold, l.Value, s.Value, s.Value - l.Value, l.Status, s.Status);
        }).ToArray();
        var turned = lines.Where(l => l.TodayStatus != l.ScenarioStatus)
            .Select(l => $"{Label(l)}: {Problems.KebabCase(l.TodayStatus)} → {Problems.KebabCase(l.ScenarioStatus)}").ToArray();
        return new ScenarioResult(facts.CountyCode, facts.Year, changes, today.Verdict, scenario.Verdict, turned, lines, today, scenario);
    }

    /// <summary>A line as people name it: "RA4 (primary)", or "GG8" for a county-wide line.</summary>
    private static string Label(ScenarioLine line) => $"{line.Code}{(line.Level is { } level ? $" ({Problems.KebabCase(level)})" : "")}";

    /// <param name="Passes">Whether every 资源配置 line passes once the remedy is applied (checked by running it as a scenario).</param>
    /// <param name="StillFailing">Lines the county would still fail with the remedy applied: none of the scenario kinds changes them
    /// (a verdict, a survey veto, retention, pay), so they block a pass whatever is built or hired.</param>
    /// <param name="BaselinePasses">Whether the baseline makes every 资源配置 line pass (it ignores the balance limits).</param>
    public sealed record RemedyResult(string CountyCode, int Year, RemedyPlan Plan, bool Passes, string[] StillFailing, bool BaselinePasses,
        ScenarioResult Scenario);

    /// <summary>
    /// The cheapest changes found (teachers, building area, equipment) that make every 资源配置 line pass — each school 6 of 7
    /// values at the threshold and the 7th at ≥ 85 %, every CV within its limit — priced by the configured unit costs, beside
    /// a simple baseline (every failing school brought up to every threshold). The answer is a scenario: its changes can be
    /// posted to …/scenarios to check it; the lines it leaves failing are named.
    /// </summary>
    public static async Task<Results<Ok<RemedyResult>, ProblemHttpResult>> GetRemedies(string county, int year, InspectionDbContext db,
        Standards standards, UnitCosts costs, TimeProvider clock, CancellationToken ct)
    {
        if (await CountyYearLoader.LoadAsync(db, county, year, standards, clock.Today(), ct) is not { } facts)
        {
            return IndicatorApi.UnknownCounty(county);
        }
        var plan = Remedies.Plan(facts, standards.Resources, costs);
        var scenario = Compare(facts, Apply(facts, plan.Changes), standards, plan.Changes.Length);
        var baseline = Scorecards.Build(Apply(facts, plan.Baseline), standards);
        return TypedResults.Ok(new RemedyResult(county, year, plan, ResourcesPass(scenario.Scenario),
            [.. scenario.Scenario.Failing.Where(f => !f.StartsWith("RA", StringComparison.Ordinal))], ResourcesPass(baseline), scenario));
    }

    private static CountyYearFacts Apply(CountyYearFacts facts, PricedChange[] changes)
    {
        var problems = new Problems();
        var changed = Scenarios.Apply(facts, [.. changes.Select(c => c.Change)], problems);
        // The planner only adds to sections it read: a change it makes that cannot apply is a bug, not the caller's fault.
        return problems.Any
            ? throw new InvalidOperationException($"a remedy does not apply: {string.Join("; ", problems.ToDictionary().Select(e => $"{e.Key}: {e.Value[0]}"))}")
            : changed;
    }

    private static bool ResourcesPass(Scorecard card) =>
        card.Groups.Single(g => g.Key == Group.ResourceAllocation).Lines.All(l => l.Status == Status.Met);

    /// <param name="Deadline">Whether the plan has a deadline (its "到X年") in this school year.</param>
    /// <param name="Students">The county's projected students in its operating schools.</param>
    /// <param name="WillFail">Lines met today that enrolment alone would make fail in this year (resources held at today's).</param>
    /// <param name="WillPass">Lines failing today that enrolment alone would make pass.</param>
    /// <param name="Lines">The lines whose value or status moves, today and in this year.</param>
    public sealed record ProjectedYear(int Year, bool Deadline, int Students, string[] WillFail, string[] WillPass, ScenarioLine[] Lines);

    /// <param name="Deadlines">The plan's deadline years after this year (the default horizon runs to the last of them).</param>
    public sealed record ProjectionResult(string CountyCode, int Year, int TodayStudents, int[] Deadlines, string Method, ProjectedYear[] Years,
        ProjectionInputs Inputs);

    /// <summary>
    /// Will the county still pass at the plan's deadlines? Each operating school section's students are projected year by year
    /// from the enrolment history (cohorts moving up a grade at the section's own rate, grade 1 on its intake trend, grade 7 from
    /// the county's grade 6), and the scorecard is recomputed for each year with today's teachers, buildings and equipment:
    /// lines that pass now but will fail (growing schools diluting their area and teachers) and lines that will pass without
    /// action. The method and every rate used are in the answer. until (default: the plan's last deadline after year, else
    /// year + 1) may be at most <see cref="Projections.MaxYearsAhead"/> years ahead.
    /// </summary>
    public static async Task<Results<Ok<ProjectionResult>, ValidationProblem, ProblemHttpResult>> GetProjection(string county, int year, int? until,
        InspectionDbContext db, Standards standards, TimeProvider clock, CancellationToken ct)
    {
        var deadlines = standards.Plan.Deadlines.Values.Where(y => y > year).Distinct().Order().ToArray();
        var last = until ?? (deadlines.Length > 0 ? deadlines[^1] : year + 1);
        if (last <= year || last > year + Projections.MaxYearsAhead)
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]>
            {
                ["until"] = [$"until must be a school year after {year} and at most {year + Projections.MaxYearsAhead} (got {last})."],
            }, title: "The projection's horizon is out of range; nothing was computed.");
        }
        if (await CountyYearLoader.LoadAsync(db, county, year, standards, clock.Today(), ct) is not { } facts)
        {
            return IndicatorApi.UnknownCounty(county);
        }
        var history = await CountyYearLoader.GradeHistoryAsync(db, county, Projections.FirstHistoryYear(year), year, ct);
        var (inputs, projected) = Projections.Project(facts, history, last);
        var today = Scorecards.Build(facts, standards);
        var years = projected.Select((changed, i) =>
        {
            var compared = Compare(facts, changed, standards, 0, today);
            var moved = compared.Lines.Where(l => l.Change is not 0 || l.TodayStatus != l.ScenarioStatus).ToArray();
            string[] Turning(Func<ScenarioLine, bool> which) => [.. moved.Where(which).Select(Label)];
            return new ProjectedYear(year + i + 1, deadlines.Contains(year + i + 1), changed.Sections.Sum(s => s.Students),
                Turning(l => l.TodayStatus == Status.Met && l.ScenarioStatus is Status.NotMet or Status.Near),
                Turning(l => l.TodayStatus is Status.NotMet or Status.Near && l.ScenarioStatus == Status.Met), moved);
        }).ToArray();
        return TypedResults.Ok(new ProjectionResult(county, year, facts.Sections.Sum(s => s.Students), deadlines, Projections.Method, years, inputs));
    }
}
