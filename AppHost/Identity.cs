using EduPlatform.ServiceDefaults;

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

    private Identity(IResourceBuilder<ProjectResource>? service, string? authority)
    {
        _service = service;
        _authority = authority;
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
            .WithHttpHealthCheck(Extensions.HealthPath)
            .WithEnvironment("Identity__CredentialsFile", DevCredentials.Ensure(directory))
            .WithEnvironment("Identity__KeyDirectory", directory);
        // Tokens name this issuer whichever host name a client used to ask for them.
        service.WithEnvironment("Identity__Issuer", service.GetEndpoint("http"));
        return new Identity(service, null);
    }

    /// <summary>Lets <paramref name="page"/>'s web page ask for tokens from the browser (CORS), when the service is ours.</summary>
    public void AllowSignInFrom(IResourceBuilder<ProjectResource> page) =>
        _service?.WithEnvironment("Identity__AllowedOrigins__0", page.GetEndpoint("http"));

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
