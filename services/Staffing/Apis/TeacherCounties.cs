using EduPlatform.WebApi.Access;
using EduPlatform.Staffing.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace EduPlatform.Staffing.Apis;

/// <summary>The county of the teacher a write names, for a county office's access check.</summary>
public static class TeacherCounties
{
    public static async ValueTask<string?> OfAsync(HttpContext http, Guid? teacherId) =>
        teacherId is { } id
            ? await http.RequestServices.GetRequiredService<StaffingDbContext>().Teachers
                .Where(t => t.Id == id).Select(t => t.CountyCode).FirstOrDefaultAsync(http.RequestAborted)
            : null;

    public static RouteHandlerBuilder ForTeacherInRoute(this RouteHandlerBuilder builder) =>
        builder.ForCounty(context => OfAsync(context.HttpContext, RouteId(context.HttpContext)));

    /// <summary>The teacher's county and that of the school the request sends them to (a transfer, an exchange).</summary>
    public static async ValueTask<string?> MoveAsync(HttpContext http, Guid? teacherId, string? toSchool) =>
        CountyScopeExtensions.Between(await OfAsync(http, teacherId), await CountyScopeExtensions.CountyOfSchoolAsync(http, toSchool));

    public static Guid? RouteId(HttpContext http) => Guid.TryParse(http.Request.RouteValues["id"] as string, out var id) ? id : null;
}
