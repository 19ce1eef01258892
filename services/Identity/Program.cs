using EduPlatform.Identity;
using EduPlatform.ServiceDefaults;
using EduPlatform.WebApi;
using EduPlatform.WebApi.Access;
using OpenIddict.Abstractions;
using Microsoft.AspNetCore;
using static OpenIddict.Abstractions.OpenIddictConstants;
using static OpenIddict.Server.OpenIddictServerEvents;

// The platform's own identity service, for running locally and in tests: client-credentials tokens
// for department systems; for people, a sign-in page reached through the authorization-code flow with
// PKCE (the web applications), and password tokens for scripts. Production points the services at the
// city's identity provider instead (Identity:Authority).
var builder = WebApplication.CreateBuilder(args);
builder.AddServiceDefaults();
builder.AddPlatformApi();
var directory = EduPlatform.Identity.Directory.Load(builder.Configuration["Identity:CredentialsFile"]
    ?? throw new InvalidOperationException("Identity:CredentialsFile is not set (the AppHost generates it at first run)."));
var keyDirectory = builder.Configuration["Identity:KeyDirectory"]
    ?? throw new InvalidOperationException("Identity:KeyDirectory is not set (where the signing key is kept).");
var lifetime = TimeSpan.FromMinutes(builder.Configuration.GetValue("Identity:TokenLifetimeMinutes", 60));
var webClients = new WebClients(builder.Configuration.GetSection("Identity:WebClients").Get<WebClient[]>() ?? []);
builder.Services.AddSingleton(directory).AddSingleton(webClients);

builder.Services.AddOpenIddict().AddServer(server =>
{
    server.SetTokenEndpointUris("connect/token")
        .SetAuthorizationEndpointUris("connect/authorize")
        .SetEndSessionEndpointUris("connect/logout")
        .SetConfigurationEndpointUris(".well-known/openid-configuration")
        .SetJsonWebKeySetEndpointUris(".well-known/jwks");
    server.AllowClientCredentialsFlow().AllowPasswordFlow().AcceptAnonymousClients()
        .AllowAuthorizationCodeFlow().RequireProofKeyForCodeExchange().AllowRefreshTokenFlow();
    server.RegisterScopes(Scopes.OpenId, Scopes.OfflineAccess, Scopes.Profile);
    server.SetAccessTokenLifetime(lifetime);
    if (builder.Configuration["Identity:Issuer"] is { Length: > 0 } issuer)
    {
        server.SetIssuer(new Uri(issuer));
    }
    server.AddSigningKey(SigningKey.LoadOrCreate(keyDirectory));
    // Access tokens are plain signed JWTs every service reads; codes and refresh tokens are encrypted for this service alone.
    server.AddEncryptionKey(SigningKey.EncryptionKey(keyDirectory)).DisableAccessTokenEncryption();
    // No application or token database: the register is the credentials file, checked below.
    server.EnableDegradedMode();
    server.UseAspNetCore().DisableTransportSecurityRequirement()
        .EnableAuthorizationEndpointPassthrough().EnableEndSessionEndpointPassthrough();

    // Degraded mode leaves the client checks to us: a registered web client, sent back only to its own addresses.
    server.AddEventHandler<ValidateAuthorizationRequestContext>(handler => handler.UseInlineHandler(context =>
    {
        if (webClients.Find(context.ClientId) is not { } client)
        {
            context.Reject(Errors.InvalidClient, "Unknown client.");
        }
        else if (!client.RedirectUris.Contains(context.RedirectUri, StringComparer.Ordinal))
        {
            context.Reject(Errors.InvalidRequest, "This redirect_uri is not registered for the client.");
        }
        return default;
    }));
    server.AddEventHandler<ValidateEndSessionRequestContext>(handler => handler.UseInlineHandler(context =>
    {
        if (context.PostLogoutRedirectUri is { } address && !webClients.MaySignOutTo(address))
        {
            context.Reject(Errors.InvalidRequest, "This post_logout_redirect_uri is not registered.");
        }
        return default;
    }));

    server.AddEventHandler<ValidateTokenRequestContext>(handler => handler.UseInlineHandler(context =>
    {
        var http = context.Transaction.GetHttpRequest()!.HttpContext;
        var throttle = http.RequestServices.GetRequiredService<SignInThrottle>();
        var address = http.Connection.RemoteIpAddress?.ToString();
        var clients = !context.Request.IsPasswordGrantType();
        var account = clients ? $"client:{context.ClientId}" : $"user:{context.Request.Username}";
        // Codes and refresh tokens are redeemed by the web client they were issued to, with its secret.
        var redeeming = context.Request.IsAuthorizationCodeGrantType() || context.Request.IsRefreshTokenGrantType();
        // Checked before the password, so a locked-out name learns nothing from a right guess.
        if (throttle.LockedFor(account, address) is { } wait)
        {
            http.Response.Headers.RetryAfter = Math.Ceiling(wait.TotalSeconds).ToString(System.Globalization.CultureInfo.InvariantCulture);
            context.Reject(clients ? Errors.InvalidClient : Errors.InvalidGrant,
                $"Too many failed sign-ins for this name or from this address: try again in {Math.Ceiling(wait.TotalSeconds)} s.");
        }
        else if (redeeming && webClients.Authenticate(context.ClientId, context.ClientSecret) is null)
        {
            throttle.Failed(account, address);
            context.Reject(Errors.InvalidClient, "Unknown client or wrong secret.");
        }
        else if (context.Request.IsClientCredentialsGrantType() && directory.Client(context.ClientId, context.ClientSecret) is null)
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
        if (request.IsAuthorizationCodeGrantType() || request.IsRefreshTokenGrantType())
        {
            // The code or refresh token names the person; the register says what they may do today.
            if (directory.PersonNamed(context.Principal?.GetClaim(Claims.Subject)) is not { } person)
            {
                context.Reject(Errors.InvalidGrant, "This account no longer exists.");
                return default;
            }
            var principal = Tokens.Principal(person, Destinations.AccessToken, Destinations.IdentityToken);
            principal.SetScopes(context.Principal!.GetScopes());
            context.SignIn(principal);
            return default;
        }
        // Both were checked when the request was validated.
        context.SignIn(request.IsClientCredentialsGrantType()
            ? Tokens.Principal(directory.Client(request.ClientId, request.ClientSecret)!, Destinations.AccessToken)
            : Tokens.Principal(directory.Person(request.Username, request.Password)!, Destinations.AccessToken));
        return default;
    }));
});

builder.Services.AddSingleton(builder.Configuration.GetSection("Identity:Lockout").Get<LockoutOptions>() ?? new LockoutOptions());
builder.Services.AddSingleton<SignInThrottle>();
builder.Services.AddSignInSession();
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
app.UseAuthentication();
app.UseAntiforgery();
app.MapDefaultEndpoints();
app.MapSignInPages();
app.Run();

public partial class Program;
