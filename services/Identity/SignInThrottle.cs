using System.Collections.Concurrent;

namespace EduPlatform.Identity;

/// <summary>Lock-out settings (<c>Identity:Lockout</c>).</summary>
public sealed class LockoutOptions
{
    /// <summary>Failed sign-ins a user name (or an address) may make before it is locked out…</summary>
    public int FreeFailures { get; set; } = 5;
    /// <summary>…first for this long, doubling with every further failure…</summary>
    public TimeSpan FirstLockout { get; set; } = TimeSpan.FromSeconds(2);
    /// <summary>…up to this long. A success, or a quiet day, forgets the failures.</summary>
    public TimeSpan LongestLockout { get; set; } = TimeSpan.FromMinutes(15);
    public TimeSpan ForgetAfter { get; set; } = TimeSpan.FromHours(24);
}

/// <summary>
/// Slows password (and client secret) guessing: after <see cref="LockoutOptions.FreeFailures"/> failures for
/// one user name — or from one address, so spreading guesses over many names does not help — further
/// attempts are refused, even with the right password, until a lock-out that doubles with each failure
/// has passed. Every failure and lock-out is written to the log as an audit record (event ids 4001, 4002).
/// Kept in memory: the local identity service is one process (the city's provider has its own).
/// </summary>
public sealed class SignInThrottle(LockoutOptions options, TimeProvider clock, ILogger<SignInThrottle> logger)
{
    private sealed record State(int Failures, DateTimeOffset LockedUntil, DateTimeOffset LastFailure);

    private readonly ConcurrentDictionary<string, State> _states = new(StringComparer.Ordinal);

    /// <summary>How long the caller must still wait (for the account or the address), or null when it may try.</summary>
    public TimeSpan? LockedFor(string account, string? address)
    {
        var now = clock.GetUtcNow();
        var until = new[] { Key("account", account), Key("address", address) }
            .Select(k => _states.TryGetValue(k, out var s) ? s.LockedUntil : DateTimeOffset.MinValue).Max();
        return until > now ? until - now : null;
    }

    public void Failed(string account, string? address)
    {
        var now = clock.GetUtcNow();
        foreach (var key in new[] { Key("account", account), Key("address", address) })
        {
            var state = _states.AddOrUpdate(key, _ => Next(0, now), (_, s) => Next(now - s.LastFailure > options.ForgetAfter ? 0 : s.Failures, now));
            if (state.LockedUntil > now)
            {
                logger.LogWarning(new EventId(4002, "SignInLockedOut"), "Sign-in locked out: {Key} after {Failures} failures, until {Until:O}",
                    key, state.Failures, state.LockedUntil);
            }
        }
        logger.LogWarning(new EventId(4001, "SignInFailed"), "Sign-in failed for {Account} from {Address}", account, address);
        if (_states.Count > 100_000)
        {
            // Bounded: forget the oldest failures first.
            foreach (var stale in _states.Where(s => now - s.Value.LastFailure > options.LongestLockout).Select(s => s.Key).ToList())
            {
                _states.TryRemove(stale, out _);
            }
        }
    }

    public void Succeeded(string account) => _states.TryRemove(Key("account", account), out _);

    private State Next(int failures, DateTimeOffset now)
    {
        failures++;
        var over = failures - options.FreeFailures;
        var lockout = over <= 0 ? TimeSpan.Zero
            : TimeSpan.FromTicks(Math.Min(options.LongestLockout.Ticks, options.FirstLockout.Ticks * (1L << Math.Min(over - 1, 30))));
        return new State(failures, now + lockout, now);
    }

    private static string Key(string kind, string? value) => $"{kind}:{value ?? "?"}";
}
