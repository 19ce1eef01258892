using System.Globalization;
using System.Text;
using CsvHelper;
using EduPlatform.WebApp.Components;

namespace EduPlatform.WebApp.Api;

/// <summary>Downloads for spreadsheets: UTF-8 with a BOM (Excel reads Chinese correctly), Chinese headers, a unit column.</summary>
public static class Exports
{
    public static IEndpointRouteBuilder MapExports(this IEndpointRouteBuilder app)
    {
        app.MapGet("/counties/{county}/years/{year:int}/scorecard.csv", ScorecardCsv).RequireAuthorization();
        app.MapGet("/evaluations/{id:guid}/export.csv", async (Guid id, InspectionApi api, CancellationToken ct) =>
            await api.BytesAsync($"api/evaluations/{id}/export.csv", ct) is ({ } bytes, _)
                ? Results.File(bytes, "text/csv; charset=utf-8", $"evaluation-{id}.csv")
                : Results.Redirect($"/evaluations/{id}")).RequireAuthorization();
        return app;
    }

    private static async Task<IResult> ScorecardCsv(string county, int year, InspectionApi api, CancellationToken ct)
    {
        var answer = await api.ScorecardAsync(county, year, ct);
        if (answer.Value is not { } card)
        {
            return answer.Unauthorized ? Results.Challenge() : Results.Redirect($"/counties/{Uri.EscapeDataString(county)}/years/{year}");
        }
        return Results.File(Write(card), "text/csv; charset=utf-8", $"scorecard-{card.CountyCode}-{card.Year}.csv");
    }

    public static byte[] Write(Scorecard card)
    {
        using var stream = new MemoryStream();
        using (var writer = new StreamWriter(stream, new UTF8Encoding(encoderShouldEmitUTF8Identifier: true)))
        // A county or school name starting with = + - @ must not become a spreadsheet formula.
        using (var csv = new CsvWriter(writer, new CsvHelper.Configuration.CsvConfiguration(CultureInfo.InvariantCulture) { InjectionOptions = CsvHelper.Configuration.InjectionOptions.Escape }))
        {
            foreach (var header in new[] { "县代码", "县（市、区）", "学年", "县结论", "类别", "指标代码", "学段", "指标", "Indicator", "数值", "单位", "方向", "标准", "状态", "Status", "未达标学校数", "未达标学校", "依据" })
            {
                csv.WriteField(header);
            }
            csv.NextRecord();
            foreach (var group in card.Groups)
            {
                foreach (var line in group.Lines)
                {
                    csv.WriteField(card.CountyCode);
                    csv.WriteField(card.CountyName);
                    csv.WriteField(card.Year);
                    csv.WriteField(Labels.Status(card.Verdict));
                    csv.WriteField(group.Name);
                    csv.WriteField(line.Code);
                    csv.WriteField(Labels.Level(line.Level));
                    csv.WriteField(line.Name);
                    csv.WriteField(line.Label);
                    // Full precision, as the API gives it: a spreadsheet rounds for display, never the export.
                    csv.WriteField(line.Value?.ToString(CultureInfo.InvariantCulture) ?? "");
                    csv.WriteField(line.Unit);
                    csv.WriteField(Labels.Direction(line));
                    csv.WriteField(line.Threshold?.ToString(CultureInfo.InvariantCulture) ?? "");
                    csv.WriteField(Labels.Status(line.Status));
                    csv.WriteField(line.Status);
                    csv.WriteField(line.SchoolsAtFault.Length);
                    csv.WriteField(string.Join(';', line.SchoolsAtFault));
                    csv.WriteField(line.Evidence ?? "");
                    csv.NextRecord();
                }
            }
        }
        return stream.ToArray();
    }
}
