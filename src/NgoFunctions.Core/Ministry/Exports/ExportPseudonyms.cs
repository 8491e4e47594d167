using System.Text;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using NgoFunctions.Core.Domain;
using NgoFunctions.Core.Security;

namespace NgoFunctions.Core.Ministry.Exports;

/// <summary>The <c>request_ref</c> of a request in <c>requests.csv</c>: a keyed pseudonym of its tracking
/// code, written instead of the code. A tracking code is a bearer key (whoever holds it reads the
/// request's status, confirms or disputes its closure and erases its personal data), and the file is
/// made to be handed to other humanitarian tools, so it must not carry one.
/// <para>Shape: 32 lower-case hex digits (128 bits), the recipe of <see cref="KeyedPseudonym"/>:
/// HMAC-SHA256 of the code's canonical form (<see cref="TrackingCode.Value"/>, 10 upper-case symbols, no
/// hyphen, as UTF-8) under a key derived with HKDF-SHA256 from
/// <see cref="MinistryExportOptions.PseudonymKey"/> and the purpose <c>NgoFunctions export pseudonym
/// v1</c>, so the same secret used for anything else would still give unrelated values.</para>
/// <para>Why keyed: the same request gets the same ref in every download made under the same key, so
/// tools can join successive files; without the key a ref cannot be tied back to a code. A plain hash
/// would not do: a code has only 50 random bits, so every code could be hashed and looked up, and whoever
/// holds a file could confirm a code they guessed or were told. Changing the key changes every ref
/// (files downloaded before and after no longer join).</para>
/// <para>Without a configured key, Development uses a fixed, public development key (local runs only; it
/// protects nothing) and elsewhere <see cref="IsConfigured"/> is <c>false</c>: the export then answers
/// 503 rather than write codes, and the rest of the system keeps working. An unresolved Key Vault
/// reference (Azure passes the <c>@Microsoft.KeyVault(...)</c> text itself until the secret exists) is
/// no key: that text is known to whoever knows the vault's name.</para></summary>
public sealed class ExportPseudonyms
{
    // The HKDF purpose (info) of the export key: its own, so nothing else derived from the same secret
    // can equal a ref.
    private static readonly byte[] Purpose = "NgoFunctions export pseudonym v1"u8.ToArray();

    // Public on purpose: it keys nothing outside Development.
    private const string DevelopmentKey = "NgoFunctions development only, never an export pseudonym key";

    private readonly byte[]? _key;

    /// <summary>Derives the key once from <see cref="MinistryExportOptions.PseudonymKey"/> (validated at
    /// start as empty or at least 32 characters), or from the development key in Development.</summary>
    public ExportPseudonyms(IOptions<MinistryExportOptions> options, IHostEnvironment environment)
    {
        _key = ConfiguredSecret.OrDevelopment(options.Value.PseudonymKey, environment, DevelopmentKey) is { } secret
            ? KeyedPseudonym.Key(secret, Purpose)
            : null;
    }

    /// <summary>Whether refs can be made here: a pseudonym key is configured, or this is Development.</summary>
    public bool IsConfigured => _key is not null;

    /// <summary>The ref of <paramref name="trackingCode"/>: 32 lower-case hex digits. Any form
    /// <see cref="TrackingCode.TryParse"/> accepts (display form, lower case, look-alikes) gives the ref of
    /// the canonical code; a text that is not a code is keyed as it is (UTF-8), so it never reaches the
    /// file either. Throws <see cref="InvalidOperationException"/> when no key is configured
    /// (<see cref="IsConfigured"/>): a caller must check first, never fall back to the code.</summary>
    public string RefOf(string trackingCode)
    {
        var key = _key ?? throw new InvalidOperationException("No export pseudonym key is configured (Ministry:Exports:PseudonymKey).");
        var canonical = TrackingCode.TryParse(trackingCode, out var code) ? code.Value.Value : trackingCode;
        return KeyedPseudonym.Of(key, Encoding.UTF8.GetBytes(canonical));
    }
}
