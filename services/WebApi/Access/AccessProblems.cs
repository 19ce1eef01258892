using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;

namespace EduPlatform.WebApi.Access;

/// <summary>The refusals of access as ProblemDetails, so a client reads why as it reads a 400.</summary>
public static class AccessProblems
{
    public static IResult Forbidden(HttpContext http, string detail) =>
        TypedResults.Problem(Details(http, StatusCodes.Status403Forbidden, "Not allowed", detail));

    public static ProblemDetails Details(HttpContext http, int status, string title, string detail) => new()
    {
        Status = status,
        Title = title,
        Detail = detail,
        Instance = $"{http.Request.Method} {http.Request.Path}",
    };

    public static Task WriteAsync(HttpContext http, int status, string title, string detail)
    {
        http.Response.StatusCode = status;
        return http.Response.WriteAsJsonAsync(Details(http, status, title, detail), options: null,
            contentType: "application/problem+json", http.RequestAborted);
    }
}
