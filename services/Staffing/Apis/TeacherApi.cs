using System.Security.Claims;
using EduPlatform.Contracts.Facilities;
using EduPlatform.Contracts.Staffing;
using EduPlatform.Kernel;
using EduPlatform.Registry;
using EduPlatform.WebApi;
using EduPlatform.WebApi.Access;
using EduPlatform.Staffing.Domain;
using EduPlatform.Staffing.Infrastructure;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace EduPlatform.Staffing.Apis;

/// <summary>
/// Teachers. Paths carry the opaque teacher id, never an ID number, so no URL in a log or trace holds
/// personal data; names and ID numbers appear only in this department's own responses.
/// </summary>
public static class TeacherApi
{
    public static IEndpointRouteBuilder MapTeacherApi(this IEndpointRouteBuilder app)
    {
        app.MapPut("/api/counties/{county}/teachers", PutCountyTeachers).WithTags("Teachers").ForCountyInRoute()
            .AcceptsRows<TeacherRow>();
        var teachers = app.MapGroup("/api/teachers").WithTags("Teachers");
        teachers.MapPost("/", PostTeacher)
            .ForCounty(context => CountyScopeExtensions.CountyOfSchoolAsync(context.HttpContext, context.Arguments.OfType<TeacherRow>().FirstOrDefault()?.SchoolCode));
        teachers.MapGet("/{id:guid}", GetTeacher).PersonalData();
        teachers.MapPut("/{id:guid}", PutTeacher)
            .ForCounty(context => TeacherCounties.MoveAsync(context.HttpContext, TeacherCounties.RouteId(context.HttpContext),
                context.Arguments.OfType<TeacherRow>().FirstOrDefault()?.SchoolCode));
        app.MapGet("/api/schools/{code}/staff-profile", GetStaffProfile).WithTags("Teachers");
        return app;
    }

    /// <summary>
    /// A county's annual return of its teachers (JSON array or CSV: idNumber, name, schoolCode, section,
    /// fullTime, subjects "music;fine-art", qualification, rank, backbone, certified, hireDate,
    /// atSchoolSince, ruralYears, annualPay, leftOn). Teachers are matched by ID number; each change
    /// is announced under the teacher's opaque id. All rows are stored, or none with every fault listed.
    /// </summary>
    public static async Task<Results<Ok<TeacherOutcome>, ValidationProblem>> PutCountyTeachers(string county, HttpRequest request,
        StaffingDbContext db, TeacherWriter writer, ClaimsPrincipal user, CancellationToken ct)
    {
        var problems = new Problems();
        await RegistryChecks.CountyAsync(db, county, problems, ct);
        if (problems.Any)
        {
            return BulkInput.Refused(problems);
        }
        var (rows, unreadable) = await BulkInput.ReadAsync<TeacherRow>(request, "teachers", ct);
        if (unreadable.Any)
        {
            return BulkInput.Refused(unreadable);
        }
        var (outcome, faults) = await writer.WriteAsync(county, rows, user, ct);
        return outcome is null ? BulkInput.Refused(faults) : TypedResults.Ok(outcome);
    }

    /// <summary>Hires one teacher (or records a known one again, matched by ID number); the county is the school's.</summary>
    public static async Task<Results<Ok<TeacherOutcome>, ValidationProblem>> PostTeacher(TeacherRow request, StaffingDbContext db,
        TeacherWriter writer, ClaimsPrincipal user, CancellationToken ct)
    {
        var county = await db.Schools.Where(s => s.Code == request.SchoolCode).Select(s => s.CountyCode).SingleOrDefaultAsync(ct);
        var (outcome, faults) = await writer.WriteAsync(county ?? "", [new Located<TeacherRow>("", request)], user, ct);
        return outcome is null ? BulkInput.Refused(faults) : TypedResults.Ok(outcome);
    }

