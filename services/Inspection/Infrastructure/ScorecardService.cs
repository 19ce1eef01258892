using System.Diagnostics;
using System.Diagnostics.Metrics;
using OpenTelemetry;
using System.Text.Json;
using EduPlatform.Inspection.Domain.Indicators;
using EduPlatform.Kernel;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace EduPlatform.Inspection.Infrastructure;

/// <summary>
/// A county's place in the city's ranking for a school year. <paramref name="Note"/> says when nothing has been
/// reported for the county and year at all, rather than showing a row of lines without data as a failure.
/// </summary>
public sealed record CountyStanding(int Rank, string CountyCode, string CountyName, Status Verdict, int Met, int NotMet, int NoData,
    string[] Failing, string[] Vetoes, Status PlanTargets, double? CompositeCvPrimary, double? CompositeCvJunior, int DataQualityIssues,
    string? Note = null);

public sealed record CityRanking(int Year, string Standard, CountyStanding[] Counties);

/// <summary>Scorecards computed from the read models, served from the cache when it holds them.</summary>
public sealed class ScorecardService(IServiceProvider services, ScorecardCache cache, IOptions<JsonOptions> json, Standards standards,
    TimeProvider clock, RankingComputations rankings)
{
    public JsonSerializerOptions JsonOptions => json.Value.SerializerOptions;

    // Taken only when something is computed: a cached read then never creates a context (its options are built per
    // request, which cost a cached read 7 % of its CPU).
    private InspectionDbContext Db => field ??= services.GetRequiredService<InspectionDbContext>();

    /// <summary>Straight from the read models (what an evaluation freezes); null for an unknown county.</summary>
    public async Task<Scorecard?> ComputeAsync(string county, int year, CancellationToken ct) =>
        await CountyYearLoader.LoadAsync(Db, county, year, standards, clock.Today(), ct) is { } facts ? Scorecards.Build(facts, standards) : null;

    /// <summary>The scorecard as UTF-8 JSON: cached, or computed and cached unless the county changed meanwhile.</summary>
    public async Task<byte[]?> GetJsonAsync(string county, int year, CancellationToken ct) => (await GetBothAsync(county, year, ct)).Json;

    /// <summary>The scorecard: read from the cache, or the one just computed (not read back from its JSON).</summary>
    public async Task<Scorecard?> GetAsync(string county, int year, CancellationToken ct) =>
        await GetBothAsync(county, year, ct) switch
        {
            (_, { } computed) => computed,
            ({ } json, _) => JsonSerializer.Deserialize<Scorecard>(json, JsonOptions),
            _ => null,
        };

    /// <summary>
    /// The cached JSON alone, or a scorecard computed now with its JSON: once for every reader of the same county, year and
    /// generation (a ranking, the refresher, inspectors opening it), and cached unless the county changed meanwhile.
    /// </summary>
    private async Task<(byte[]? Json, Scorecard? Computed)> GetBothAsync(string county, int year, CancellationToken ct)
    {
        var (cached, generation) = await cache.GetAsync(county, year);
        return cached is not null ? (cached, null) : await rankings.ComputeCountyAsync(county, year, generation, ct);
    }

    /// <summary>Computes a county's scorecard and caches its JSON unless the county was refreshed since <paramref name="generation"/>.</summary>
    internal async Task<(byte[]? Json, Scorecard? Computed)> ComputeAndCacheAsync(string county, int year, long? generation, CancellationToken ct)
    {
        if (await ComputeAsync(county, year, ct) is not { } scorecard)
        {
            return (null, null);
        }
        var json = JsonSerializer.SerializeToUtf8Bytes(scorecard, JsonOptions);
        await cache.TrySetAsync(county, year, generation, json);
        return (json, scorecard);
    }

    /// <summary>
    /// Every county ranked (<see cref="Rank"/>): by verdict, then fewer lines without data, then fewer lines
    /// failed, then the lower average of the primary and junior composite CVs.
    /// </summary>
    public async Task<byte[]> GetCityJsonAsync(int year, CancellationToken ct)
    {
        var (cached, _) = await cache.GetAsync(ScorecardCache.City, year);
        return cached ?? await rankings.ComputeAsync(year, ct);
    }

    /// <summary>Computes the ranking and caches it unless a county changed meanwhile (see <see cref="RankingComputations"/>).</summary>
    internal async Task<byte[]> ComputeCityJsonAsync(int year, CancellationToken ct)
    {
        var (cached, generation) = await cache.GetAsync(ScorecardCache.City, year);
        if (cached is not null)
        {
            return cached;
        }
        var counties = await Db.Counties.AsNoTracking().Select(c => c.Code).ToListAsync(ct);
        var cards = new System.Collections.Concurrent.ConcurrentBag<Scorecard>(); // Rank orders them
        await rankings.ForEachCountyAsync(counties, async (services, county, token) =>
            cards.Add((await services.GetRequiredService<ScorecardService>().GetAsync(county, year, token))!), ct);
        var json = JsonSerializer.SerializeToUtf8Bytes(Rank(year, standards.Name, cards), JsonOptions);
        await cache.TrySetAsync(ScorecardCache.City, year, generation, json);
        return json;
    }

    /// <summary>
    /// The catalogue's order: verdict (met, then not met, then no data), then fewer lines without data, then fewer
    /// lines failed, then the composite CV — so a county that reported little never outranks a complete one
    /// that fails one item more.
    /// </summary>
    public static CityRanking Rank(int year, string standard, IEnumerable<Scorecard> cards)
    {
        var ordered = cards
            .Select(c => (Card: c, Lines: c.Groups.Where(g => g.Counts).SelectMany(g => g.Lines).ToList()))
            .OrderBy(c => c.Card.Verdict switch { Status.Met => 0, Status.NoData => 2, _ => 1 })
            .ThenBy(c => c.Lines.Count(l => l.Status == Status.NoData))
            .ThenBy(c => c.Lines.Count(l => l.Status is Status.NotMet or Status.Near))
            .ThenBy(c => new[] { c.Card.CompositeCvPrimary, c.Card.CompositeCvJunior }.Where(v => v is not null).DefaultIfEmpty(double.MaxValue).Average())
            .ThenBy(c => c.Card.CountyCode, StringComparer.Ordinal)
            .Select((c, i) => new CountyStanding(i + 1, c.Card.CountyCode, c.Card.CountyName, c.Card.Verdict,
                c.Lines.Count(l => l.Status == Status.Met), c.Lines.Count(l => l.Status is Status.NotMet or Status.Near),
                c.Lines.Count(l => l.Status == Status.NoData), c.Card.Failing, c.Card.Vetoes, c.Card.PlanTargets,
                c.Card.CompositeCvPrimary, c.Card.CompositeCvJunior, c.Card.DataQuality.Length,
                c.Lines.All(l => l.Status == Status.NoData) ? $"Nothing has been reported for {c.Card.CountyName} for {year}." : null))
            .ToArray();
        return new CityRanking(year, standard, ordered);
    }
}

