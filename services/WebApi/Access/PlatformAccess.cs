using System.Threading.RateLimiting;
using EduPlatform.Kernel;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Authorization.Infrastructure;
using Microsoft.AspNetCore.Authorization.Policy;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.IdentityModel.Tokens;

namespace EduPlatform.WebApi.Access;

/// <summary>Limits a service applies to every caller (<c>Access:*</c> in configuration).</summary>
public sealed class AccessLimits
{
    /// <summary>Requests a client (one token subject, or one address without a token) may make per second…</summary>
    public int RequestsPerSecond { get; set; } = 200;
    /// <summary>…in bursts of up to this many, with this many more waiting their turn before a 429.</summary>
    public int Burst { get; set; } = 400;
    public int Queue { get; set; } = 200;
    /// <summary>The largest body of a single-record request.</summary>
    public long MaxRequestBytes { get; set; } = 1 << 20;
    /// <summary>The largest bulk upload (a county's JSON array or CSV file).</summary>
    public long MaxBulkUploadBytes { get; set; } = 64L << 20;
}

/// <summary>
/// Bearer tokens from the configured authority (<c>Identity:Authority</c>), the platform's access rules,
/// per-client rate limits and body size limits — what every service puts in front of its endpoints — and the audit of
/// every accepted write.
/// </summary>
public static class PlatformAccess
{
    public const string InspectorPolicy = "inspector";
    public const string AdminPolicy = "admin";
    /// <summary>A POST that stores nothing (a computation on what the caller may read): any valid token, as for reads.</summary>
    public const string ComputePolicy = "compute";
    public const string PersonalDataPolicy = "personal-data";

    public static TBuilder AddPlatformAccess<TBuilder>(this TBuilder builder, string department) where TBuilder : IHostApplicationBuilder
    {
        var limits = builder.Configuration.GetSection("Access").Get<AccessLimits>() ?? new AccessLimits();
        builder.Services.AddSingleton(limits);
        builder.Services.AddScoped<CurrentWrite>();
        // Every accepted write's audit entry, in the write's own transaction: AddServiceDatabase gives the service's
        // context every registered EF interceptor.
        builder.Services.AddSingleton<Microsoft.EntityFrameworkCore.Diagnostics.IInterceptor>(AuditInterceptor.Instance);
        builder.Services.AddAuthentication(JwtBearerDefaults.AuthenticationScheme).AddJwtBearer(options =>
        {
            var authority = builder.Configuration["Identity:Authority"]
                ?? throw new InvalidOperationException("Identity:Authority is not set: the URL of the identity provider whose tokens this service accepts.");
            options.Authority = authority;
            options.Audience = PlatformClaims.Audience;
            // The local identity service answers on plain HTTP on loopback; a real authority uses HTTPS.
            options.RequireHttpsMetadata = authority.StartsWith("https:", StringComparison.OrdinalIgnoreCase);
            options.MapInboundClaims = false;
            options.TokenValidationParameters.NameClaimType = PlatformClaims.Subject;
            options.TokenValidationParameters.RoleClaimType = PlatformClaims.Role;
            options.TokenValidationParameters.ClockSkew = TimeSpan.FromSeconds(30);
            options.TokenHandlers.Clear();
            options.TokenHandlers.Add(new ValidatedTokenCache());
        });
        builder.Services.AddSingleton<IAuthorizationHandler, DepartmentWriteHandler>();
        builder.Services.AddSingleton<IAuthorizationHandler, OwnDepartmentHandler>();
        builder.Services.AddSingleton<IAuthorizationMiddlewareResultHandler, ProblemAuthorizationResults>();
        builder.Services.AddAuthorizationBuilder()
            .SetFallbackPolicy(new AuthorizationPolicyBuilder()
                .RequireAuthenticatedUser()
                .AddRequirements(new DepartmentWriteRequirement(department))
                .Build())
            .AddPolicy(InspectorPolicy, p => p.RequireAuthenticatedUser().RequireRole(Roles.Inspector))
            .AddPolicy(AdminPolicy, p => p.RequireAuthenticatedUser().RequireRole(Roles.Admin))
            .AddPolicy(ComputePolicy, p => p.RequireAuthenticatedUser())
            .AddPolicy(PersonalDataPolicy, p => p.RequireAuthenticatedUser().AddRequirements(new OwnDepartmentRequirement(department)));

        builder.Services.AddRateLimiter(options =>
        {
            options.GlobalLimiter = PartitionedRateLimiter.Create<HttpContext, string>(http =>
                http.GetEndpoint()?.Metadata.GetMetadata<IAllowAnonymous>() is not null
                    ? RateLimitPartition.GetNoLimiter("open")
                    : RateLimitPartition.GetTokenBucketLimiter(ClientKey(http), _ => new TokenBucketRateLimiterOptions
                    {
                        TokenLimit = limits.Burst,
                        TokensPerPeriod = limits.RequestsPerSecond,
                        ReplenishmentPeriod = TimeSpan.FromSeconds(1),
                        QueueLimit = limits.Queue,
                        QueueProcessingOrder = QueueProcessingOrder.OldestFirst,
                    }));
            options.OnRejected = (context, _) =>
            {
                context.HttpContext.Response.Headers.RetryAfter = "1";
                return new ValueTask(AccessProblems.WriteAsync(context.HttpContext, StatusCodes.Status429TooManyRequests,
                    "Too many requests", $"This client may make {limits.RequestsPerSecond} requests a second; wait and send again."));
            };
        });
        return builder;
    }

