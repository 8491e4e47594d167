using System.Text.RegularExpressions;

namespace NgoFunctions.Core.Telemetry;

/// <summary>Masks Telegram bot tokens in finished spans. The Bot API takes the token in the path of
/// every call (<c>https://api.telegram.org/bot123456:AAE.../sendMessage</c>), so the HTTP client's spans
/// would carry it in <c>url.full</c> (and <c>url.path</c>, <c>http.url</c> under other conventions) to
/// every exporter, Application Insights' <c>dependencies</c> table included. This processor runs before
/// the exporters and rewrites every string tag and the span name to <c>/bot***/sendMessage</c>. The token
/// is recognised by its shape (bot id, colon, secret), so nothing here needs the configured value.</summary>
public sealed partial class BotTokenRedaction : SpanTextRedaction
{
    /// <summary><paramref name="text"/> with every <c>/bot{id}:{secret}</c> path segment masked as
    /// <c>/bot***</c>; the same string when there is none.</summary>
    public static string RedactToken(string text) =>
        text.Contains("/bot", StringComparison.Ordinal) ? TokenInPath().Replace(text, "/bot" + Mask) : text;

    /// <inheritdoc />
    protected override string Redact(string text) => RedactToken(text);

    // Bot tokens are "<digits>:<letters, digits, '_' and '-'>" (BotFather's format); the colon may
    // arrive percent-encoded from a tool that escapes paths.
    [GeneratedRegex(@"/bot\d+(?::|%3[Aa])[A-Za-z0-9_-]+", RegexOptions.CultureInvariant)]
    private static partial Regex TokenInPath();
}
