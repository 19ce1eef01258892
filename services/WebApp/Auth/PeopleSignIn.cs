using System.Globalization;
using EduPlatform.Kernel;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Authentication.OpenIdConnect;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.AspNetCore.DataProtection.StackExchangeRedis;
using StackExchange.Redis;

namespace EduPlatform.WebApp.Auth;

/// <summary>
/// Sign-in through the identity service (OpenID Connect, authorization code with PKCE). The browser holds only
/// a cookie naming a session; the session — the person's access and refresh tokens — is kept in Redis, so every
/// replica of this application serves it and signing out deletes it. Tokens are renewed before they expire.
/// </summary>
public static class PeopleSignIn
{
    public static WebApplicationBuilder AddPeopleSignIn(this WebApplicationBuilder builder)
    {
        var oidc = builder.Configuration.GetSection("Oidc");
        // Cookies protected by keys every replica shares.
        builder.Services.AddDataProtection().SetApplicationName("eduplatform-inspectors-web");
        builder.Services.AddOptions<KeyManagementOptions>().Configure<IConnectionMultiplexer>((options, redis) =>
            options.XmlRepository = new RedisXmlRepository(() => redis.GetDatabase(), "eduplatform:inspectors-web:data-protection"));
        builder.Services.AddSingleton<RedisSessionStore>();
        builder.Services.AddAuthentication(options =>
            {
                options.DefaultScheme = CookieAuthenticationDefaults.AuthenticationScheme;
                options.DefaultChallengeScheme = OpenIdConnectDefaults.AuthenticationScheme;
            })
            .AddCookie(cookie =>
            {
                cookie.Cookie.Name = "eduplatform.inspectors";
                cookie.Cookie.HttpOnly = true;
                cookie.Cookie.SameSite = SameSiteMode.Lax;
                cookie.ExpireTimeSpan = TimeSpan.FromHours(8);
                cookie.SlidingExpiration = true;
                cookie.Events.OnValidatePrincipal = TokenRenewal.RenewIfDueAsync;
            })
            .AddOpenIdConnect(options =>
            {
                options.Authority = oidc["Authority"] ?? throw new InvalidOperationException("Oidc:Authority is not set (the AppHost sets it).");
                options.ClientId = oidc["ClientId"] ?? "inspectors-web";
                options.ClientSecret = oidc["ClientSecret"];
                options.RequireHttpsMetadata = oidc.GetValue("RequireHttpsMetadata", false);
                options.ResponseType = "code";
                options.UsePkce = true;
                options.SaveTokens = true;
                options.MapInboundClaims = false;
                options.GetClaimsFromUserInfoEndpoint = false;
                options.PushedAuthorizationBehavior = PushedAuthorizationBehavior.Disable;
                // The code comes back on a plain redirect: a cross-site form post would need SameSite=None cookies, which
                // browsers accept only over HTTPS (the local platform is HTTP); the PKCE verifier protects the code either way.
                options.ResponseMode = "query";
                options.CorrelationCookie.SameSite = SameSiteMode.Lax;
                options.NonceCookie.SameSite = SameSiteMode.Lax;
                options.Scope.Clear();
                options.Scope.Add("openid");
                options.Scope.Add("offline_access");
                options.TokenValidationParameters.NameClaimType = PlatformClaims.Subject;
                options.TokenValidationParameters.RoleClaimType = PlatformClaims.Role;
                options.SignedOutRedirectUri = "/signed-out";
            });
        builder.Services.AddOptions<CookieAuthenticationOptions>(CookieAuthenticationDefaults.AuthenticationScheme)
            .Configure<RedisSessionStore>((cookie, store) => cookie.SessionStore = store);
        builder.Services.AddAuthorization();
        builder.Services.AddCascadingAuthenticationState();
        builder.Services.AddHttpContextAccessor();
        return builder;
    }

    public static IEndpointRouteBuilder MapSignInEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapGet("/signin", (string? returnUrl) => Results.Challenge(new AuthenticationProperties { RedirectUri = Local(returnUrl) },
            [OpenIdConnectDefaults.AuthenticationScheme])).AllowAnonymous();
        // A form post (with the antiforgery token), so no link or image elsewhere can sign a person out.
        app.MapPost("/signout", () => Results.SignOut(new AuthenticationProperties { RedirectUri = "/signed-out" },
            [CookieAuthenticationDefaults.AuthenticationScheme, OpenIdConnectDefaults.AuthenticationScheme]));
        return app;
    }

    /// <summary>Pages are never kept by the browser: after signing out, Back shows nothing of what was on screen.</summary>
    public static IApplicationBuilder UseNoStoreForPages(this IApplicationBuilder app) => app.Use((http, next) =>
    {
        http.Response.OnStarting(() =>
        {
            if (http.Response.ContentType?.StartsWith("text/html", StringComparison.Ordinal) == true
                || http.Response.ContentType?.StartsWith("text/csv", StringComparison.Ordinal) == true)
            {
                http.Response.Headers.CacheControl = "no-store";
            }
            return Task.CompletedTask;
        });
        return next(http);
    });

    /// <summary>Only this application's own addresses are places to return to after signing in.</summary>
    public static string Local(string? returnUrl) =>
        returnUrl is { Length: > 0 } && returnUrl[0] == '/' && !returnUrl.StartsWith("//", StringComparison.Ordinal)
            && !returnUrl.Contains('\\') ? returnUrl : "/";

    internal static string Format(DateTimeOffset at) => at.ToString("o", CultureInfo.InvariantCulture);
}
