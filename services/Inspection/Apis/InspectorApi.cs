using EduPlatform.Inspection.Domain;
using EduPlatform.Inspection.Domain.Indicators;
using EduPlatform.Inspection.Infrastructure;
using EduPlatform.Kernel;
using EduPlatform.Registry;
using EduPlatform.ServiceDefaults;
using EduPlatform.WebApi;
using EduPlatform.WebApi.Access;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace EduPlatform.Inspection.Apis;

/// <summary>What inspectors record: verdicts on evidence items, and the imported national monitoring and survey results.</summary>
public static class InspectorApi
{
    public static IEndpointRouteBuilder MapInspectorApi(this IEndpointRouteBuilder app)
    {
        app.MapPut("/api/counties/{county}/years/{year:int}/verdicts/{code}", PutVerdict).WithTags("Inspectors")
            .RequireAuthorization(PlatformAccess.InspectorPolicy);
        app.MapPut("/api/years/{year:int}/monitoring-results", PutMonitoring).WithTags("Inspectors")
            .RequireAuthorization(PlatformAccess.InspectorPolicy).AcceptsBulkUpload();
        app.MapPut("/api/years/{year:int}/survey-results", PutSurvey).WithTags("Inspectors")
            .RequireAuthorization(PlatformAccess.InspectorPolicy).AcceptsBulkUpload();
        return app;
    }

    /// <param name="Met">Whether the evidence shows the item is met.</param>
    /// <param name="DocumentReference">The document the verdict rests on (e.g. 县政府文件 number).</param>
    /// <param name="Inspector">Who judged it.</param>
    public sealed record VerdictRequest(bool? Met, string? DocumentReference, string? Inspector, string? Note);

    public sealed record VerdictDto(string CountyCode, int Year, string Code, string Name, bool Met, string DocumentReference, string Inspector,
        string? Note, DateTimeOffset RecordedAt);

    /// <summary>
    /// Records an inspector's verdict on an evidence item (GG1, GG2, GG10, EQ3, EQ5–EQ8) for a county and
    /// year, replacing an earlier one. Closed evaluations keep the verdicts they froze.
    /// </summary>
    public static async Task<Results<Ok<VerdictDto>, ValidationProblem>> PutVerdict(string county, int year, string code, VerdictRequest request,
        InspectionDbContext db, ScorecardCache cache, TimeProvider clock, CancellationToken ct)
    {
        var problems = new Problems();
        Codes.CheckYear(year, problems);
        await RegistryChecks.CountyAsync(db, county, problems, ct);
        if (!Catalogue.IsEvidence(code))
        {
            problems.Error("", "code", $"'{code}' is not an evidence item; verdicts are recorded for {string.Join(", ", Catalogue.EvidenceCodes)}.");
        }
        var met = problems.Required("", "met", request.Met);
        Text(problems, "", "documentReference", request.DocumentReference, 200);
        Text(problems, "", "inspector", request.Inspector, 100);
        if (request.Note?.Length > 1000)
        {
            problems.Error("", "note", "note is at most 1000 characters.");
        }
        if (problems.Any)
        {
            return BulkInput.Refused(problems);
        }

        // Two first verdicts for the same item at once would both find none and both insert: the second waits instead.
        await using var write = await db.BeginWriteAsync(ct, ReadModelUpsert.LockKey<EvidenceVerdict>(county, year, code));
        var verdict = await db.Verdicts.FindAsync([county, year, code], ct);
        if (verdict is null)
        {
            verdict = new EvidenceVerdict { CountyCode = county, Year = year, Code = code, DocumentReference = "", Inspector = "" };
            db.Verdicts.Add(verdict);
        }
        (verdict.Met, verdict.DocumentReference, verdict.Inspector, verdict.Note, verdict.RecordedAt) =
            (met!.Value, request.DocumentReference!.Trim(), request.Inspector!.Trim(), request.Note?.Trim(), clock.GetUtcNow());
        await db.SaveChangesAsync(ct);
        await db.MarkChangedAsync(county, ct);
        await write.CommitAsync(ct);
        await cache.DropAsync([county]); // the inspector's next read shows the verdict
        return TypedResults.Ok(new VerdictDto(county, year, code, Catalogue.Get(code).Name, verdict.Met, verdict.DocumentReference, verdict.Inspector,
            verdict.Note, verdict.RecordedAt));
    }

    /// <param name="Subjects">The subjects monitored (CSV: "语文;数学;体育").</param>
    /// <param name="Levels">Each subject's level, 1–4 for 水平Ⅰ–Ⅳ, same order (CSV: "3;4;3").</param>
    /// <param name="DifferenceRate">The inter-school difference rate (校际差异率), 0–1.</param>
    public sealed record MonitoringRow(string? CountyCode, string[]? Subjects, decimal[]? Levels, decimal? DifferenceRate, string? DocumentReference);

    /// <param name="SatisfactionPercent">Share of respondents satisfied, 0–100.</param>
    public sealed record SurveyRow(string? CountyCode, decimal? SatisfactionPercent, int? Respondents, string? DocumentReference);

    public sealed record ImportOutcome(int Year, int Counties);

