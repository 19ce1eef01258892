using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;

namespace EduPlatform.DemoCity;

/// <summary>
/// The department systems' client credentials and the demo people's passwords, from the register the
/// AppHost generates at first run (.state/identity/dev-credentials.json).
/// </summary>
public sealed record Credentials(Credentials.Client[] Clients, Credentials.Person[] People)
{
    public sealed record Client(string ClientId, string Secret, string Department, string? County = null);
    public sealed record Person(string Username, string Password, string[] Roles);

    public const string DefaultPath = ".state/identity/dev-credentials.json";

    public static Credentials Load(string path) =>
        JsonSerializer.Deserialize<Credentials>(File.ReadAllText(path), ServiceClient.Json)
        ?? throw new InvalidOperationException($"{path} is empty.");

    /// <summary>The department's city-level system (the register also holds county offices' clients, which may write only their county).</summary>
    public Client SystemOf(string department) =>
        Clients.FirstOrDefault(c => c.Department == department && c.County is null)
        ?? throw new InvalidOperationException($"The credentials name no system of the {department} department.");

    public Person PersonWith(string role) =>
        People.FirstOrDefault(p => p.Roles.Contains(role))
        ?? throw new InvalidOperationException($"The credentials name nobody with the role {role}.");
}

/// <summary>
/// A token from the identity service (client credentials for a system, password for a person), kept
/// until shortly before it expires, and fetched again after a 401.
/// </summary>
public sealed class TokenSource(HttpClient identity, IReadOnlyDictionary<string, string> form)
{
    private readonly SemaphoreSlim _gate = new(1, 1);
    private string? _token;
    private DateTime _renewAt;

    public static TokenSource For(Uri authority, Credentials.Client client) => new(Http(authority), new Dictionary<string, string>
    {
        ["grant_type"] = "client_credentials", ["client_id"] = client.ClientId, ["client_secret"] = client.Secret,
    });

    public static TokenSource For(Uri authority, Credentials.Person person) => new(Http(authority), new Dictionary<string, string>
    {
        ["grant_type"] = "password", ["username"] = person.Username, ["password"] = person.Password,
    });

    private static HttpClient Http(Uri authority) => new() { BaseAddress = authority, Timeout = TimeSpan.FromSeconds(30) };

    public async Task<string> GetAsync(bool renew, CancellationToken ct)
    {
        await _gate.WaitAsync(ct);
        try
        {
            if (_token is null || renew || DateTime.UtcNow >= _renewAt)
            {
                using var response = await identity.PostAsync("/connect/token", new FormUrlEncodedContent(form), ct);
                if (!response.IsSuccessStatusCode)
                {
                    throw new RefusedException($"The identity service refused a token: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync(ct)}");
                }
                var answer = await response.Content.ReadFromJsonAsync<JsonElement>(ct);
                _token = answer.GetProperty("access_token").GetString();
                _renewAt = DateTime.UtcNow.AddSeconds(answer.GetProperty("expires_in").GetInt32() * 0.8);
            }
            return _token!;
        }
        finally
        {
            _gate.Release();
        }
    }
}

/// <summary>Sends each request with the source's bearer token; after a 401 it sends it once more with a new one.</summary>
public sealed class BearerHandler(TokenSource tokens) : DelegatingHandler
{
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken ct)
    {
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", await tokens.GetAsync(renew: false, ct));
        var response = await base.SendAsync(request, ct);
        if (response.StatusCode != HttpStatusCode.Unauthorized)
        {
            return response;
        }
        response.Dispose();
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", await tokens.GetAsync(renew: true, ct));
        return await base.SendAsync(request, ct);
    }
}
