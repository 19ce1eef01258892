using System.Security.Claims;
using EduPlatform.Identity;
using EduPlatform.ServiceDefaults;
using EduPlatform.ServiceDefaults.Access;
using OpenIddict.Abstractions;
using OpenIddict.Server;
using Microsoft.AspNetCore;
using static OpenIddict.Abstractions.OpenIddictConstants;
using static OpenIddict.Server.OpenIddictServerEvents;

// The platform's own identity service, for running locally and in tests: client-credentials tokens
// for department systems, password tokens for people. Production points the services at the city's
// identity provider instead (Identity:Authority).
var builder = WebApplication.CreateBuilder(args);
builder.AddServiceDefaults();
var directory = EduPlatform.Identity.Directory.Load(builder.Configuration["Identity:CredentialsFile"]
    ?? throw new InvalidOperationException("Identity:CredentialsFile is not set (the AppHost generates it at first run)."));
var keyDirectory = builder.Configuration["Identity:KeyDirectory"]
    ?? throw new InvalidOperationException("Identity:KeyDirectory is not set (where the signing key is kept).");
var lifetime = TimeSpan.FromMinutes(builder.Configuration.GetValue("Identity:TokenLifetimeMinutes", 60));

builder.Services.AddOpenIddict().AddServer(server =>
{
    server.SetTokenEndpointUris("connect/token")
        .SetConfigurationEndpointUris(".well-known/openid-configuration")
        .SetJsonWebKeySetEndpointUris(".well-known/jwks");
    server.AllowClientCredentialsFlow().AllowPasswordFlow().AcceptAnonymousClients();
    server.SetAccessTokenLifetime(lifetime);
    if (builder.Configuration["Identity:Issuer"] is { Length: > 0 } issuer)
    {
        server.SetIssuer(new Uri(issuer));
    }
    server.AddSigningKey(SigningKey.LoadOrCreate(keyDirectory));
    // Only access tokens are issued, and every service reads them as plain signed JWTs.
    server.AddEphemeralEncryptionKey().DisableAccessTokenEncryption();
    // No application or token database: the register is the credentials file, checked below.
    server.EnableDegradedMode();
    server.UseAspNetCore().DisableTransportSecurityRequirement();

    server.AddEventHandler<ValidateTokenRequestContext>(handler => handler.UseInlineHandler(context =>
    {
        var http = context.Transaction.GetHttpRequest()!.HttpContext;
        var throttle = http.RequestServices.GetRequiredService<SignInThrottle>();
        var address = http.Connection.RemoteIpAddress?.ToString();
        var clients = context.Request.IsClientCredentialsGrantType();
        var account = clients ? $"client:{context.ClientId}" : $"user:{context.Request.Username}";
        // Checked before the password, so a locked-out name learns nothing from a right guess.
        if (throttle.LockedFor(account, address) is { } wait)
        {
            http.Response.Headers.RetryAfter = Math.Ceiling(wait.TotalSeconds).ToString(System.Globalization.CultureInfo.InvariantCulture);
            context.Reject(clients ? Errors.InvalidClient : Errors.InvalidGrant,
                $"Too many failed sign-ins for this name or from this address: try again in {Math.Ceiling(wait.TotalSeconds)} s.");
        }
        else if (clients && directory.Client(context.ClientId, context.ClientSecret) is null)
        {
            throttle.Failed(account, address);
            context.Reject(Errors.InvalidClient, "Unknown client or wrong secret.");
        }
        else if (context.Request.IsPasswordGrantType() && directory.Person(context.Request.Username, context.Request.Password) is null)
        {
            throttle.Failed(account, address);
            context.Reject(Errors.InvalidGrant, "Unknown user name or wrong password.");
        }
        else
        {
            throttle.Succeeded(account);
        }
        return default;
    }));
    server.AddEventHandler<HandleTokenRequestContext>(handler => handler.UseInlineHandler(context =>
    {
        var request = context.Request;
        // Both were checked when the request was validated.
        context.SignIn(request.IsClientCredentialsGrantType()
            ? Principal(directory.Client(request.ClientId, request.ClientSecret)!)
            : Principal(directory.Person(request.Username, request.Password)!));
        return default;
    }));
});

// The inspectors' page signs people in from the browser: its origin may call the token endpoint.
var origins = builder.Configuration.GetSection("Identity:AllowedOrigins").Get<string[]>() ?? [];
builder.Services.AddCors(cors => cors.AddDefaultPolicy(policy => policy.WithOrigins(origins).WithMethods("POST").AllowAnyHeader()));

builder.Services.AddSingleton(builder.Configuration.GetSection("Identity:Lockout").Get<LockoutOptions>() ?? new LockoutOptions());
builder.Services.AddSingleton<SignInThrottle>();
// A token request is a small form: anything larger is refused (413 ProblemDetails), never read.
const long MaxTokenRequestBytes = 64 * 1024;
// Declared lengths are refused below before a byte is read; a chunked body is cut off by the server (413 via the exception handler).
builder.WebHost.ConfigureKestrel(kestrel => kestrel.Limits.MaxRequestBodySize = MaxTokenRequestBytes);

var app = builder.Build();
app.UseExceptionHandler();
app.Use(async (http, next) =>
{
    if (http.Request.ContentLength > MaxTokenRequestBytes)
    {
        await AccessProblems.WriteAsync(http, StatusCodes.Status413PayloadTooLarge, "Request too large",
            $"A token request is at most {MaxTokenRequestBytes:N0} bytes.");
        return;
    }
    await next(http);
});
app.UseCors();
app.UseAuthentication();
app.MapDefaultEndpoints();
app.Run();

static ClaimsPrincipal Principal(IAccount account)
{
    var identity = new ClaimsIdentity("EduPlatform.Identity", PlatformClaims.Subject, PlatformClaims.Role);
    identity.SetClaim(Claims.Subject, account.Subject).SetClaim(PlatformClaims.Department, account.Department);
    if (account.County is not null)
    {
        identity.SetClaim(PlatformClaims.County, account.County);
    }
    identity.SetClaims(PlatformClaims.Role, [.. account.Roles]);
    identity.SetDestinations(_ => [Destinations.AccessToken]);
    var principal = new ClaimsPrincipal(identity);
    principal.SetResources(PlatformClaims.Audience);
    return principal;
}

public partial class Program;
