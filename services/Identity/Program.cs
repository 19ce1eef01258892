using System.Security.Claims;
using EduPlatform.Identity;
using EduPlatform.ServiceDefaults;
using EduPlatform.ServiceDefaults.Access;
using OpenIddict.Abstractions;
using OpenIddict.Server;
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
        if (context.Request.IsClientCredentialsGrantType() && directory.Client(context.ClientId, context.ClientSecret) is null)
        {
            context.Reject(Errors.InvalidClient, "Unknown client or wrong secret.");
        }
        else if (context.Request.IsPasswordGrantType() && directory.Person(context.Request.Username, context.Request.Password) is null)
        {
            context.Reject(Errors.InvalidGrant, "Unknown user name or wrong password.");
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

var app = builder.Build();
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
