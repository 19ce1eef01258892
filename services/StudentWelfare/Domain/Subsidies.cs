using EduPlatform.Contracts.Facilities;
using EduPlatform.Kernel;
using EduPlatform.Registry;

namespace EduPlatform.StudentWelfare.Domain;

/// <summary>
/// A student from a poor family eligible for the living subsidy in a school year. The student is known
/// by an opaque id from the bureau's system; the name is personal data: kept here for the clerks,
/// never published, logged or traced.
/// </summary>
public sealed class EligibleStudent
{
    public int Year { get; init; }
    public required string StudentId { get; init; }
    public string? Name { get; set; }
    public required string SchoolCode { get; set; }
    public required string CountyCode { get; set; }
    public Section Section { get; set; }
    public bool Boarder { get; set; }
}

/// <summary>One term's subsidy paid to a student (term 1 autumn, 2 spring).</summary>
public sealed class SubsidyPayment
{
    public int Year { get; init; }
    public required string StudentId { get; init; }
    public int Term { get; init; }
    public decimal Amount { get; init; }
    public DateOnly PaidOn { get; init; }
    public DateTimeOffset RecordedAt { get; init; }
}

public sealed record EligibleStudentRow(string? StudentId, string? Name, string? SchoolCode, string? Section, bool? Boarder);

public sealed record PaymentRow(string? StudentId, int? Term, decimal? Amount, DateOnly? PaidOn);

/// <summary>The current revision of a school-term's coverage figures, so each event supersedes the last.</summary>
public sealed class CoverageRevision
{
    public required string SchoolCode { get; init; }
    public int Year { get; init; }
    public int Term { get; init; }
    public int Revision { get; set; }
}

public static class SubsidyRules
{
    public const int MaxIdLength = 40;

    public static List<EligibleStudent> ValidateEligible(string countyCode, int year, IReadOnlyList<Located<EligibleStudentRow>> rows,
        IReadOnlyDictionary<string, RegistrySchool> registry, Problems problems)
    {
        var valid = new List<EligibleStudent>(rows.Count);
        var seen = new Dictionary<string, string>(rows.Count);
        foreach (var (where, row) in rows)
        {
            var id = StudentId(where, row.StudentId, problems);
            var school = RegistryChecks.School(where, row.SchoolCode, countyCode, registry, problems);
            var section = problems.Enum<Section>(where, "section", row.Section);
            var boarder = problems.Required(where, "boarder", row.Boarder);
            // The name is optional (the id identifies the student), but one that is sent must be a name.
            var name = string.IsNullOrWhiteSpace(row.Name) ? null : problems.Name(where, "name", row.Name, 50);
            if (school is not null && section is { } s && !SchoolTypes.HasSection(school.Type, s))
            {
                problems.Error(where, "section", $"A {Problems.KebabCase(school.Type)} school has no {Problems.KebabCase(s)} section.");
                continue;
            }
            if (school is not null && boarder == true && !school.Boarding)
            {
                problems.Error(where, "boarder", $"School {school.Code} ({school.Name}) is not a boarding school.");
                continue;
            }
            if (id is null || school is null || section is null || boarder is null)
            {
                continue;
            }
            if (!seen.TryAdd(id, where))
            {
                problems.Error(where, "studentId", $"Student {id} is listed twice (also at {seen[id]}).");
                continue;
            }
            valid.Add(new EligibleStudent
            {
                Year = year, StudentId = id, Name = name, SchoolCode = school.Code, CountyCode = countyCode,
                Section = section.Value, Boarder = boarder.Value,
            });
        }
        return valid;
    }

    /// <param name="eligible">The county's eligible students for the year, by id.</param>
    /// <param name="paid">Payments already recorded for the year, by (student, term).</param>
    /// <returns>New payments; identical repeats of recorded ones are dropped; conflicting repeats are listed separately (409).</returns>
    public static (List<SubsidyPayment> New, Problems Duplicates) ValidatePayments(int year, DateOnly today,
        IReadOnlyList<Located<PaymentRow>> rows, IReadOnlyDictionary<string, EligibleStudent> eligible,
        IReadOnlyDictionary<(string, int), SubsidyPayment> paid, DateTimeOffset now, Problems problems)
    {
        var valid = new List<SubsidyPayment>(rows.Count);
        var duplicates = new Problems();
        var seen = new Dictionary<(string, int), string>(rows.Count);
        foreach (var (where, row) in rows)
        {
            var id = StudentId(where, row.StudentId, problems);
            var term = problems.Required(where, "term", row.Term);
            var amount = problems.Required(where, "amount", row.Amount);
            var paidOn = problems.Required(where, "paidOn", row.PaidOn);
            if (term is not null and not (1 or 2))
            {
                problems.Error(where, "term", "term is 1 (autumn) or 2 (spring).");
                term = null;
            }
            if (amount <= 0)
            {
                problems.Error(where, "amount", $"A payment is a positive amount in 元 (got {amount}).");
            }
            else if (amount is { } a && !problems.Within(where, "amount", a, Bounds.PerStudentMoney))
            {
                amount = null;
            }
            if (paidOn > today)
            {
                problems.Error(where, "paidOn", $"A payment is recorded once made; {paidOn:yyyy-MM-dd} is in the future.");
            }
            if (id is not null && !eligible.ContainsKey(id))
            {
                problems.Error(where, "studentId", $"Student {id} is not on this county's list of eligible students for {year}.");
                continue;
            }
            if (id is null || term is not { } t || amount is not > 0 || paidOn is not { } on || on > today)
            {
                continue;
            }
            if (!seen.TryAdd((id, t), where))
            {
                duplicates.Error(where, "term", $"Student {id} is paid twice for term {t} in this upload (also at {seen[(id, t)]}).");
                continue;
            }
            if (paid.TryGetValue((id, t), out var earlier))
            {
                if (earlier.Amount != amount || earlier.PaidOn != on)
                {
                    duplicates.Error(where, "term", $"Student {id} was already paid {earlier.Amount} 元 for term {t} on {earlier.PaidOn:yyyy-MM-dd}.");
                }
                continue; // the same payment sent again: nothing to record
            }
            valid.Add(new SubsidyPayment { Year = year, StudentId = id, Term = t, Amount = amount.Value, PaidOn = on, RecordedAt = now });
        }
        return (valid, duplicates);
    }

    private static string? StudentId(string where, string? id, Problems problems)
    {
        var trimmed = id?.Trim();
        if (string.IsNullOrEmpty(trimmed) || trimmed.Length > MaxIdLength)
        {
            problems.Error(where, "studentId", $"studentId (the bureau's opaque id) is required, at most {MaxIdLength} characters.");
            return null;
        }
        return trimmed;
    }
}
