using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;

namespace EduPlatform.Inspection.Apis;

/// <summary>Where the inspectors' page signs people in: the token endpoint of the authority this service trusts.</summary>
public static class SignInApi
{
    public sealed record SignInDto(string? TokenEndpoint);

    public static IEndpointRouteBuilder MapSignInApi(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/sign-in", GetSignIn).WithTags("Access").AllowAnonymous()
            .WithSummary("Where people sign in: the identity provider's token endpoint and the client the inspectors' page uses.");
        return app;
    }

    public static async Task<Ok<SignInDto>> GetSignIn(IOptionsMonitor<JwtBearerOptions> options, CancellationToken ct)
    {
        var bearer = options.Get(JwtBearerDefaults.AuthenticationScheme);
        var configuration = bearer.ConfigurationManager is { } manager ? await manager.GetConfigurationAsync(ct) : bearer.Configuration;
        return TypedResults.Ok(new SignInDto(configuration?.TokenEndpoint));
    }
}