/// <summary>
/// Cold city rankings and county scorecards, each computed once however many ask: concurrent requests for the same
/// ranking, or the same county, year and cache generation, share one computation (which a requester giving up does not
/// cancel), and a ranking computes at most <see cref="Parallelism"/> counties at a time, so rankings leave room for
/// single-county reads. A reader that saw a newer generation (a refresh in between) starts its own.
/// </summary>
public sealed class RankingComputations(IServiceScopeFactory scopes, IHostApplicationLifetime lifetime, IConfiguration configuration)
{
    /// <summary>Counties computed at once for one ranking: <c>Inspection:RankingParallelism</c>, by default the cores (at least 2).</summary>
    public int Parallelism { get; } = configuration.GetValue<int?>("Inspection:RankingParallelism") is > 0 and var configured
        ? configured
        : Math.Max(2, Environment.ProcessorCount);

    private readonly System.Collections.Concurrent.ConcurrentDictionary<int, Lazy<Task<byte[]>>> _running = new();
    private readonly System.Collections.Concurrent.ConcurrentDictionary<(string County, int Year, long? Generation),
        Lazy<Task<(byte[]? Json, Scorecard? Computed)>>> _counties = new();

    /// <summary>How many times this instance has computed a county's scorecard of a year for readers (not an evaluation's snapshots).</summary>
    public long TimesComputed(string county, int year) => _computed.GetValueOrDefault((county, year));
    private readonly System.Collections.Concurrent.ConcurrentDictionary<(string County, int Year), long> _computed = new();

