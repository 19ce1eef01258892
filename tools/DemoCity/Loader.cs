using System.Diagnostics;
using System.Text.Json;

namespace EduPlatform.DemoCity;

public sealed record Endpoints(Uri Identity, Uri Funding, Uri Facilities, Uri Staffing, Uri Welfare, Uri Inspection)
{
    public static Endpoints Local => new(new("http://localhost:5100"), new("http://localhost:5101"), new("http://localhost:5102"),
        new("http://localhost:5103"), new("http://localhost:5104"), new("http://localhost:5105"));
}

public sealed record LoadOptions(CitySize Size, int Seed, int ParallelCounties = 2, TimeSpan? CatchUpTimeout = null);

/// <summary>What the load did: how long it took, what the inspection service consumed, and the evaluations it opened.</summary>
public sealed record LoadReport(bool AlreadyLoaded, TimeSpan Submit, TimeSpan CatchUp, long EventsConsumed, double EventsPerSecond,
    int Counties, int Schools, int Students, int Teachers, int Classes, Guid MidTerm, Guid Final, IReadOnlyDictionary<string, int> Retries);

/// <summary>
/// Submits a generated city through each department's public API, in the order the departments would —
/// the registry first, then each department's returns — county by county, and waits until the inspection
/// service has consumed every resulting event. Then it opens (and closes) the mid-term evaluation and opens
/// the final one. Every request is safe to repeat, so a rerun after an interruption completes the load.
/// </summary>
public sealed class Loader(Endpoints endpoints, LoadOptions options, Credentials credentials)
{
    public static readonly DateOnly MidTermAsOf = new(2026, 6, 30);
    public static readonly DateOnly FinalAsOf = new(2026, 11, 1);

    // Each department's data goes in with its own system's token, as each department would send it;
    // verdicts and imports with an inspector's, the evaluations with a city administrator's.
    private readonly ServiceClient funding = Client("funding", endpoints.Funding, TokenSource.For(endpoints.Identity, credentials.SystemOf("funding")));
    private readonly ServiceClient facilities = Client("facilities", endpoints.Facilities, TokenSource.For(endpoints.Identity, credentials.SystemOf("facilities")));
    private readonly ServiceClient staffing = Client("staffing", endpoints.Staffing, TokenSource.For(endpoints.Identity, credentials.SystemOf("staffing")));
    private readonly ServiceClient welfare = Client("welfare", endpoints.Welfare, TokenSource.For(endpoints.Identity, credentials.SystemOf("welfare")));
    private readonly ServiceClient inspection = Client("inspection", endpoints.Inspection, TokenSource.For(endpoints.Identity, credentials.PersonWith("inspector")));
    private readonly ServiceClient cityAdmin = Client("inspection (admin)", endpoints.Inspection, TokenSource.For(endpoints.Identity, credentials.PersonWith("admin")));