    /// <summary>Authentication, rate limits and authorization, in that order (the limit is per token subject).</summary>
    public static WebApplication UsePlatformAccess(this WebApplication app)
    {
        var limits = app.Services.GetRequiredService<AccessLimits>();
        app.UseExceptionHandler();
        // A bare 404 or 405 (an unknown id, a wrong method) gets a ProblemDetails body like every other refusal.
        app.UseStatusCodePages();
        app.Use(async (http, next) =>
        {
            var limit = http.GetEndpoint()?.Metadata.GetMetadata<BulkUpload>() is null ? limits.MaxRequestBytes : limits.MaxBulkUploadBytes;
            // A declared length over the limit is refused before a byte is read; a chunked body is cut off by the server.
            if (http.Request.ContentLength > limit)
            {
                await TooLargeAsync(http, limit);
                return;
            }
            if (http.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } size)
            {
                size.MaxRequestBodySize = limit;
            }
            try
            {
                await next(http);
            }
            catch (BadHttpRequestException ex) when (ex.StatusCode == StatusCodes.Status413PayloadTooLarge && !http.Response.HasStarted)
            {
                await TooLargeAsync(http, limit);
            }
        });
        app.UseAuthentication();
        app.UseRateLimiter();
        app.UseAuthorization();
        app.Use(KnownCountyAsync);
        app.Use(RequestActor.BeginAsync);
        return app;
    }

    /// <summary>The route values that name the county a request is for (<c>/api/counties/{county}/…</c>).</summary>
    private static readonly string[] CountyRouteValues = ["county", "countyCode"];

    /// <summary>The county the request's route names, with the route value's name; null when it names none.</summary>
    internal static (string Name, string County)? CountyInRoute(HttpRequest request) =>
        CountyRouteValues.FirstOrDefault(request.RouteValues.ContainsKey) is { } name && request.RouteValues[name] is string county
            ? (name, county)
            : null;

    /// <summary>
    /// A write for a county names one in the registry: a county-keyed write for a county that does not exist
    /// is a 400 before the endpoint runs, so nothing is stored for it and nothing reaches inspection. A read
    /// names a well-formed code: the database compares codes as char(6), where "130602 " would find 130602.
    /// </summary>
    private static async Task KnownCountyAsync(HttpContext http, RequestDelegate next)
    {
        if (CountyInRoute(http.Request) is var (name, county))
        {
            var write = DepartmentWriteHandler.IsWrite(http.Request.Method);
            var fault = !System.Text.RegularExpressions.Regex.IsMatch(county, Codes.CountyPattern) ? Codes.CountyMessage
                : write && !await http.RequestServices.GetRequiredService<ISchoolCounties>().CountyKnownAsync(county, http.RequestAborted)
                    ? $"County {county} is not in the school registry (kept by the facilities service: PUT /api/counties/{county}); nothing was stored."
                    : null;
            if (fault is not null)
            {
                await TypedResults.ValidationProblem(new Dictionary<string, string[]> { [name] = [fault] },
                    title: write ? "The request names an unknown county; nothing was stored." : "The request names a malformed county code.")
                    .ExecuteAsync(http);
                return;
            }
        }
        await next(http);
    }

    private static Task TooLargeAsync(HttpContext http, long limit) =>
        AccessProblems.WriteAsync(http, StatusCodes.Status413PayloadTooLarge, "Request too large",
            $"This endpoint accepts bodies of up to {limit:N0} bytes; nothing was stored. Send a county's rows in parts.");

    /// <summary>Marks a bulk upload, which may be larger than a single-record request.</summary>
    public static TBuilder AcceptsBulkUpload<TBuilder>(this TBuilder builder) where TBuilder : IEndpointConventionBuilder =>
        builder.WithMetadata(new BulkUpload());

    /// <summary>A JSON array or CSV upload of <typeparamref name="TRow"/>, allowed the bulk size limit.</summary>
    public static RouteHandlerBuilder AcceptsRows<TRow>(this RouteHandlerBuilder builder) =>
        builder.Accepts<TRow[]>("application/json", CsvRows.ContentType).AcceptsBulkUpload();

    /// <summary>Personal records (teachers', students'): only the owning department's tokens read them.</summary>
    public static TBuilder PersonalData<TBuilder>(this TBuilder builder) where TBuilder : IEndpointConventionBuilder =>
        builder.RequireAuthorization(PersonalDataPolicy);

    private static string ClientKey(HttpContext http) =>
        http.User.Identity?.IsAuthenticated == true
            ? "sub:" + Caller.SubjectOf(http.User)
            : "ip:" + http.Connection.RemoteIpAddress;
}