    /// <summary>
    /// Imports the national quality monitoring results (EQ9) for a year, one row per county (JSON array or
    /// CSV). All rows or none: every fault is listed. A county's earlier import for the year is replaced.
    /// </summary>
    public static async Task<Results<Ok<ImportOutcome>, ValidationProblem>> PutMonitoring(int year, HttpRequest request, InspectionDbContext db,
        ScorecardCache cache, TimeProvider clock, CancellationToken ct)
    {
        var (rows, problems) = await BulkInput.ReadAsync<MonitoringRow>(request, "results", ct);
        Codes.CheckYear(year, problems);
        foreach (var (where, row) in rows)
        {
            await RegistryChecks.CountyAsync(db, row.CountyCode, problems, ct, "countyCode", where);
            var subjects = row.Subjects ?? [];
            var levels = row.Levels ?? [];
            if (subjects.Length == 0 || subjects.Any(string.IsNullOrWhiteSpace))
            {
                problems.Error(where, "subjects", "subjects lists every subject monitored.");
            }
            if (levels.Length != subjects.Length)
            {
                problems.Error(where, "levels", $"levels gives one level per subject ({subjects.Length}), got {levels.Length}.");
            }
            if (levels.Any(l => l is < 1 or > 4 || l != decimal.Truncate(l)))
            {
                problems.Error(where, "levels", "Each level is 1, 2, 3 or 4 (水平Ⅰ–Ⅳ).");
            }
            if (problems.Required(where, "differenceRate", row.DifferenceRate) is < 0 or > 1)
            {
                problems.Error(where, "differenceRate", $"differenceRate is between 0 and 1 (got {row.DifferenceRate}).");
            }
            Text(problems, where, "documentReference", row.DocumentReference, 200);
        }
        if (Refusal(rows, r => r.CountyCode, problems) is { } refused)
        {
            return refused;
        }
        await ImportAsync(db, cache, year, rows.Select(r => r.Row.CountyCode!), (import, i) =>
        {
            var row = rows[i].Row;
            (import.MonitoringSubjects, import.MonitoringLevels) = ([.. row.Subjects!.Select(s => s.Trim())], [.. row.Levels!.Select(l => (int)l)]);
            (import.MonitoringDifferenceRate, import.MonitoringDocument, import.ImportedAt) = (row.DifferenceRate, row.DocumentReference!.Trim(), clock.GetUtcNow());
        }, ct);
        return TypedResults.Ok(new ImportOutcome(year, rows.Count));
    }

    /// <summary>Imports the satisfaction survey results (SR1, a veto item) for a year, one row per county; all rows or none.</summary>
    public static async Task<Results<Ok<ImportOutcome>, ValidationProblem>> PutSurvey(int year, HttpRequest request, InspectionDbContext db,
        ScorecardCache cache, TimeProvider clock, CancellationToken ct)
    {
        var (rows, problems) = await BulkInput.ReadAsync<SurveyRow>(request, "results", ct);
        Codes.CheckYear(year, problems);
        foreach (var (where, row) in rows)
        {
            await RegistryChecks.CountyAsync(db, row.CountyCode, problems, ct, "countyCode", where);
            if (problems.Required(where, "satisfactionPercent", row.SatisfactionPercent) is < 0 or > 100)
            {
                problems.Error(where, "satisfactionPercent", $"satisfactionPercent is between 0 and 100 (got {row.SatisfactionPercent}).");
            }
            if (problems.Required(where, "respondents", row.Respondents) is <= 0)
            {
                problems.Error(where, "respondents", "respondents is the number of people surveyed, at least 1.");
            }
            Text(problems, where, "documentReference", row.DocumentReference, 200);
        }
        if (Refusal(rows, r => r.CountyCode, problems) is { } refused)
        {
            return refused;
        }
        await ImportAsync(db, cache, year, rows.Select(r => r.Row.CountyCode!), (import, i) =>
        {
            var row = rows[i].Row;
            (import.SatisfactionPercent, import.SurveyRespondents) = (row.SatisfactionPercent, row.Respondents);
            (import.SurveyDocument, import.ImportedAt) = (row.DocumentReference!.Trim(), clock.GetUtcNow());
        }, ct);
        return TypedResults.Ok(new ImportOutcome(year, rows.Count));
    }

    private static async Task ImportAsync(InspectionDbContext db, ScorecardCache cache, int year, IEnumerable<string> counties,
        Action<ImportedResult, int> apply, CancellationToken ct)
    {
        var codes = counties.ToList();
        // A monitoring and a survey import of the same county at once would both insert its row: the second waits instead.
        await using var write = await Write.BeginAsync(db, codes.Select(c => ReadModelUpsert.LockKey<ImportedResult>(c, year)), ct);
        var stored = await db.Imports.Where(i => i.Year == year && codes.Contains(i.CountyCode)).ToDictionaryAsync(i => i.CountyCode, ct);
        for (var i = 0; i < codes.Count; i++)
        {
            if (!stored.TryGetValue(codes[i], out var import))
            {
                import = new ImportedResult { CountyCode = codes[i], Year = year };
                db.Imports.Add(import);
            }
            apply(import, i);
        }
        await db.SaveChangesAsync(ct);
        await db.MarkChangedAsync(codes, ct);
        await write.CommitAsync(ct);
        await cache.DropAsync(codes); // the import shows in the next read
    }

    private static void Text(Problems problems, string where, string field, string? value, int max)
    {
        problems.Name(where, field, value, max);
    }

    /// <summary>The refusal of an import, adding what only the whole set shows: a county twice, or no county at all.</summary>
    private static ValidationProblem? Refusal<T>(List<Located<T>> rows, Func<T, string?> county, Problems problems)
    {
        foreach (var repeat in rows.Where(r => county(r.Row) is not null).GroupBy(r => county(r.Row)).Where(g => g.Count() > 1).SelectMany(g => g.Skip(1)))
        {
            problems.Error(repeat.Where, "countyCode", $"County {county(repeat.Row)} appears more than once.");
        }
        if (rows.Count == 0 && !problems.Any)
        {
            problems.Error("", "results", "Send at least one county's results.");
        }
        return problems.Any ? BulkInput.Refused(problems) : null;
    }
}
