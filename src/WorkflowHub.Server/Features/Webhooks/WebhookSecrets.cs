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
    public const string StandardIdHeader = "webhook-id";
    public const string StandardTimestampHeader = "webhook-timestamp";
    public const string StandardSignatureHeader = "webhook-signature";
    public const int MinSecretLength = 16;

    private readonly IDataProtector _protector = protection.CreateProtector("WorkflowHub.Webhooks.Secret.v1");

    /// <summary>A Standard Webhooks secret: <c>whsec_</c> and 32 random bytes in base64 (the X-WorkflowHub scheme keys its HMAC with the whole text).</summary>
    public static string Generate() => "whsec_" + Convert.ToBase64String(RandomNumberGenerator.GetBytes(32));

    /// <summary>
    /// The Standard Webhooks key of a secret: the base64 after <c>whsec_</c>, as every Standard Webhooks library
    /// reads it; a secret that is not such base64 (one chosen by hand) keys the HMAC with its UTF-8 bytes.
    /// </summary>
    public static byte[] StandardKey(string secret)
    {
        var text = secret.StartsWith("whsec_", StringComparison.Ordinal) ? secret["whsec_".Length..] : secret;
        var buffer = new byte[text.Length];
        return Convert.TryFromBase64String(text, buffer, out var written) && written > 0 ? buffer[..written] : Encoding.UTF8.GetBytes(secret);
    }

    /// <summary>
    /// Whether one of the space-separated <c>v1,&lt;base64&gt;</c> signatures of a <c>webhook-signature</c> header
    /// signs "{id}.{timestamp}.{body}" (computed by the StandardWebhooks package; the timestamp is checked by the caller).
    /// </summary>
    public static bool VerifyStandard(string secret, string id, long timestamp, ReadOnlySpan<byte> body, string? header)
    {
        if (string.IsNullOrWhiteSpace(header))
        {
            return false;
        }
        string payload;
        try
        {
            payload = new UTF8Encoding(false, throwOnInvalidBytes: true).GetString(body);
        }
        catch (DecoderFallbackException)
        {
            return false;
        }
        var expected = new StandardWebhooks.StandardWebhook(StandardKey(secret)).Sign(id, DateTimeOffset.FromUnixTimeSeconds(timestamp), payload);
        return header.Split(' ', StringSplitOptions.RemoveEmptyEntries)
            .Any(given => CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(given), Encoding.ASCII.GetBytes(expected)));
    }

    /// <summary>The <c>webhook-signature</c> value for a delivery (what a Standard Webhooks sender computes).</summary>
    public static string SignStandard(string secret, string id, long timestamp, string body) =>
        new StandardWebhooks.StandardWebhook(StandardKey(secret)).Sign(id, DateTimeOffset.FromUnixTimeSeconds(timestamp), body);

    public string Protect(string secret) => _protector.Protect(secret);

    public string Unprotect(string protectedSecret) => _protector.Unprotect(protectedSecret);

    /// <summary>Bounds the memory of <see cref="_unprotected"/>; past it the cache starts over.</summary>
    private const int MaxCachedSecrets = 1_000;

    /// <summary>
    /// Secrets already unprotected on this node, by their protected text: Data Protection's decryption (a key ring
    /// look-up, AES and an HMAC) was paid by every delivery. Keyed by the stored ciphertext, so a secret rotated on
    /// any node is a new entry and never the old secret; <see cref="Forget"/> drops them all when this node changes a
    /// webhook, so a deleted or rotated webhook's secret does not stay in memory.
    /// </summary>
    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, string> _unprotected = new(StringComparer.Ordinal);

    /// <summary><see cref="Unprotect"/> once per protected secret and node (for the receiver, on every delivery).</summary>
    public string UnprotectCached(string protectedSecret)
    {
        if (_unprotected.TryGetValue(protectedSecret, out var secret))
        {
            return secret;
        }
        secret = Unprotect(protectedSecret);
        if (_unprotected.Count >= MaxCachedSecrets)
        {
            _unprotected.Clear();
        }
        _unprotected[protectedSecret] = secret;
        return secret;
    }

    public void Forget() => _unprotected.Clear();

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
