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
        Set(http, answer.Unauthorized ? StatusCodes.Status401Unauthorized
            : answer.Unavailable ? StatusCodes.Status503ServiceUnavailable
            : answer.Problem?.Status is >= 400 and < 600 and var s ? s : StatusCodes.Status502BadGateway);
    }

    public static void Set(HttpContext http, int status)
    {
        // Set as the rendered page starts to go out, not during rendering: a status changed while rendering makes
        // Blazor drop the view's body (it expects the status-code page to answer instead), and the reason the view
        // explains would be lost. Once the body has started, the status-code page leaves the response alone.
        http.Response.OnStarting(() =>
        {
            http.Response.StatusCode = status;
            return Task.CompletedTask;
        });
    }
}
