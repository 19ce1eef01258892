using System.Diagnostics;
using System.Net.Http.Json;
using EduPlatform.Contracts.Facilities;
using EduPlatform.Facilities.Infrastructure;
using EduPlatform.Inspection.Benchmark;
using EduPlatform.Inspection.Domain.Indicators;
using EduPlatform.Inspection.Infrastructure;
using EduPlatform.Kernel;
using EduPlatform.ServiceDefaults;
using EduPlatform.WebApi;
using EduPlatform.Testing;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

// The inspection service's three performance figures (issue 8), on the machine's own servers:
//   1. a 300-school county's scorecard computed from the read model (median, p95), in a new process and once warm;
//   2. the cached scorecard GET at 64 concurrent clients beside a bare minimal-API endpoint serving the
//      same bytes, both over real HTTP (Kestrel) in this process, in alternating rounds once warm (requests/s, p50, p99);
//   3. freshness: from facilities accepting a class list to the changed scorecard (p50, p95);
//   3b. a school's drill-down over HTTP (median, p95);
//   4. the city ranking not in cache: --counties counties of --schools schools, every scorecard dropped first (median).
// The hosted services find their content roots in MvcTestingAppManifest.json, read from the working folder.
Directory.SetCurrentDirectory(AppContext.BaseDirectory);
var schools = Arg("--schools", 300);
var iterations = Arg("--iterations", 40);
var seconds = Arg("--seconds", 10);
var clients = Arg("--clients", 64);
var changes = Arg("--changes", 40);
var rankedCounties = Arg("--counties", 14);
var rankings = Arg("--rankings", 7);
Console.WriteLine($"EduPlatform inspection benchmark: {schools} schools, {Environment.ProcessorCount} cores");