public sealed class BulkUpload;

/// <summary>401 and 403 as ProblemDetails saying why (no token, a refused token, or which rule).</summary>
internal sealed class ProblemAuthorizationResults : IAuthorizationMiddlewareResultHandler
{
    public async Task HandleAsync(RequestDelegate next, HttpContext http, AuthorizationPolicy policy, PolicyAuthorizationResult result)
    {
        if (result.Challenged)
        {
            await http.ChallengeAsync();
            // The feature holds successful results only; the handler keeps this request's failed one and answers again without re-validating.
            var failure = (await http.AuthenticateAsync()).Failure;
            var detail = failure switch
            {
                null => "This request needs a bearer token from the platform's identity provider (Authorization: Bearer …).",
                SecurityTokenExpiredException => "The bearer token has expired; ask the identity provider for a new one.",
                SecurityTokenNotYetValidException => "The bearer token is not valid yet (check the clocks).",
                SecurityTokenInvalidSignatureException or SecurityTokenSignatureKeyNotFoundException =>
                    "The bearer token has an invalid signature: it was not signed by the identity provider this service trusts.",
                SecurityTokenInvalidAudienceException => $"The bearer token is for the wrong audience: this service accepts tokens for '{PlatformClaims.Audience}'.",
                SecurityTokenInvalidIssuerException => "The bearer token was issued by an identity provider this service does not trust (wrong issuer).",
                SecurityTokenMalformedException or ArgumentException => "The bearer token is malformed: it is not a signed JWT.",
                _ => "The bearer token was refused (its signature, issuer or audience is not one this service trusts).",
            };
            await AccessProblems.WriteAsync(http, StatusCodes.Status401Unauthorized, "Not authenticated", detail);
            return;
        }
        if (result.Forbidden)
        {
            var reasons = result.AuthorizationFailure?.FailureReasons.Select(r => r.Message).ToList() ?? [];
            if (reasons.Count == 0 && result.AuthorizationFailure?.FailedRequirements.OfType<RolesAuthorizationRequirement>().FirstOrDefault() is { } roles)
            {
                reasons.Add($"This needs the role {string.Join(" or ", roles.AllowedRoles)}; the token is {Caller.From(http.User).Describe()}.");
            }
            await AccessProblems.WriteAsync(http, StatusCodes.Status403Forbidden, "Not allowed",
                reasons.Count > 0 ? string.Join(" ", reasons) : "The token does not allow this request.");
            return;
        }
        await next(http);
    }
}
