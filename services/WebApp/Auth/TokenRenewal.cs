using System.Globalization;
using System.Text.Json;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Authentication.OpenIdConnect;
using Microsoft.Extensions.Options;

namespace EduPlatform.WebApp.Auth;

/// <summary>
/// Renews the person's access token with the refresh token shortly before it expires, on the request that
/// finds it due; when renewal is refused (the account was removed, the identity session ended), the person
/// is signed out here too and asked to sign in again.
/// </summary>
public static class TokenRenewal
{
    private static readonly TimeSpan Early = TimeSpan.FromMinutes(2);

    public static async Task RenewIfDueAsync(CookieValidatePrincipalContext context)
    {
        var clock = context.HttpContext.RequestServices.GetRequiredService<TimeProvider>();
        var now = clock.GetUtcNow();
        if (context.Properties.GetTokenValue("expires_at") is { } text
            && DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind, out var expires)
            && expires - now > Early)
        {
            return;
        }
        if (context.Properties.GetTokenValue("refresh_token") is not { } refresh || await RefreshAsync(context.HttpContext, refresh) is not { } tokens)
        {
            context.RejectPrincipal();
            await context.HttpContext.SignOutAsync(CookieAuthenticationDefaults.AuthenticationScheme);
            return;
        }
        context.Properties.UpdateTokenValue("access_token", tokens.AccessToken);
        if (tokens.RefreshToken is { Length: > 0 })
        {
            context.Properties.UpdateTokenValue("refresh_token", tokens.RefreshToken);
        }
        context.Properties.UpdateTokenValue("expires_at", PeopleSignIn.Format(now.AddSeconds(tokens.ExpiresIn)));
        context.ShouldRenew = true;
    }

    private sealed record TokenAnswer(string AccessToken, string? RefreshToken, int ExpiresIn);

    private static async Task<TokenAnswer?> RefreshAsync(HttpContext http, string refreshToken)
    {
        var options = http.RequestServices.GetRequiredService<IOptionsMonitor<OpenIdConnectOptions>>().Get(OpenIdConnectDefaults.AuthenticationScheme);
        var logger = http.RequestServices.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(TokenRenewal));
        try
        {
            var configuration = await options.ConfigurationManager!.GetConfigurationAsync(http.RequestAborted);
            using var response = await options.Backchannel.PostAsync(configuration.TokenEndpoint, new FormUrlEncodedContent(new Dictionary<string, string>
            {
                ["grant_type"] = "refresh_token",
                ["refresh_token"] = refreshToken,
                ["client_id"] = options.ClientId!,
                ["client_secret"] = options.ClientSecret ?? "",
            }), http.RequestAborted);
            if (!response.IsSuccessStatusCode)
            {
                logger.LogInformation("Token renewal refused ({Status}): the person signs in again", (int)response.StatusCode);
                return null;
            }
            using var json = JsonDocument.Parse(await response.Content.ReadAsStreamAsync(http.RequestAborted));
            var root = json.RootElement;
            return new TokenAnswer(root.GetProperty("access_token").GetString()!,
                root.TryGetProperty("refresh_token", out var r) ? r.GetString() : null,
                root.TryGetProperty("expires_in", out var e) ? e.GetInt32() : 300);
        }
        catch (HttpRequestException ex)
        {
            logger.LogWarning(ex, "Token renewal failed: the identity service did not answer");
            return null;
        }
    }
}