var servers = new Servers();
await servers.InitializeAsync();
try
{
    await using var inspection = new QuietService<InspectionDbContext>(servers, ResourceNames.InspectionDb);
    await inspection.InitializeAsync();
    await using var facilities = new QuietService<FacilitiesDbContext>(servers, ResourceNames.FacilitiesDb)
    {
        RabbitMqConnectionString = inspection.RabbitMqConnectionString,
    };
    await facilities.InitializeAsync();
    inspection.UseKestrel(0);
    inspection.StartServer();
    var baseAddress = inspection.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
    using var facilitiesClient = facilities.CreateClient();
    await Load.UntilAsync(async () => (await facilitiesClient.GetAsync("/health")).IsSuccessStatusCode, TimeSpan.FromSeconds(60), "facilities never started");

    // The registry goes through facilities, as in production; the rest of the read model is written directly.
    var city = new SyntheticCounty("130681", schools, seed: 42);
    (await facilitiesClient.PutAsJsonAsync($"/api/counties/{city.County}", new { name = "基准县" })).EnsureSuccessStatusCode();
    (await facilitiesClient.PutAsJsonAsync($"/api/counties/{city.County}/schools", city.RegistryRows())).EnsureSuccessStatusCode();
    await Load.UntilAsync(() => inspection.QueryAsync<InspectionDbContext, bool>(async db =>
        await db.Schools.CountAsync(s => s.CountyCode == city.County) == schools), TimeSpan.FromSeconds(120), "inspection never received the registry");
    await inspection.QueryAsync<InspectionDbContext, int>(db => city.SeedReadModelAsync(db, 2026));

    // Statistics as autovacuum keeps them in a running service: the rows above were written in one go, and until
    // PostgreSQL analyses them it plans the county's teachers as a dozen rows (sorts instead of hashes).
    await inspection.QueryAsync<InspectionDbContext, int>(db => db.Database.ExecuteSqlRawAsync("ANALYZE"));

    // 1. Computing the scorecard from the read model: a new process's first reads (cold), then the same once the
    //    runtime has stopped compiling (warm), which is what a service running for hours does.
    var cold = new Timings();
    for (var i = 0; i < iterations + 5; i++)
    {
        await ComputeAsync(i == 0, i >= 5 ? cold : null);
    }
    var (warmUp, compiled) = await Load.UntilCompiledAsync(() => ComputeAsync(false, null), TimeSpan.FromSeconds(60));
    Console.WriteLine($"scorecard warm-up: {warmUp.TotalSeconds:N1} s, {compiled:N0} methods compiled meanwhile");
    var warm = new Timings();
    for (var i = 0; i < iterations; i++)
    {
        await ComputeAsync(false, warm);
    }

    async Task ComputeAsync(bool describe, Timings? into)
    {
        await using var scope = inspection.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<InspectionDbContext>();
        var clock = Stopwatch.StartNew();
        var facts = await CountyYearLoader.LoadAsync(db, city.County, 2026, Standards.Default, DateOnly.FromDateTime(DateTime.UtcNow), CancellationToken.None);
        var loaded = clock.Elapsed.TotalMilliseconds;
        var card = Scorecards.Build(facts!, Standards.Default);
        clock.Stop();
        into?.Compute.Add(clock.Elapsed.TotalMilliseconds);
        into?.Loading.Add(loaded);
        if (describe)
        {
            Console.WriteLine($"scorecard: verdict {card!.Verdict}, {card.Groups.Sum(g => g.Lines.Length)} lines, {card.DataQuality.Length} data-quality issues");
        }

        // A what-if scenario as the API computes it on these facts: five changes applied, today's and the scenario's scorecards built.
        var sections = facts!.Sections.Where(x => x.Level == Section.Primary && x.Students >= 10).Take(2).ToArray();
        ScenarioChange[] planned =
        [
            new("teachers", sections[0].SchoolCode, "primary", "backbone", 3),
            new("building", sections[1].SchoolCode, "primary", TeachingArea: 400m, SportsArea: 800m),
            new("equipment", sections[0].SchoolCode, "primary", EquipmentValue: 250_000m, MultimediaRooms: 2),
            new("move-students", sections[1].SchoolCode, "primary", Students: 10, To: sections[0].SchoolCode),
            new("teachers", sections[1].SchoolCode, "primary", "pe-art", 2),
        ];
        clock.Restart();
        var problems = new Problems();
        var changed = Scenarios.Apply(facts, planned, problems);
        _ = (Scorecards.Build(facts, Standards.Default), Scorecards.Build(changed, Standards.Default));
        clock.Stop();
        if (problems.Any)
        {
            throw new InvalidOperationException($"the benchmark's scenario does not apply: {string.Join("; ", problems.ToDictionary().Select(e => $"{e.Key}: {e.Value[0]}"))}");
        }
        into?.Scenario.Add(clock.Elapsed.TotalMilliseconds);

        // The remedies as the API computes them: planned, then the plan and the baseline each run as a scenario.
        clock.Restart();
        var plan = Remedies.Plan(facts, Standards.Default.Resources, UnitCosts.Default);
        _ = (Scorecards.Build(Scenarios.Apply(facts, [.. plan.Changes.Select(c => c.Change)], problems), Standards.Default),
            Scorecards.Build(Scenarios.Apply(facts, [.. plan.Baseline.Select(c => c.Change)], problems), Standards.Default));
        clock.Stop();
        if (describe)
        {
            Console.WriteLine($"remedies: {plan.Changes.Length} changes, {plan.Cost:N0} 元 (baseline {plan.Baseline.Length} changes, {plan.BaselineCost:N0} 元)");
        }
        into?.Remedies.Add(clock.Elapsed.TotalMilliseconds);
    }

    // 2. Cached GET against a bare endpoint serving the same bytes.
    using var http = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = clients }) { BaseAddress = new Uri(baseAddress) }
        .WithToken(inspection.DefaultToken);
    var url = $"/api/counties/{city.County}/years/2026/scorecard";
    var body = await http.GetStringAsync(url);
    await Task.Delay(500);
    body = await http.GetStringAsync(url);
    var bare = WebApplication.CreateSlimBuilder();
    bare.Logging.ClearProviders();
    bare.WebHost.ConfigureKestrel(k => k.Listen(System.Net.IPAddress.Loopback, 0));
    await using var bareApp = bare.Build();
    var bytes = System.Text.Encoding.UTF8.GetBytes(body);
    bareApp.MapGet("/bare", () => Results.Bytes(bytes, "application/json; charset=utf-8"));
    await bareApp.StartAsync();
    using var bareHttp = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = clients })
    {
        BaseAddress = new Uri(bareApp.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First()),
    };
    // Both warmed until the runtime stops compiling, then measured in alternating rounds: measured one after the other,
    // the second gained from the first's warm-up of the server code they share, and each had its own moment of a noisy machine.
    var (servingWarmUp, servingCompiled) = await Load.UntilCompiledAsync(async () =>
    {
        await Load.RunAsync(http, url, clients, TimeSpan.FromSeconds(0.5));
        await Load.RunAsync(bareHttp, "/bare", clients, TimeSpan.FromSeconds(0.5));
    }, TimeSpan.FromSeconds(60));
    Console.WriteLine($"cached GET warm-up: {servingWarmUp.TotalSeconds:N1} s, {servingCompiled:N0} methods compiled meanwhile");
    const int Rounds = 5;
    List<LoadResult> cachedRounds = [], bareRounds = [];
    for (var round = 0; round < Rounds; round++)
    {
        cachedRounds.Add(await Load.RunAsync(http, url, clients, TimeSpan.FromSeconds(seconds / (double)Rounds)));
        bareRounds.Add(await Load.RunAsync(bareHttp, "/bare", clients, TimeSpan.FromSeconds(seconds / (double)Rounds)));
    }
    var (cached, baseline) = (LoadResult.Combine(cachedRounds), LoadResult.Combine(bareRounds));

    // 3. Freshness: a class of 46 (over the primary limit of 45) appears in and leaves GG5 at one school.
    var school = city.FirstPrimary;
    var fresh = new List<double>();
    for (var i = 0; i < changes; i++)
    {
        var crowded = i % 2 == 0;
        var clock = Stopwatch.StartNew();
        (await facilitiesClient.PutAsJsonAsync($"/api/schools/{school}/years/2026/classes", new { classes = city.ClassRows(school, crowded) }))
            .EnsureSuccessStatusCode();
        await Load.UntilAsync(async () => SyntheticCounty.AtFaultInGg5(await http.GetStringAsync(url), school) == crowded,
            TimeSpan.FromSeconds(30), "the scorecard never followed the class list");
        fresh.Add(clock.Elapsed.TotalMilliseconds);
    }

    // 3b. A school's drill-down: not cached (the school's rows are read each time), the county's scorecard cached.
    var drillDown = new List<double>();
    var drillUrl = $"/api/counties/{city.County}/years/2026/schools/{school}";
    for (var i = 0; i < iterations + 5; i++)
    {
        var clock = Stopwatch.StartNew();
        (await http.GetAsync(drillUrl)).EnsureSuccessStatusCode();
        if (i >= 5)
        {
            drillDown.Add(clock.Elapsed.TotalMilliseconds);
        }
    }

    // 4. The city ranking, cold: the benchmark county and (counties − 1) more like it, every cached scorecard dropped.
    for (var c = 1; c < rankedCounties; c++)
    {
        var more = new SyntheticCounty($"1307{c:D2}", schools, seed: 42 + c);
        (await facilitiesClient.PutAsJsonAsync($"/api/counties/{more.County}", new { name = $"基准县{c}" })).EnsureSuccessStatusCode();
        (await facilitiesClient.PutAsJsonAsync($"/api/counties/{more.County}/schools", more.RegistryRows())).EnsureSuccessStatusCode();
        await Load.UntilAsync(() => inspection.QueryAsync<InspectionDbContext, bool>(async db =>
            await db.Schools.CountAsync(s => s.CountyCode == more.County) == schools), TimeSpan.FromSeconds(120), "inspection never received the registry");
        await inspection.QueryAsync<InspectionDbContext, int>(db => more.SeedReadModelAsync(db, 2026));
    }
    await inspection.QueryAsync<InspectionDbContext, int>(db => db.Database.ExecuteSqlRawAsync("ANALYZE"));
    var scorecardCache = inspection.Services.GetRequiredService<ScorecardCache>();
    var countyCodes = await inspection.QueryAsync<InspectionDbContext, List<string>>(db => db.Counties.Select(c => c.Code).ToListAsync());
    var ranking = new List<double>();
    for (var i = 0; i < rankings + 1; i++)
    {
        foreach (var code in countyCodes)
        {
            await scorecardCache.InvalidateAsync(code); // drops the county's scorecards and the ranking
        }
        var clock = Stopwatch.StartNew();
        (await http.GetAsync("/api/years/2026/scorecards")).EnsureSuccessStatusCode();
        if (i > 0)
        {
            ranking.Add(clock.Elapsed.TotalMilliseconds);
        }
    }

    // One markdown row per figure: eng/bench.sh gathers the rows of every benchmark into one table.
    Console.WriteLine();
    Row($"one county's scorecard ({schools} schools) computed from the read model",
        $"median {Load.Percentile(warm.Compute, 50):N1} ms, p95 {Load.Percentile(warm.Compute, 95):N1} ms (reading the read model: median " +
        $"{Load.Percentile(warm.Loading, 50):N1} ms); a new process's first {iterations} reads: median {Load.Percentile(cold.Compute, 50):N1} ms " +
        $"(reading {Load.Percentile(cold.Loading, 50):N1} ms)", "< 30 ms");
    Row($"what-if scenario, 5 changes ({schools} schools): applied, today's and the scenario's scorecards built (the API reads the read model first, as above)",
        $"median {Load.Percentile(warm.Scenario, 50):N1} ms, p95 {Load.Percentile(warm.Scenario, 95):N1} ms (new process: median " +
        $"{Load.Percentile(cold.Scenario, 50):N1} ms)", "< 100 ms");
    Row($"remedies ({schools} schools): planned, the plan and the baseline each run as a scenario (after the read above)",
        $"median {Load.Percentile(warm.Remedies, 50):N1} ms, p95 {Load.Percentile(warm.Remedies, 95):N1} ms (new process: median " +
        $"{Load.Percentile(cold.Remedies, 50):N1} ms)", "< 2 s");
    Row($"cached scorecard GET ({body.Length / 1024.0:N0} KB) vs a bare endpoint serving the same bytes, {clients} clients, {Rounds} alternating rounds",
        $"{cached.Rate / baseline.Rate:P0} ({cached.Rate:N0} vs {baseline.Rate:N0} req/s), p99 {cached.P99:N1} ms (bare {baseline.P99:N1} ms), errors {cached.Errors}",
        "≥ 60 %, p99 < 20 ms");
    Row($"freshness, facilities write → changed scorecard ({changes} changes)",
        $"p50 {Load.Percentile(fresh, 50):N0} ms, p95 {Load.Percentile(fresh, 95):N0} ms, max {fresh.Max():N0} ms", "p95 < 2 s");
    Row($"school drill-down, one school of {schools} (its rows read, the county's scorecard cached)",
        $"median {Load.Percentile(drillDown, 50):N1} ms, p95 {Load.Percentile(drillDown, 95):N1} ms", "< 30 ms");
    Row($"city ranking not in cache ({countyCodes.Count} counties × {schools} schools)",
        $"median {Load.Percentile(ranking, 50):N0} ms (min {ranking.Min():N0}, max {ranking.Max():N0}; " +
        $"{inspection.Services.GetRequiredService<RankingComputations>().Parallelism} counties at a time)", "< 300 ms for 14 counties");
}
finally
{
    await servers.DisposeAsync();
}

static void Row(string path, string figure, string target) => Console.WriteLine($"| {path} | {figure} | {target} |");

int Arg(string name, int fallback) =>
    Array.IndexOf(args, name) is var i and >= 0 && i + 1 < args.Length ? int.Parse(args[i + 1]) : fallback;

/// <summary>One phase's figures, in milliseconds.</summary>
sealed class Timings
{
    public List<double> Compute { get; } = [];
    public List<double> Loading { get; } = [];
    public List<double> Scenario { get; } = [];
    public List<double> Remedies { get; } = [];
}
