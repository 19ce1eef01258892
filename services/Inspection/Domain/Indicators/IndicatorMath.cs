namespace EduPlatform.Inspection.Domain.Indicators;

/// <summary>How every indicator family turns counts into a value and a status.</summary>
internal static class IndicatorMath
{
    /// <summary>A rule that holds per school: met when no judged school is at fault; nothing judged is no data.</summary>
    public static IndicatorResult AllSchools(string code, string name, string test, int judged, string[] atFault, Dictionary<string, decimal> inputs) =>
        new(code, name, test, judged == 0 ? null : judged - atFault.Length, judged == 0 ? null : judged,
            judged == 0 ? Status.NoData : atFault.Length == 0 ? Status.Met : Status.NotMet, atFault, inputs);

    /// <summary>Met at the threshold, near within the band below it (threshold × band), else not met.</summary>
    public static Status Judge(decimal? value, decimal threshold, decimal nearBand) =>
        value is not { } v ? Status.NoData : v >= threshold ? Status.Met : v >= threshold * nearBand ? Status.Near : Status.NotMet;

    /// <summary>The worse of two statuses (not met over near over met); no data only when both are missing.</summary>
    public static Status Worse(Status a, Status b) =>
        a == Status.NoData ? b : b == Status.NoData ? a : (Status)Math.Max((int)a, (int)b);

    /// <summary>The result, saying what was never reported (<paramref name="what"/>) when <paramref name="missing"/>.</summary>
    public static IndicatorResult MissingIf(this IndicatorResult result, bool missing, string what) =>
        missing ? result with { Missing = what } : result;

    /// <summary>part ÷ whole × 100, exact: judged as it is (84.99998 % is not 85 %); rounding is the display's.</summary>
    public static decimal? Percent(decimal? part, decimal? whole) =>
        part is null || whole is not > 0 ? null : part.Value * 100m / whole.Value;

    /// <summary>part ÷ whole as a percentage against a threshold, with both counts as inputs.</summary>
    public static IndicatorResult Share(string code, string name, string test, int? part, int? whole, decimal threshold, decimal nearBand,
        string partLabel, string wholeLabel)
    {
        var percent = Percent(part, whole);
        return percent is null
            ? new IndicatorResult(code, name, test, null, threshold, Status.NoData, [], new Dictionary<string, decimal>())
            : new IndicatorResult(code, name, test, percent, threshold, Judge(percent, threshold, nearBand), [],
                new Dictionary<string, decimal> { [partLabel] = part!.Value, [wholeLabel] = whole!.Value });
    }
}