    public Task<(byte[]? Json, Scorecard? Computed)> ComputeCountyAsync(string county, int year, long? generation, CancellationToken ct) =>
        SharedAsync(_counties, (county, year, generation), scorecards =>
        {
            _computed.AddOrUpdate((county, year), 1, (_, n) => n + 1);
            return scorecards.ComputeAndCacheAsync(county, year, generation, lifetime.ApplicationStopping);
        }, ct);

    public Task<byte[]> ComputeAsync(int year, CancellationToken ct) =>
        SharedAsync(_running, year, scorecards => scorecards.ComputeCityJsonAsync(year, lifetime.ApplicationStopping), ct);

    /// <summary>
    /// <paramref name="compute"/> run once for every concurrent caller of the same <paramref name="key"/>, in a scope of
    /// its own and until the application stops (a caller giving up waits no more, and cancels nothing).
    /// </summary>
    private Task<T> SharedAsync<TKey, T>(System.Collections.Concurrent.ConcurrentDictionary<TKey, Lazy<Task<T>>> flights, TKey key,
        Func<ScorecardService, Task<T>> compute, CancellationToken ct) where TKey : notnull
    {
        var flight = flights.GetOrAdd(key, k => new Lazy<Task<T>>(async () =>
        {
            try
            {
                await using var scope = scopes.CreateAsyncScope();
                return await compute(scope.ServiceProvider.GetRequiredService<ScorecardService>());
            }
            finally
            {
                flights.TryRemove(k, out _);
            }
        }));
        return flight.Value.WaitAsync(ct);
    }

    /// <summary>
    /// Runs <paramref name="work"/> for each county, <see cref="Parallelism"/> at a time, each in a scope of its own (a
    /// DbContext serves one query at a time): a ranking's scorecards, an evaluation's snapshots.
    /// </summary>
    public Task ForEachCountyAsync(IEnumerable<string> counties, Func<IServiceProvider, string, CancellationToken, Task> work, CancellationToken ct) =>
        Parallel.ForEachAsync(counties, new ParallelOptions { MaxDegreeOfParallelism = Parallelism, CancellationToken = ct }, async (county, token) =>
        {
            // One span per county rather than its twenty queries and Redis calls: an 80-county ranking's trace stays
            // readable, and the collector no longer takes 2,000 spans per ranking (half a second of the dashboard's CPU).
            using var activity = Tracing.StartActivity("scorecard county");
            activity?.SetTag("eduplatform.county", county);
            using var quiet = SuppressInstrumentationScope.Begin();
            try
            {
                await using var scope = scopes.CreateAsyncScope();
                await work(scope.ServiceProvider, county, token);
            }
            catch (Exception ex)
            {
                activity?.SetStatus(ActivityStatusCode.Error, ex.Message);
                throw;
            }
        });

    private static readonly ActivitySource Tracing = new("EduPlatform.Inspection");
}

/// <summary>
/// Refreshes cached scorecards after their county's data changed: drops them in Redis, then recomputes the
/// years that were cached. A change is forgotten only once Redis has dropped them, so an outage delays the
/// refresh and never loses it. The city rankings people have read are recomputed too, once the changes
/// settle (or every <see cref="RankingsAtMostEvery"/> while they keep coming), so an inspector opening a
/// ranking after a refresh does not wait for every county to be computed. Every <c>Inspection:KeepWarmInterval</c>
/// (a minute by default) it keeps what has been read from expiring, and computes again what Redis no longer holds,
/// so the first inspector of the morning does not wait either.
/// </summary>
public sealed class ScorecardRefresher : BackgroundService
{
    private static readonly TimeSpan Idle = TimeSpan.FromMilliseconds(100);
    private static readonly TimeSpan AfterFailure = TimeSpan.FromSeconds(2);
    private static readonly TimeSpan RankingsAtMostEvery = TimeSpan.FromSeconds(10);

