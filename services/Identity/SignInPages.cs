using System.Net;
using System.Security.Claims;
using Microsoft.AspNetCore;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Mvc;
using OpenIddict.Abstractions;
using OpenIddict.Server.AspNetCore;
using static OpenIddict.Abstractions.OpenIddictConstants;

namespace EduPlatform.Identity;

/// <summary>
/// People sign in here, not in the web applications: the authorization endpoint sends whoever has no session
/// to the sign-in page, which keeps a session cookie of this service only; the end-session endpoint ends it.
/// </summary>
public static class SignInPages
{
    /// <summary>The identity service's own session: who signed in here, so a second application needs no second sign-in.</summary>
    public const string SessionScheme = "identity-session";

    public static IServiceCollection AddSignInSession(this IServiceCollection services)
    {
        services.AddAuthentication().AddCookie(SessionScheme, cookie =>
        {
            cookie.Cookie.Name = "eduplatform.identity";
            cookie.Cookie.HttpOnly = true;
            cookie.Cookie.SameSite = SameSiteMode.Lax;
            cookie.ExpireTimeSpan = TimeSpan.FromHours(8);
            cookie.SlidingExpiration = true;
            cookie.LoginPath = "/signin";
        });
        services.AddAntiforgery(options => options.Cookie.Name = "eduplatform.identity.af");
        return services;
    }

    public static IEndpointRouteBuilder MapSignInPages(this IEndpointRouteBuilder app)
    {
        app.MapMethods("/connect/authorize", [HttpMethods.Get, HttpMethods.Post], (Delegate)Authorize).DisableAntiforgery();
        app.MapMethods("/connect/logout", [HttpMethods.Get, HttpMethods.Post], (Delegate)SignOut).DisableAntiforgery();
        app.MapGet("/signin", (HttpContext http, IAntiforgery antiforgery, string? returnUrl) =>
            Page(http, antiforgery, SafeReturn(returnUrl), username: "", error: null));
        app.MapPost("/signin", (Delegate)SignIn);
        app.MapGet("/signed-out", () => Results.Content(Html("已退出 Signed out",
            "<h1>已退出登录 <small>Signed out</small></h1><p>您已安全退出。关闭此窗口，或返回应用重新登录。</p>"), "text/html; charset=utf-8"));
        return app;
    }

    private static async Task<IResult> Authorize(HttpContext http, Directory directory)
    {
        var request = http.GetOpenIddictServerRequest()
            ?? throw new InvalidOperationException("The OpenID Connect request cannot be read.");
        var session = await http.AuthenticateAsync(SessionScheme);
        var person = session.Succeeded ? directory.PersonNamed(session.Principal.FindFirstValue(Claims.Subject)) : null;
        if (person is null || request.HasPromptValue(PromptValues.Login))
        {
            if (request.HasPromptValue(PromptValues.None))
            {
                return Results.Forbid(new AuthenticationProperties(new Dictionary<string, string?>
                {
                    [OpenIddictServerAspNetCoreConstants.Properties.Error] = Errors.LoginRequired,
                    [OpenIddictServerAspNetCoreConstants.Properties.ErrorDescription] = "Nobody is signed in.",
                }), [OpenIddictServerAspNetCoreDefaults.AuthenticationScheme]);
            }
            // Back to this very request after signing in (prompt=login dropped, or it would ask again forever).
            var parameters = request.GetParameters().Where(p => p.Key != Parameters.Prompt)
                .Select(p => KeyValuePair.Create(p.Key, (string?)p.Value.ToString()));
            return Results.Redirect("/signin?returnUrl=" + Uri.EscapeDataString("/connect/authorize" + QueryString.Create(parameters)));
        }
        var principal = Tokens.Principal(person, Destinations.AccessToken, Destinations.IdentityToken);
        principal.SetScopes(request.GetScopes().Intersect([Scopes.OpenId, Scopes.OfflineAccess, Scopes.Profile]));
        return Results.SignIn(principal, authenticationScheme: OpenIddictServerAspNetCoreDefaults.AuthenticationScheme);
    }

    private static async Task<IResult> SignOut(HttpContext http)
    {
        await http.SignOutAsync(SessionScheme);
        // OpenIddict returns to the application's post_logout_redirect_uri (checked against the register), else here.
        return Results.SignOut(new AuthenticationProperties { RedirectUri = "/signed-out" },
            [OpenIddictServerAspNetCoreDefaults.AuthenticationScheme]);
    }

