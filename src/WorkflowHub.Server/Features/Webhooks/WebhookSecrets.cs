using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.DataProtection;

namespace WorkflowHub.Server.Features.Webhooks;

/// <summary>
/// Webhook secrets: generated, protected with ASP.NET Core Data Protection for storage (the receiver needs the secret
/// itself to verify an HMAC, so it is encrypted, not hashed), and the signature check.
/// </summary>
public sealed class WebhookSecrets(IDataProtectionProvider protection)
{
    public const string SignatureHeader = "X-WorkflowHub-Signature";
    public const string TimestampHeader = "X-WorkflowHub-Timestamp";
    public const string SignaturePrefix = "sha256=";
    public const int MinSecretLength = 16;

    private readonly IDataProtector _protector = protection.CreateProtector("WorkflowHub.Webhooks.Secret.v1");

    public static string Generate() => "whsec_" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(32));

    public string Protect(string secret) => _protector.Protect(secret);

    public string Unprotect(string protectedSecret) => _protector.Unprotect(protectedSecret);

    /// <summary>The header value for a body: <c>sha256=</c> and the hex HMAC-SHA256 of "{timestamp}.{body}".</summary>
    public static string Sign(string secret, string timestamp, ReadOnlySpan<byte> body) =>
        SignaturePrefix + Convert.ToHexStringLower(Mac(secret, timestamp, body));

    /// <summary>Whether <paramref name="header"/> signs the body; the comparison takes the same time whatever differs.</summary>
    public static bool Verify(string secret, string timestamp, ReadOnlySpan<byte> body, string? header)
    {
        if (header is null || !header.StartsWith(SignaturePrefix, StringComparison.OrdinalIgnoreCase))
        {
            return false;
        }
        var hex = header.AsSpan(SignaturePrefix.Length).Trim();
        if (hex.Length != 64)
        {
            return false;
        }
        Span<byte> given = stackalloc byte[32];
        if (Convert.FromHexString(hex, given, out _, out var written) != System.Buffers.OperationStatus.Done || written != 32)
        {
            return false;
        }
        return CryptographicOperations.FixedTimeEquals(given, Mac(secret, timestamp, body));
    }

    private static byte[] Mac(string secret, string timestamp, ReadOnlySpan<byte> body)
    {
        using var hmac = IncrementalHash.CreateHMAC(HashAlgorithmName.SHA256, Encoding.UTF8.GetBytes(secret));
        hmac.AppendData(Encoding.UTF8.GetBytes(timestamp + "."));
        hmac.AppendData(body);
        return hmac.GetHashAndReset();
    }
}