    /// <summary>Changes one teacher's profile — a transfer is a new schoolCode, leaving is a leftOn date.</summary>
    public static async Task<Results<Ok<TeacherOutcome>, ValidationProblem, NotFound>> PutTeacher(Guid id, TeacherRow request,
        StaffingDbContext db, TeacherWriter writer, ClaimsPrincipal user, CancellationToken ct)
    {
        var idNumber = await db.Teachers.Where(t => t.Id == id).Select(t => t.IdNumber).SingleOrDefaultAsync(ct);
        if (idNumber is null)
        {
            return TypedResults.NotFound();
        }
        var county = await db.Schools.Where(s => s.Code == request.SchoolCode).Select(s => s.CountyCode).SingleOrDefaultAsync(ct);
        var (outcome, faults) = await writer.WriteAsync(county ?? "", [new Located<TeacherRow>("", request with { IdNumber = idNumber })], user, ct);
        return outcome is null ? BulkInput.Refused(faults) : TypedResults.Ok(outcome);
    }

    public sealed record TeacherDto(Guid Id, string Name, string IdNumber, string SchoolCode, string CountyCode, Section Section, bool FullTime,
        Subject[] Subjects, Qualification Qualification, Rank Rank, BackboneLevel Backbone, bool Certified, DateOnly HireDate,
        DateOnly AtSchoolSince, int RuralYears, decimal AnnualPay, DateOnly? LeftOn, long Version, decimal TrainingHoursInFiveYears);

    /// <summary>One teacher, personal data included (this department's own record).</summary>
    public static async Task<Results<Ok<TeacherDto>, NotFound>> GetTeacher(Guid id, StaffingDbContext db, TimeProvider clock, CancellationToken ct)
    {
        var t = await db.Teachers.AsNoTracking().SingleOrDefaultAsync(x => x.Id == id, ct);
        if (t is null)
        {
            return TypedResults.NotFound();
        }
        var training = await db.Training.AsNoTracking().Where(r => r.TeacherId == id).ToListAsync(ct);
        var hours = ExchangeRules.HoursInFiveYears(training, clock.Today());
        return TypedResults.Ok(new TeacherDto(t.Id, t.Name, t.IdNumber, t.SchoolCode, t.CountyCode, t.Section, t.FullTime, t.Subjects,
            t.Qualification, t.Rank, t.Backbone, t.Certified, t.HireDate, t.AtSchoolSince, t.RuralYears, t.AnnualPay, t.LeftOn, t.Version, hours));
    }

    public sealed record SectionProfile(Section Section, int Teachers, int FullTime, int QualifiedForSection, int Backbone, int PeAndArt,
        int Certified, decimal AveragePay, IReadOnlyDictionary<Qualification, int> ByQualification);

    public sealed record StaffProfileDto(string SchoolCode, SectionProfile[] Sections);

    /// <summary>
    /// A school's active staff per section: full-time teachers, those above the qualification bar for
    /// the section (专科+ primary, 本科+ junior), backbone (county level or above), full-time PE, music and
    /// fine-art teachers, certified, average pay.
    /// </summary>
    public static async Task<Ok<StaffProfileDto>> GetStaffProfile(string code, StaffingDbContext db, CancellationToken ct)
    {
        var teachers = await db.Teachers.AsNoTracking().Where(t => t.SchoolCode == code && t.LeftOn == null).ToListAsync(ct);
        return TypedResults.Ok(new StaffProfileDto(code, teachers.GroupBy(t => t.Section).OrderBy(g => g.Key).Select(g =>
        {
            var bar = g.Key == Section.Primary ? Qualification.Associate : Qualification.Bachelor;
            var full = g.Where(t => t.FullTime).ToList();
            return new SectionProfile(g.Key, g.Count(), full.Count, full.Count(t => t.Qualification >= bar), g.Count(t => t.IsBackbone),
                full.Count(t => t.Subjects.Any(s => s is Subject.PhysicalEducation or Subject.Music or Subject.FineArt)),
                g.Count(t => t.Certified), Math.Round(g.Average(t => t.AnnualPay), 2),
                g.GroupBy(t => t.Qualification).ToDictionary(q => q.Key, q => q.Count()));
        }).ToArray()));
    }
}