    private static ServiceClient Client(string name, Uri address, TokenSource tokens) =>
        new(name, new HttpClient(new BearerHandler(tokens) { InnerHandler = new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.FromMinutes(5) } })
        {
            BaseAddress = address, Timeout = TimeSpan.FromMinutes(5),
        });

    public async Task<LoadReport> RunAsync(CancellationToken ct)
    {
        await WaitUntilHealthyAsync(ct);
        var counties = Roster.CountiesOf(options.Size);
        // Each county is generated once to know what inspection should end up with, and again when it is
        // loaded (the generator is deterministic): only the counties being loaded are held in memory.
        var summaries = counties.Select(spec => Summary.Of(Generator.County(spec, options.Seed, options.Size))).ToList();
        var expected = summaries.Select(s => s.Expected).ToList();

        var before = await ProgressAsync(ct);
        // "Loaded" means everything the loader submits, the inspectors' verdicts and imports included.
        var alreadyLoaded = Missing(expected, before).Count == 0;
        // An interrupted load whose departments' data is all in resumes with the inspectors' part only: the
        // counties whose verdicts are missing, then the imports.
        var departmentsLoaded = Missing(expected, before, departmentsOnly: true).Count == 0;
        var known = before.Counties.ToDictionary(c => c.CountyCode);
        var verdictsMissing = counties.Where(spec => summaries.Single(s => s.Expected.CountyCode == spec.Code).Expected.Years
            .Any(y => known.GetValueOrDefault(spec.Code)?.Years.FirstOrDefault(h => h.Year == y.Year)?.Verdicts != y.Verdicts)).ToList();
        // Norms, the counties' steps, imports; then catching up and the evaluations.
        var bar = new ProgressBar((alreadyLoaded ? 0 : departmentsLoaded ? verdictsMissing.Count + 1 : 1 + counties.Count * StepsPerCounty + 1) + 2);
        var started = DateTimeOffset.UtcNow;
        var submit = Stopwatch.StartNew();
        if (alreadyLoaded)
        {
            bar.Line("  The demo city is already loaded (inspection knows all of it): nothing is submitted again.");
        }
        else if (departmentsLoaded)
        {
            bar.Line("  The departments' data is all in: only the inspectors' verdicts and imports are submitted.");
            foreach (var spec in verdictsMissing)
            {
                await VerdictsAsync(Generator.County(spec, options.Seed, options.Size), bar, ct);
            }
            await bar.StepAsync("city", "monitoring and survey imports", () => ImportsAsync(summaries, ct), n => $"{n} counties");
        }
        else
        {
            await bar.StepAsync("city", "norms and subsidy rates", () => CityWideAsync(ct), n => $"{n} years");
            await Parallel.ForEachAsync(counties, new ParallelOptions { MaxDegreeOfParallelism = options.ParallelCounties, CancellationToken = ct },
                async (spec, token) => await CountyAsync(Generator.County(spec, options.Seed, options.Size), bar, token));
            await bar.StepAsync("city", "monitoring and survey imports", () => ImportsAsync(summaries, ct), n => $"{n} counties");
        }
        submit.Stop();
        var catchUp = Stopwatch.StartNew();
        var after = await bar.StepAsync("inspect", "waiting for inspection to catch up", () => CatchUpAsync(expected, ct),
            p => $"{p.ConsumedEvents - before.ConsumedEvents:N0} events consumed");
        catchUp.Stop();
        var (midTerm, final) = await bar.StepAsync("inspect", "evaluations", () => EvaluationsAsync(ct), _ => "mid-term closed, final open");
        bar.Finish();

        var consumed = after.ConsumedEvents - before.ConsumedEvents;
        // From the first request of the load to the last event the inspection service consumed.
        var consuming = after.LastConsumedAt is { } last && !alreadyLoaded ? (last - started).TotalSeconds : 0;
        return new LoadReport(alreadyLoaded, submit.Elapsed, catchUp.Elapsed, consumed, consuming > 0 ? consumed / consuming : 0,
            counties.Count, summaries.Sum(c => c.Schools), summaries.Sum(c => c.Students), summaries.Sum(c => c.Teachers),
            summaries.Sum(c => c.Classes), midTerm, final, ServiceClient.Retries.ToDictionary());
    }

    /// <summary>What the loader keeps of a county between generating it and loading it: its totals and the inspectors' imports.</summary>
    private sealed record Summary(CountyCounts Expected, int Schools, int Students, int Teachers, int Classes,
        (int Year, MonitoringRow Monitoring, SurveyRow Survey)[] Imports)
    {
        public static Summary Of(CountyData c) => new(Loader.Expected(c), c.Schools.Length, c.Students(Roster.Years[^1]), c.Teachers.Length,
            c.Years[^1].Classes.Length, [.. c.Years.Select(y => (y.Year, y.Monitoring, y.Survey))]);
    }

    private const int StepsPerCounty = 9;

    /// <summary>The platform may still be starting (the run script starts the loader beside the AppHost): wait for every service's /health.</summary>
    private async Task WaitUntilHealthyAsync(CancellationToken ct)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromMinutes(10);
        foreach (var service in new[] { funding, facilities, staffing, welfare, inspection })
        {
            var said = false;
            while (!await service.IsHealthyAsync(ct))
            {
                if (DateTime.UtcNow > deadline)
                {
                    throw new TimeoutException($"{service.Name} ({service.BaseAddress}) did not become healthy within 10 minutes.");
                }
                if (!said)
                {
                    Console.WriteLine($"  waiting for {service.Name} at {service.BaseAddress} ...");
                    said = true;
                }
                await Task.Delay(2000, ct);
            }
        }
    }

    private async Task<int> CityWideAsync(CancellationToken ct)
    {
        foreach (var year in Roster.Years)
        {
            await funding.PutAsync($"/api/norms/{year}", Generator.Norm(year), ct);
            await welfare.PutAsync($"/api/subsidy-rates/{year}", Generator.Rate(year), ct);
        }
        return Roster.Years.Length;
    }

    private async Task CountyAsync(CountyData county, ProgressBar bar, CancellationToken ct)
    {
        var code = county.Spec.Code;
        var who = county.Spec.Name;
        await bar.StepAsync(who, "facilities: county and school registry", async () =>
        {
            await facilities.PutAsync($"/api/counties/{code}", new { name = county.Spec.Name }, ct);
            await facilities.PutAsync($"/api/counties/{code}/schools", county.Schools.Select(s => new SchoolRow(s.Code, s.Name, s.Location, s.Type, s.Boarding)).ToArray(), ct);
            return county.Schools.Length;
        }, n => $"{n:N0} schools");
        await bar.StepAsync(who, $"welfare: enrolment {Roster.FirstEnrolmentYear}–{Roster.Years[^1]}", async () =>
        {
            foreach (var year in county.EnrolmentHistory)
            {
                await welfare.PutAsync($"/api/counties/{code}/years/{year.Year}/enrolment", year.Rows, ct);
            }
            return county.EnrolmentHistory.Sum(y => y.Rows.Length);
        }, n => $"{n:N0} grade rows");
        await bar.StepAsync(who, "facilities: returns, classes, boarding", async () =>
        {
            foreach (var year in county.Years)
            {
                await facilities.PutAsync($"/api/counties/{code}/years/{year.Year}/submission",
                    new FacilitySubmission(year.FacilityReturns, year.Classes, year.Boarding), ct);
            }
            return county.Years.Sum(y => y.Classes.Length);
        }, n => $"{n:N0} classes");
        var ids = await bar.StepAsync(who, "staffing: teachers", async () =>
        {
            var outcome = await staffing.PutAsync($"/api/counties/{code}/teachers", county.Teachers, ct);
            return outcome.GetProperty("teacherIds").EnumerateArray().Select(e => e.GetGuid()).ToArray();
        }, n => $"{n.Length:N0} teachers");
        await bar.StepAsync(who, "staffing: training, pay references", async () =>
        {
            var rows = county.Courses.Select(c => new TrainingRow(ids[c.Teacher], c.Course, c.StartDate, c.EndDate, c.Hours)).ToArray();
            await staffing.PostAsync($"/api/counties/{code}/training", rows, ct);
            foreach (var year in county.Years)
            {
                await staffing.PutAsync($"/api/pay-references/{code}/{year.Year}", year.Pay, ct);
            }
            return rows.Length;
        }, n => $"{n:N0} courses");
        await bar.StepAsync(who, "staffing: exchanges and honours", async () =>
        {
            var exchanges = county.Years.SelectMany(y => y.Exchanges).ToList();
            await staffing.PostAsync($"/api/counties/{code}/exchanges",
                exchanges.Select(e => new ExchangeRow(ids[e.Teacher], e.Year, e.ToSchoolCode, e.StartDate, e.RuralAllowance)).ToArray(), ct);
            await staffing.PostAsync($"/api/counties/{code}/honours",
                county.Honours.Select(h => new HonourRow(ids[h.Teacher], h.Level, h.Year, h.DocumentReference)).ToArray(), ct);
            return (exchanges.Count, county.Honours.Length);
        }, n => $"{n.Item1:N0} exchanges, {n.Item2:N0} honours");
        await bar.StepAsync(who, "welfare: county returns and subsidies", async () =>
        {
            var today = DateOnly.FromDateTime(DateTime.UtcNow); // the services judge "already paid" by the UTC date
            var notYet = 0;
            foreach (var year in county.Years)
            {
                await welfare.PutAsync($"/api/counties/{code}/years/{year.Year}/county-return", year.Welfare, ct);
                await welfare.PutAsync($"/api/counties/{code}/years/{year.Year}/eligible-students", year.Eligible, ct);
                // Payments are recorded once made: a term not yet paid on the day of the load waits.
                var paid = year.Payments.Where(p => p.PaidOn <= today).ToArray();
                notYet += year.Payments.Length - paid.Length;
                await welfare.PostAsync($"/api/counties/{code}/years/{year.Year}/subsidy-payments", paid, ct);
            }
            return (county.Years.Sum(y => y.Eligible.Length), notYet);
        }, n => $"{n.Item1:N0} eligible{(n.Item2 > 0 ? $", {n.Item2:N0} payments not yet due" : "")}");
        await bar.StepAsync(who, "funding: allocations and finance", async () =>
        {
            foreach (var year in county.Years)
            {
                await funding.PutAsync($"/api/counties/{code}/years/{year.Year}/allocations", year.Allocations, ct);
                await funding.PutAsync($"/api/counties/{code}/finance/{year.Year}", year.Finance, ct);
            }
            return county.Years.Sum(y => y.Allocations.Length);
        }, n => $"{n:N0} allocations");
        await VerdictsAsync(county, bar, ct);
    }

    private Task VerdictsAsync(CountyData county, ProgressBar bar, CancellationToken ct) =>
        bar.StepAsync(county.Spec.Name, "inspection: evidence verdicts", async () =>
        {
            foreach (var year in county.Years)
            {
                foreach (var (item, verdict) in year.Verdicts)
                {
                    await inspection.PutAsync($"/api/counties/{county.Spec.Code}/years/{year.Year}/verdicts/{item}", verdict, ct);
                }
            }
            return county.Years.Sum(y => y.Verdicts.Count);
        }, n => $"{n} verdicts");

    private async Task<int> ImportsAsync(IReadOnlyList<Summary> counties, CancellationToken ct)
    {
        foreach (var year in Roster.Years)
        {
            var years = counties.Select(c => c.Imports.Single(y => y.Year == year)).ToList();
            await inspection.PutAsync($"/api/years/{year}/monitoring-results", years.Select(y => y.Monitoring).ToArray(), ct);
            await inspection.PutAsync($"/api/years/{year}/survey-results", years.Select(y => y.Survey).ToArray(), ct);
        }
        return counties.Count;
    }

    /// <summary>What the inspection service's read models hold for a county once every event of the load is consumed.</summary>
    public static CountyCounts Expected(CountyData county)
    {
        var years = county.EnrolmentHistory.Select(h =>
        {
            var year = county.Years.SingleOrDefault(y => y.Year == h.Year);
            return new YearCounts(h.Year, h.Rows.Sum(r => r.Students), year?.Classes.Length ?? 0, year?.FacilityReturns.Length ?? 0,
                year?.Allocations.Sum(a => a.PublicFunds) ?? 0, year?.Exchanges.Length ?? 0, year?.Boarding.Length ?? 0,
                year?.Eligible.Length ?? 0, year is null ? 0 : 1, year is null ? 0 : 1, year?.Verdicts.Count ?? 0, year is null ? 0 : 1, year is null ? 0 : 1);
        }).ToArray();
        return new CountyCounts(county.Spec.Code, county.Schools.Length, county.Teachers.Length, county.Courses.Length,
            county.Honours.Length, years);
    }

    /// <summary>
    /// The counties (and what of them) the inspection service does not have yet; with <paramref name="departmentsOnly"/>,
    /// leaving out the inspectors' own records (verdicts and imports).
    /// </summary>
    public static List<string> Missing(IEnumerable<CountyCounts> expected, ReadModelProgress actual, bool departmentsOnly = false)
    {
        var known = actual.Counties.ToDictionary(c => c.CountyCode);
        var missing = new List<string>();
        foreach (var want in expected)
        {
            if (!known.TryGetValue(want.CountyCode, out var have))
            {
                missing.Add($"{want.CountyCode}: nothing yet");
                continue;
            }
            var differences = new List<string>();
            void Compare<T>(string what, T wanted, T had)
            {
                if (!EqualityComparer<T>.Default.Equals(wanted, had))
                {
                    differences.Add($"{what} {had}/{wanted}");
                }
            }
            Compare("schools", want.Schools, have.Schools);
            Compare("teachers", want.Teachers, have.Teachers);
            Compare("training", want.Training, have.Training);
            Compare("honours", want.Honours, have.Honours);
            var haveYears = have.Years.ToDictionary(y => y.Year);
            foreach (var year in want.Years)
            {
                var had = haveYears.GetValueOrDefault(year.Year) ?? new YearCounts(year.Year, 0, 0, 0, 0, 0, 0, 0, 0, 0);
                Compare(year.Year.ToString(), departmentsOnly ? year.DepartmentsOnly() : year, departmentsOnly ? had.DepartmentsOnly() : had);
            }
            if (differences.Count > 0)
            {
                missing.Add($"{want.CountyCode}: {string.Join("; ", differences)}");
            }
        }
        return missing;
    }

    private async Task<ReadModelProgress> ProgressAsync(CancellationToken ct) =>
        (await inspection.GetAsync("/api/read-models/progress", ct)).Deserialize<ReadModelProgress>(ServiceClient.Json)!;

    private async Task<ReadModelProgress> CatchUpAsync(IReadOnlyList<CountyCounts> expected, CancellationToken ct)
    {
        var deadline = DateTime.UtcNow + (options.CatchUpTimeout ?? TimeSpan.FromMinutes(20));
        while (true)
        {
            var progress = await ProgressAsync(ct);
            var missing = Missing(expected, progress);
            if (missing.Count == 0)
            {
                return progress;
            }
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException("The inspection service did not catch up; still missing: " + string.Join(" | ", missing.Take(4)));
            }
            // The totals are summed over the whole read model: asked for every few seconds, not in a tight loop.
            await Task.Delay(3000, ct);
        }
    }

    /// <summary>Closes the mid-term (its data is all in) and opens the final; both are found again on a rerun, never opened twice.</summary>
    private async Task<(Guid MidTerm, Guid Final)> EvaluationsAsync(CancellationToken ct)
    {
        var existing = (await inspection.GetAsync("/api/evaluations", ct)).Deserialize<Evaluation[]>(ServiceClient.Json)!;
        async Task<Evaluation> OpenAsync(string kind, int year, DateOnly asOf) =>
            existing.FirstOrDefault(e => e.Kind == kind && e.SchoolYear == year)
            ?? (await cityAdmin.PostAsync("/api/evaluations", new { kind, schoolYear = year, asOf }, ct)).Deserialize<Evaluation>(ServiceClient.Json)!;
        var midTerm = await OpenAsync("mid-term", Roster.Years[0], MidTermAsOf);
        if (midTerm.ClosedAt is null)
        {
            // Closing freezes every county in the background: the request returns at once, the evaluation says when it is done.
            await cityAdmin.PostAsync($"/api/evaluations/{midTerm.Id}/close", null, ct, "already closed");
            while ((await inspection.GetAsync($"/api/evaluations/{midTerm.Id}", ct)).GetProperty("evaluation").GetProperty("closedAt").ValueKind == JsonValueKind.Null)
            {
                await Task.Delay(500, ct);
            }
        }
        var final = await OpenAsync("final", Roster.Years[^1], FinalAsOf);
        return (midTerm.Id, final.Id);
    }

    private sealed record Evaluation(Guid Id, string Kind, int SchoolYear, DateOnly AsOf, DateTimeOffset? ClosedAt);

    public async Task<JsonElement> RankingAsync(int year, CancellationToken ct) => await inspection.GetAsync($"/api/years/{year}/scorecards", ct);

    public async Task<JsonElement> EvaluationAsync(Guid id, CancellationToken ct) => await inspection.GetAsync($"/api/evaluations/{id}", ct);
}

public sealed record YearCounts(int Year, int Students, int Classes, int FacilityReturns, decimal PublicFundsAllocated, int Exchanges,
    int BoardingReturns, int SubsidyEligible, int WelfareReturns, int PayReferences, int Verdicts = 0, int MonitoringImports = 0,
    int SurveyImports = 0)
{
    /// <summary>The same counts but for the inspectors' own records (verdicts and imports), which the loader submits last.</summary>
    public YearCounts DepartmentsOnly() => this with { Verdicts = 0, MonitoringImports = 0, SurveyImports = 0 };
}

public sealed record CountyCounts(string CountyCode, int Schools, int Teachers, int Training, int Honours, YearCounts[] Years);

/// <summary>The inspection service's GET /api/read-models/progress.</summary>
public sealed record ReadModelProgress(long ConsumedEvents, DateTimeOffset? LastConsumedAt, CountyCounts[] Counties);
