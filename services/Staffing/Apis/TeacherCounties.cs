using EduPlatform.ServiceDefaults.Access;
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
        builder.ForCounty(context => OfAsync(context.HttpContext,
            Guid.TryParse(context.HttpContext.Request.RouteValues["id"] as string, out var id) ? id : null));
}
