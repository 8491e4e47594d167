using System.Security.Cryptography;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Unicode;

namespace NgoFunctions.Tests.Telegram.MiniApp;

/// <summary>Makes <c>initData</c> as Telegram does when a Mini App opens, written from
/// core.telegram.org/bots/webapps ("Validating data received via the Mini App"): the fields sorted by
/// name as <c>name=value</c> lines joined by a line feed, signed with HMAC-SHA-256 keyed with
/// HMAC-SHA-256("WebAppData", bot token), hex, then all of it as a URL-encoded query string.</summary>
internal static class InitDataSigner
{
    // Telegram writes the user's names as they are (UTF-8, then percent-encoded in the query), not as \u escapes.
    private static readonly JsonSerializerOptions Json = new() { Encoder = JavaScriptEncoder.Create(UnicodeRanges.All) };

    /// <summary>The fields of an opening in a private chat by user <paramref name="userId"/> at
    /// <paramref name="at"/>: <c>query_id</c>, <c>user</c> (JSON, an Arabic first name),
    /// <c>auth_date</c>, <c>chat_type</c>, <c>chat_instance</c>.</summary>
    public static Dictionary<string, string> Opening(long userId, DateTimeOffset at, string languageCode = "ar", string? chatType = "private")
    {
        var fields = new Dictionary<string, string>
        {
            ["query_id"] = "AAHdF6IQAAAAAN0XohDhrOrc",
            ["user"] = JsonSerializer.Serialize(new { id = userId, first_name = "فاطمة", last_name = "الأحمد", language_code = languageCode, allows_write_to_pm = true }, Json),
            ["auth_date"] = at.ToUnixTimeSeconds().ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["chat_instance"] = "-6475392848294939124",
        };
        if (chatType is not null)
        {
            fields["chat_type"] = chatType;
        }

        return fields;
    }

    /// <summary><paramref name="fields"/> signed with <paramref name="botToken"/>, as the query string.</summary>
    public static string Sign(string botToken, IReadOnlyDictionary<string, string> fields)
    {
        var check = string.Join('\n', fields.OrderBy(f => f.Key, StringComparer.Ordinal).Select(f => $"{f.Key}={f.Value}"));
        var secret = HMACSHA256.HashData(Encoding.UTF8.GetBytes("WebAppData"), Encoding.UTF8.GetBytes(botToken));
        var hash = Convert.ToHexStringLower(HMACSHA256.HashData(secret, Encoding.UTF8.GetBytes(check)));
        return Query(fields.Append(new KeyValuePair<string, string>("hash", hash)));
    }

    /// <summary><paramref name="fields"/> as a URL-encoded query string, in the given order.</summary>
    public static string Query(IEnumerable<KeyValuePair<string, string>> fields) =>
        string.Join('&', fields.Select(f => $"{Uri.EscapeDataString(f.Key)}={Uri.EscapeDataString(f.Value)}"));
}
