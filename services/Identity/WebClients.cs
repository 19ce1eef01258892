namespace EduPlatform.Identity;

/// <summary>
/// A web application people sign in to with the authorization-code flow and PKCE (<c>Identity:WebClients</c>): a
/// confidential client, redeeming codes and refresh tokens with its secret, redirected only to the addresses listed.
/// </summary>
public sealed class WebClient
{
    public string ClientId { get; set; } = "";
    public string Secret { get; set; } = "";
    public string[] RedirectUris { get; set; } = [];
    public string[] PostLogoutRedirectUris { get; set; } = [];
}

public sealed class WebClients(IReadOnlyList<WebClient> clients)
{
    public WebClient? Find(string? clientId) => clients.FirstOrDefault(c => c.ClientId == clientId);

    public WebClient? Authenticate(string? clientId, string? secret) =>
        Find(clientId) is { } client && Directory.SameSecret(client.Secret, secret) ? client : null;

    /// <summary>Where a sign-out may return to: exact addresses registered by some web client, nothing else (no open redirect).</summary>
    public bool MaySignOutTo(string address) => clients.Any(c => c.PostLogoutRedirectUris.Contains(address, StringComparer.Ordinal));
}