    private static async Task<IResult> SignIn(HttpContext http, IAntiforgery antiforgery, Directory directory, SignInThrottle throttle,
        [FromForm] string? username, [FromForm] string? password, [FromForm] string? returnUrl)
    {
        var target = SafeReturn(returnUrl);
        var address = http.Connection.RemoteIpAddress?.ToString();
        var account = $"user:{username}";
        if (string.IsNullOrWhiteSpace(username) || string.IsNullOrEmpty(password))
        {
            return Page(http, antiforgery, target, username ?? "", "请输入用户名和密码。 Enter your user name and password.", StatusCodes.Status400BadRequest);
        }
        if (throttle.LockedFor(account, address) is { } wait)
        {
            http.Response.Headers.RetryAfter = Math.Ceiling(wait.TotalSeconds).ToString(System.Globalization.CultureInfo.InvariantCulture);
            return Page(http, antiforgery, target, username, $"登录失败次数过多，请 {Math.Ceiling(wait.TotalSeconds)} 秒后再试。 Too many failed sign-ins: try again later.",
                StatusCodes.Status429TooManyRequests);
        }
        if (directory.Person(username, password) is not { } person)
        {
            throttle.Failed(account, address);
            return Page(http, antiforgery, target, username, "用户名或密码不正确。 Unknown user name or wrong password.", StatusCodes.Status400BadRequest);
        }
        throttle.Succeeded(account);
        var identity = new ClaimsIdentity(SessionScheme, Claims.Subject, Claims.Role);
        identity.AddClaim(new Claim(Claims.Subject, person.Username));
        await http.SignInAsync(SessionScheme, new ClaimsPrincipal(identity));
        return Results.Redirect(target);
    }

    /// <summary>Only this service's authorization endpoint is a place to return to: anything else would be an open redirect.</summary>
    private static string SafeReturn(string? returnUrl) =>
        returnUrl is not null && returnUrl.StartsWith("/connect/authorize?", StringComparison.Ordinal) && !returnUrl.Contains('\\')
            ? returnUrl : "/signed-out";

    private static IResult Page(HttpContext http, IAntiforgery antiforgery, string returnUrl, string username, string? error, int status = 200)
    {
        var tokens = antiforgery.GetAndStoreTokens(http);
        Func<string?, string?> e = WebUtility.HtmlEncode;
        var body = $"""
            <h1>登录 <small>Sign in</small></h1>
            <p class="lead">县域义务教育优质均衡发展 督导评估平台</p>
            {(error is null ? "" : $"<p class=\"error\" role=\"alert\" id=\"error\">{e(error)}</p>")}
            <form method="post" action="/signin">
              <input type="hidden" name="{e(tokens.FormFieldName)}" value="{e(tokens.RequestToken ?? "")}">
              <input type="hidden" name="returnUrl" value="{e(returnUrl)}">
              <label for="username">用户名 <small>User name</small></label>
              <input id="username" name="username" autocomplete="username" required value="{e(username)}" {(error is null ? "autofocus" : "")}>
              <label for="password">密码 <small>Password</small></label>
              <input id="password" name="password" type="password" autocomplete="current-password" required {(error is null ? "" : "autofocus")}>
              <button type="submit">登录 Sign in</button>
            </form>
            """;
        return Results.Content(Html("登录 Sign in", body), "text/html; charset=utf-8", statusCode: status);
    }

    private static string Html(string title, string body) => $$"""
        <!DOCTYPE html>
        <html lang="zh-CN">
        <head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
        <title>{{WebUtility.HtmlEncode(title)}} · EduPlatform</title>
        <style>
          body { font-family: "Noto Sans CJK SC", system-ui, sans-serif; margin: 0; color: #1a1a1a; background: #f3f5f8; }
          main { max-width: 24rem; margin: 4rem auto; background: #fff; padding: 1.5rem 2rem 2rem; border-radius: 8px; box-shadow: 0 1px 4px #0002; }
          h1 { font-size: 1.4rem; } small { color: #555; font-weight: normal; } .lead { color: #333; }
          label { display: block; margin-top: 1rem; } input { width: 100%; box-sizing: border-box; padding: .55rem; font-size: 1rem; border: 1px solid #767676; border-radius: 4px; }
          button { margin-top: 1.5rem; width: 100%; padding: .65rem; font-size: 1rem; background: #0b5cad; color: #fff; border: 0; border-radius: 4px; cursor: pointer; }
          button:focus-visible, input:focus-visible { outline: 3px solid #f59e0b; outline-offset: 2px; }
          .error { color: #a30000; background: #fdecec; padding: .5rem .75rem; border-radius: 4px; }
        </style></head>
        <body><main>{{body}}</main></body></html>
        """;
}
