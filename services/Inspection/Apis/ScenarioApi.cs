using EduPlatform.Contracts.Facilities;
using EduPlatform.Inspection.Domain.Indicators;
using EduPlatform.Inspection.Infrastructure;
using EduPlatform.ServiceDefaults;
using EduPlatform.ServiceDefaults.Access;
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
    internal static ScenarioResult Compare(CountyYearFacts facts, CountyYearFacts changed, Standards standards, int changes)
    {
        var today = Scorecards.Build(facts, standards);
        var scenario = Scorecards.Build(changed, standards);
        // The same engine on facts of the same shape: every line of today's scorecard is in the scenario's.
        var after = scenario.Groups.SelectMany(g => g.Lines).ToLookup(l => (l.Code, l.Level));
        var lines = today.Groups.SelectMany(g => g.Lines).Select(l =>
        {
            var s = after[(l.Code, l.Level)].First();
            return new ScenarioLine(l.Code, l.Level, l.Name, l.Unit, l.Threshold, l.Value, s.Value, s.Value - l.Value, l.Status, s.Status);
        }).ToArray();
        var turned = lines.Where(l => l.TodayStatus != l.ScenarioStatus).Select(l =>
            $"{l.Code}{(l.Level is { } level ? $" ({Problems.KebabCase(level)})" : "")}: {Problems.KebabCase(l.TodayStatus)} → {Problems.KebabCase(l.ScenarioStatus)}")
            .ToArray();
        return new ScenarioResult(facts.CountyCode, facts.Year, changes, today.Verdict, scenario.Verdict, turned, lines, today, scenario);
    }

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
}
