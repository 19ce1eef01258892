using System.Globalization;
using System.Text;
using EduPlatform.Inspection.Domain.Indicators;
using EduPlatform.Kernel;

namespace EduPlatform.Inspection.Apis;

/// <summary>Scorecards as CSV for spreadsheets: one line per county, indicator and level; with the earlier value where there is one.</summary>
public static class ScorecardCsv
{
    public static byte[] Write(IEnumerable<(Scorecard Card, Scorecard? Before)> cards)
    {
        var text = new StringBuilder();
        text.AppendLine("county,county_name,year,verdict,group,code,level,name,label,value,threshold,status,schools_at_fault,evidence,deadline,previous_value,previous_status");
        foreach (var (card, before) in cards)
        {
            var earlier = before?.Groups.SelectMany(g => g.Lines).ToDictionary(l => (l.Code, l.Level));
            foreach (var group in card.Groups)
            {
                foreach (var line in group.Lines)
                {
                    var previous = earlier?.GetValueOrDefault((line.Code, line.Level));
                    text.AppendJoin(',', new[]
                    {
                        card.CountyCode, card.CountyName, card.Year.ToString(CultureInfo.InvariantCulture), Problems.KebabCase(card.Verdict),
                        Problems.KebabCase(group.Key), line.Code, line.Level is { } l ? Problems.KebabCase(l) : "", line.Name, line.Label,
                        Number(line.Value), Number(line.Threshold), Problems.KebabCase(line.Status), string.Join(';', line.SchoolsAtFault),
                        line.Evidence ?? "", line.Deadline?.ToString(CultureInfo.InvariantCulture) ?? "",
                        Number(previous?.Value), previous is null ? "" : Problems.KebabCase(previous.Status),
                    }.Select(Quote));
                    text.AppendLine();
                }
            }
        }
        return [.. Encoding.UTF8.GetPreamble(), .. Encoding.UTF8.GetBytes(text.ToString())];
    }

    private static string Number(decimal? value) => value?.ToString(CultureInfo.InvariantCulture) ?? "";

    private static string Quote(string field) =>
        field.IndexOfAny([',', '"', '\n', '\r']) >= 0 ? $"\"{field.Replace("\"", "\"\"", StringComparison.Ordinal)}\"" : field;
}
