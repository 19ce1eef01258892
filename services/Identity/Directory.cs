using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace EduPlatform.Identity;

/// <summary>What a token says about whoever signed in.</summary>
public interface IAccount
{
    string Subject { get; }
    string Department { get; }
    /// <summary>A county office's code; null for the city level.</summary>
    string? County { get; }
    string[] Roles { get; }
}

/// <summary>A department system that signs in with a client id and secret (client credentials).</summary>
public sealed record ClientEntry(string ClientId, string Secret, string Department, string? County, string[] Roles) : IAccount
{
    public string Subject => ClientId;
}

/// <summary>A person (inspector, city administrator, clerk) who signs in with a user name and password.</summary>
public sealed record PersonEntry(string Username, string Password, string Department, string? County, string[] Roles) : IAccount
{
    public string Subject => Username;
}

/// <summary>
/// Who may sign in, read from the credentials file the AppHost generates at first run
/// (<c>Identity:CredentialsFile</c>; README, "Access"). The local identity service stands in for the
/// city's identity provider, which keeps this register in production.
/// </summary>
public sealed class Directory(IReadOnlyList<ClientEntry> clients, IReadOnlyList<PersonEntry> people)
{
    public IReadOnlyList<ClientEntry> Clients { get; } = clients;
    public IReadOnlyList<PersonEntry> People { get; } = people;

    public static Directory Load(string path)
    {
        var file = JsonSerializer.Deserialize<CredentialsFile>(File.ReadAllText(path), JsonSerializerOptions.Web)
            ?? throw new InvalidOperationException($"{path} is empty.");
        return new Directory(file.Clients ?? [], file.People ?? []);
    }

    public ClientEntry? Client(string? clientId, string? secret) =>
        Clients.FirstOrDefault(c => c.ClientId == clientId && SameSecret(c.Secret, secret));

    public PersonEntry? Person(string? username, string? password) =>
        People.FirstOrDefault(p => p.Username == username && SameSecret(p.Password, password));

    /// <summary>The person a code or refresh token names, if still in the register (a removed person's tokens stop renewing).</summary>
    public PersonEntry? PersonNamed(string? username) => People.FirstOrDefault(p => p.Username == username);

    // Constant-time, so the answer's timing does not tell how much of a secret was right.
    internal static bool SameSecret(string expected, string? given) =>
        given is not null && CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(expected), Encoding.UTF8.GetBytes(given));

    private sealed record CredentialsFile(List<ClientEntry>? Clients, List<PersonEntry>? People);
}
