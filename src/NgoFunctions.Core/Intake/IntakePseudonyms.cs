using System.Net;
using System.Net.Sockets;
using System.Text;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using NgoFunctions.Core.Security;
using NgoFunctions.Core.Telegram;

namespace NgoFunctions.Core.Intake;

/// <summary>Stands for a phone number or a client address in storage keys, which must find them again
/// without holding them: the <see cref="KeyedPseudonym"/> of the value under a key derived from
/// <c>Telegram:WebhookSecret</c>, one key per purpose (not the chat pseudonyms' key, <see cref="ChatPseudonyms"/>). A phone number or an address cannot be confirmed by hashing guesses
/// without the secret (a plain hash of either could: there are only so many). Changing the secret
/// changes every pseudonym: open requests are no longer found by phone, and address counts start again.
/// <para>Without a webhook secret there is no key: in the Development environment a fixed development
/// key stands in (local runs have limits as in production; their pseudonyms protect nothing), elsewhere
/// <see cref="IsKeyed"/> is <c>false</c> and intake neither matches phones nor counts addresses.</para></summary>
public sealed class IntakePseudonyms(IOptionsMonitor<TelegramOptions> options, IHostEnvironment environment)
{
    private static readonly byte[] PhonePurpose = "NgoFunctions phone lookup v1"u8.ToArray();
    private static readonly byte[] AddressPurpose = "NgoFunctions client address v1"u8.ToArray();

    // Public on purpose: it keys nothing outside Development.
    private const string DevelopmentSecret = "NgoFunctions development only, never a secret";

    /// <summary>Whether pseudonyms can be made: a webhook secret is configured, or this is Development.</summary>
    public bool IsKeyed => Secret() is not null;

    /// <summary>The pseudonym of a phone number in E.164 form (<see cref="PhoneNumberNormalizer"/>), or
    /// <c>null</c> without a key.</summary>
    public string? OfPhone(string e164) => Of(PhonePurpose, e164);

    /// <summary>The pseudonym of a client address, or <c>null</c> without a key. An IPv4 address mapped
    /// into IPv6 counts as itself; an IPv6 address counts by its /64 network, the block one subscriber is
    /// usually given, so that stepping through its addresses is not a way around the limit.</summary>
    public string? OfAddress(IPAddress address)
    {
        if (address.IsIPv4MappedToIPv6)
        {
            address = address.MapToIPv4();
        }

        if (address.AddressFamily == AddressFamily.InterNetworkV6)
        {
            var bytes = address.GetAddressBytes();
            Array.Clear(bytes, 8, 8);
            address = new IPAddress(bytes);
        }

        return Of(AddressPurpose, address.ToString());
    }

    private string? Of(byte[] purpose, string value) =>
        Secret() is { } secret ? KeyedPseudonym.Of(KeyedPseudonym.Key(secret, purpose), Encoding.UTF8.GetBytes(value)) : null;

    private byte[]? Secret() => ConfiguredSecret.OrDevelopment(options.CurrentValue.WebhookSecret, environment, DevelopmentSecret);
}
