using EduPlatform.WebApp.Api;

namespace EduPlatform.WebApp.Components.Pages;

/// <summary>A view's HTTP status follows what the API said, so a bookmark to an unknown county is a real 404.</summary>
public static class Status
{
    public static void Set<T>(HttpContext? http, ApiResult<T> answer)
    {
        if (http is null || answer.Ok || http.Response.HasStarted)
        {
            return;
        }
        http.Response.StatusCode = answer.Unauthorized ? StatusCodes.Status401Unauthorized
            : answer.Unavailable ? StatusCodes.Status503ServiceUnavailable
            : answer.Problem?.Status is >= 400 and < 600 and var s ? s : StatusCodes.Status502BadGateway;
    }
}
