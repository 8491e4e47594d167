using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.Options;

namespace NgoFunctions.Core.Telegram.MiniApp;

/// <summary>Checks the <c>initData</c> a Mini App page hands its server (the raw query string Telegram
/// gives the page when it opens): the signature, then <c>auth_date</c> against
/// <see cref="TelegramOptions.MiniAppMaxAgeSeconds"/>, then that a user opened it in a private chat.
/// <para>The signature as core.telegram.org/bots/webapps ("Validating data received via the Mini
/// App") defines it: <c>hash</c> is the hex HMAC-SHA-256 of the other fields, decoded, sorted by
/// name, as <c>name=value</c> lines joined by <c>\n</c>, keyed with HMAC-SHA-256 of the bot token
/// keyed with <c>"WebAppData"</c>. Telegram.Bot's <c>AuthHelpers.ParseValidateData</c> computes the
/// same but compares with <c>SequenceEqual</c>, which stops at the first differing byte; here the
/// comparison takes the same time whatever the bytes (<see cref="CryptographicOperations.FixedTimeEquals"/>),
/// and the tests check that both agree.</para></summary>
public sealed class MiniAppInitData(IOptions<TelegramOptions> options, TimeProvider clock)
{
    // Clocks of Telegram's servers and ours differ by a little; more than this ahead is not a clock.
    private static readonly TimeSpan AllowedSkew = TimeSpan.FromMinutes(5);

    // chat_type as Telegram gives it for a Mini App opened from a private chat with the bot: "private"
    // from a keyboard or menu button, "sender" from an inline button in that chat.
    private static readonly HashSet<string> PrivateChatTypes = ["private", "sender"];

    /// <summary>The opening <paramref name="initData"/> proves, or why it proves none.</summary>
    public (MiniAppLaunch? Launch, MiniAppRefusal? Refusal) Check(string? initData)
    {
        if (string.IsNullOrWhiteSpace(initData))
        {
            return (null, MiniAppRefusal.Missing);
        }

        if (!options.Value.IsConfigured)
        {
            return (null, MiniAppRefusal.BotOff);
        }

        if (Signed(initData, options.Value.BotToken!) is not { } signed)
        {
            return (null, MiniAppRefusal.Forged);
        }

        var (fields, hash) = signed;

        if (!fields.TryGetValue("auth_date", out var authText)
            || !long.TryParse(authText, NumberStyles.None, CultureInfo.InvariantCulture, out var authSeconds)
            || authSeconds > DateTimeOffset.MaxValue.ToUnixTimeSeconds())
        {
            return (null, MiniAppRefusal.Forged);
        }

        var authDate = DateTimeOffset.FromUnixTimeSeconds(authSeconds);
        var age = clock.GetUtcNow() - authDate;
        if (age > TimeSpan.FromSeconds(options.Value.MiniAppMaxAgeSeconds) || age < -AllowedSkew)
        {
            return (null, MiniAppRefusal.Stale);
        }

        if ((fields.TryGetValue("chat_type", out var chatType) && !PrivateChatTypes.Contains(chatType))
            || !fields.TryGetValue("user", out var userJson)
            || User(userJson) is not { } user)
        {
            return (null, MiniAppRefusal.NotPrivate);
        }

        return (new MiniAppLaunch(user.Id, user.LanguageCode, authDate, hash), null);
    }

    // The fields without the hash, and the hash, when the hash is the fields' signature with this token.
    private static (Dictionary<string, string> Fields, string Hash)? Signed(string initData, string botToken)
    {
        var fields = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var pair in initData.Split('&'))
        {
            var at = pair.IndexOf('=', StringComparison.Ordinal);
            if (at <= 0 || !fields.TryAdd(Uri.UnescapeDataString(pair[..at].Replace('+', ' ')), Uri.UnescapeDataString(pair[(at + 1)..].Replace('+', ' '))))
            {
                return null;
            }
        }

        if (!fields.Remove("hash", out var hash) || hash.Length != 64 || !hash.All(char.IsAsciiHexDigit))
        {
            return null;
        }

        var checkString = string.Join('\n', fields.OrderBy(f => f.Key, StringComparer.Ordinal).Select(f => $"{f.Key}={f.Value}"));
        var secret = HMACSHA256.HashData(Encoding.UTF8.GetBytes("WebAppData"), Encoding.UTF8.GetBytes(botToken));
        var expected = HMACSHA256.HashData(secret, Encoding.UTF8.GetBytes(checkString));
        return CryptographicOperations.FixedTimeEquals(expected, Convert.FromHexString(hash)) ? (fields, hash.ToLowerInvariant()) : null;
    }

    private static (long Id, string? LanguageCode)? User(string json)
    {
        try
        {
            using var document = JsonDocument.Parse(json);
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object
                || !root.TryGetProperty("id", out var id) || !id.TryGetInt64(out var userId) || userId <= 0)
            {
                return null;
            }

            var language = root.TryGetProperty("language_code", out var code) && code.ValueKind == JsonValueKind.String ? code.GetString() : null;
            return (userId, language);
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
