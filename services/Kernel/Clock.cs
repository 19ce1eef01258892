namespace EduPlatform.Kernel;

public static class Clock
{
    /// <summary>Today's date in UTC, the date the services judge "already happened" and "begun" by.</summary>
    public static DateOnly Today(this TimeProvider clock) => DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);
}
