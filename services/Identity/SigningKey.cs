using System.Security.Cryptography;
using Microsoft.IdentityModel.Tokens;

namespace EduPlatform.Identity;

/// <summary>
/// The key tokens are signed with: generated at first run into <c>Identity:KeyDirectory</c> (never in
/// the repository) and kept, so tokens stay valid across restarts.
/// </summary>
public static class SigningKey
{
    public static RsaSecurityKey LoadOrCreate(string directory)
    {
        System.IO.Directory.CreateDirectory(directory);
        var path = Path.Combine(directory, "signing-key.pem");
        var rsa = RSA.Create();
        if (File.Exists(path))
        {
            rsa.ImportFromPem(File.ReadAllText(path));
        }
        else
        {
            rsa.KeySize = 2048;
            File.WriteAllText(path, rsa.ExportPkcs8PrivateKeyPem());
            if (!OperatingSystem.IsWindows())
            {
                File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite);
            }
        }
        // The key id names the key in the published key set, so a rotated key is told apart.
        var id = Convert.ToHexString(SHA256.HashData(rsa.ExportSubjectPublicKeyInfo()))[..16].ToLowerInvariant();
        return new RsaSecurityKey(rsa) { KeyId = id };
    }

    /// <summary>
    /// The key authorization codes and refresh tokens are encrypted with (they are read back only by this service):
    /// kept beside the signing key, so a restart does not sign everyone out.
    /// </summary>
    public static SymmetricSecurityKey EncryptionKey(string directory)
    {
        System.IO.Directory.CreateDirectory(directory);
        var path = Path.Combine(directory, "encryption-key.bin");
        if (!File.Exists(path))
        {
            File.WriteAllBytes(path, RandomNumberGenerator.GetBytes(32));
            if (!OperatingSystem.IsWindows())
            {
                File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite);
            }
        }
        return new SymmetricSecurityKey(File.ReadAllBytes(path));
    }
}
