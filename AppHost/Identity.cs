using EduPlatform.Kernel;

namespace EduPlatform.AppHost;

/// <summary>
/// Where the services' tokens come from: the city's identity provider when <c>Identity:Authority</c> is
/// configured, otherwise the platform's own identity service, with its register and signing key
/// generated at first run in <c>Identity:StateDirectory</c> (default: the repository's .state/identity).
/// </summary>
public sealed class Identity
{
    private readonly IResourceBuilder<ProjectResource>? _service;
    private readonly string? _authority;
    private readonly string? _directory;

    private Identity(IResourceBuilder<ProjectResource>? service, string? authority, string? directory = null)
    {
        _service = service;
        _authority = authority;
        _directory = directory;
    }

    public static Identity Add(IDistributedApplicationBuilder builder, ServicePorts ports)
    {
        if (builder.Configuration["Identity:Authority"] is { Length: > 0 } authority)
        {
            return new Identity(null, authority);
        }
        var directory = Path.GetFullPath(builder.Configuration["Identity:StateDirectory"]
            ?? Path.Combine(builder.AppHostDirectory, "..", ".state", "identity"));
        var service = builder.AddProject<Projects.Identity>(ResourceNames.Identity, launchProfileName: null)
            .WithHttpEndpoint(port: ports.PortOf(ResourceNames.Identity), name: "http")
            .WithHttpHealthCheck(HealthPaths.Health)
            .WithEnvironment("Identity__CredentialsFile", DevCredentials.Ensure(directory))
            .WithEnvironment("Identity__KeyDirectory", directory);
        // Tokens name this issuer whichever host name a client used to ask for them.
        service.WithEnvironment("Identity__Issuer", service.GetEndpoint("http"));
        return new Identity(service, null, directory);
    }

    /// <summary>
    /// Registers <paramref name="web"/> as a web client people sign in to (authorization code with PKCE): our identity
    /// service learns its client id, secret and return addresses; the web application learns where and as whom to sign in.
    /// With the city's provider, the client is registered there and its secret is configuration (Identity:WebClientSecret).
    /// </summary>
    public void AddWebClient(IResourceBuilder<ProjectResource> web, string clientId)
    {
        web.WithEnvironment("Oidc__ClientId", clientId);
        if (_service is null)
        {
            web.WithEnvironment("Oidc__Authority", _authority)
                .WithEnvironment("Oidc__ClientSecret", web.ApplicationBuilder.Configuration["Identity:WebClientSecret"] ?? "");
            return;
        }
        var secret = DevCredentials.WebClientSecret(_directory!, clientId);
        var endpoint = web.GetEndpoint("http");
        _service.WithEnvironment("Identity__WebClients__0__ClientId", clientId)
            .WithEnvironment("Identity__WebClients__0__Secret", secret)
            .WithEnvironment("Identity__WebClients__0__RedirectUris__0", ReferenceExpression.Create($"{endpoint}/signin-oidc"))
            .WithEnvironment("Identity__WebClients__0__PostLogoutRedirectUris__0", ReferenceExpression.Create($"{endpoint}/signout-callback-oidc"));
        web.WithEnvironment("Oidc__Authority", _service.GetEndpoint("http"))
            .WithEnvironment("Oidc__ClientSecret", secret)
            .WaitFor(_service);
    }

    public void Apply(IResourceBuilder<ProjectResource> consumer)
    {
        if (_service is not null)
        {
            consumer.WithEnvironment("Identity__Authority", _service.GetEndpoint("http")).WaitFor(_service);
        }
        else
        {
            consumer.WithEnvironment("Identity__Authority", _authority);
        }
    }
}

internal static class IdentityExtensions
{
    public static IResourceBuilder<ProjectResource> WithAuthority(this IResourceBuilder<ProjectResource> service, Identity identity)
    {
        identity.Apply(service);
        return service;
    }
}