    private readonly IServiceScopeFactory scopes;
    private readonly TimeProvider clock;
    private readonly ILogger<ScorecardRefresher> logger;
    private DateTimeOffset? _rankingsStaleSince;
    private long _pendingSinceTicks; // UTC ticks of the first pass that found changes and has not yet refreshed them; 0: none
    private readonly TimeSpan _keepWarmEvery;
    private DateTimeOffset _warmedAt;

    public ScorecardRefresher(IServiceScopeFactory scopes, TimeProvider clock, ILogger<ScorecardRefresher> logger, IMeterFactory meters,
        IConfiguration configuration)
    {
        (this.scopes, this.clock, this.logger) = (scopes, clock, logger);
        _keepWarmEvery = configuration.GetValue("Inspection:KeepWarmInterval", TimeSpan.FromMinutes(1));
        // Grows while changes wait (Redis down, the refresher stuck or failing): cached scorecards are that old at worst.
        meters.Create("EduPlatform.Inspection").CreateObservableGauge("eduplatform.scorecard.refresh_age", () =>
            Interlocked.Read(ref _pendingSinceTicks) is var since and > 0 ? (clock.GetUtcNow().UtcTicks - since) / (double)TimeSpan.TicksPerSecond : 0.0,
            unit: "s", description: "How long the oldest county change not yet refreshed into the cached scorecards has waited (0: none waits)");
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            var wait = Idle;
            try
            {
                await RefreshOnceAsync(stoppingToken);
            }
            catch (Exception ex) when (!stoppingToken.IsCancellationRequested)
            {
                logger.LogWarning("Scorecard refresh failed, trying again in {Delay}: {Reason}", AfterFailure, ex.Message);
                wait = AfterFailure;
            }
            try
            {
                await Task.Delay(wait, stoppingToken);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    private async Task RefreshOnceAsync(CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<InspectionDbContext>();
        var cache = scope.ServiceProvider.GetRequiredService<ScorecardCache>();
        var scorecards = scope.ServiceProvider.GetRequiredService<ScorecardService>();
        var passStart = clock.GetUtcNow();
        var changed = await db.CountyChanges.GroupBy(c => c.CountyCode).Select(g => new { County = g.Key, Last = g.Max(c => c.Id) }).ToListAsync(ct);
        if (changed.Count > 0)
        {
            Interlocked.CompareExchange(ref _pendingSinceTicks, passStart.UtcTicks, 0);
        }
        foreach (var change in changed)
        {
            var years = await cache.InvalidateAsync(change.County);
            await db.CountyChanges.Where(c => c.CountyCode == change.County && c.Id <= change.Last).ExecuteDeleteAsync(ct);
            foreach (var year in years)
            {
                await scorecards.GetJsonAsync(change.County, year, ct);
            }
        }
        Interlocked.Exchange(ref _pendingSinceTicks, 0); // what this pass found is refreshed; later changes start the clock again
        var now = clock.GetUtcNow();
        if (changed.Count > 0)
        {
            _rankingsStaleSince ??= now;
        }
        if (_rankingsStaleSince is { } since && (changed.Count == 0 || now - since >= RankingsAtMostEvery))
        {
            _rankingsStaleSince = null; // a change arriving meanwhile marks them stale again
            try
            {
                foreach (var year in await cache.RequestedYearsAsync(ScorecardCache.City))
                {
                    await scorecards.GetCityJsonAsync(year, ct);
                }
            }
            catch
            {
                _rankingsStaleSince ??= since;
                throw;
            }
        }
        if (now - _warmedAt >= _keepWarmEvery)
        {
            await KeepWarmAsync(db, cache, scorecards, ct);
            _warmedAt = now;
        }
    }

    /// <summary>Every county's years read, then the rankings read (from the counties just made warm).</summary>
    private static async Task KeepWarmAsync(InspectionDbContext db, ScorecardCache cache, ScorecardService scorecards, CancellationToken ct)
    {
        foreach (var county in await db.Counties.AsNoTracking().Select(c => c.Code).ToListAsync(ct))
        {
            foreach (var year in await cache.MissingYearsAsync(county))
            {
                await scorecards.GetJsonAsync(county, year, ct);
            }
        }
        foreach (var year in await cache.MissingYearsAsync(ScorecardCache.City))
        {
            await scorecards.GetCityJsonAsync(year, ct);
        }
    }
}
