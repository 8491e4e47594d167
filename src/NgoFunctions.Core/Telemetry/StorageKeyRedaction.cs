using System.Text.RegularExpressions;

namespace NgoFunctions.Core.Telemetry;

/// <summary>Masks Table Storage keys and query filters in finished spans. The HTTP client's span of a
/// storage call carries its URL (<c>url.full</c>), and an entity's address is its keys
/// (<c>.../Conversations(PartitionKey='chat',RowKey='123456789')</c>), a query's filter names them too
/// (<c>$filter=PartitionKey eq '...'</c>), and so do continuation tokens: a Telegram chat id, a tracking
/// code, a phone's lookup key would reach every exporter, Application Insights included (design handbook,
/// "Personal data": identifiers only where the rules allow). Masked as <c>PartitionKey='***'</c>,
/// <c>$filter=***</c>; the table, the operation and the status stay, which is what a dependency view
/// needs. Quoted or percent-encoded alike.</summary>
public sealed partial class StorageKeyRedaction : SpanTextRedaction
{
    /// <summary><paramref name="text"/> with entity keys, <c>$filter</c> values and continuation keys
    /// masked; the same string when there are none.</summary>
    public static string RedactKeys(string text)
    {
        if (!text.Contains("Key", StringComparison.Ordinal) && !text.Contains("filter=", StringComparison.OrdinalIgnoreCase))
        {
            return text;
        }

        var masked = EntityKey().Replace(text, match => $"{match.Groups["name"].Value}={match.Groups["quote"].Value}{Mask}{match.Groups["quote"].Value}");
        return QueryValue().Replace(masked, match => match.Groups["name"].Value + Mask);
    }

    /// <inheritdoc />
    protected override string Redact(string text) => RedactKeys(text);

    // PartitionKey='x' / RowKey=%27x%27 in an entity address: the value up to its closing quote.
    [GeneratedRegex(@"(?<name>PartitionKey|RowKey)=(?<quote>'|%27)(?<value>.*?)\k<quote>", RegexOptions.CultureInvariant)]
    private static partial Regex EntityKey();

    // $filter (or %24filter) and the continuation keys in a query string: the value up to the next '&'.
    [GeneratedRegex(@"(?<name>[?&](?:\$|%24)filter=|[?&]Next(?:PartitionKey|RowKey)=)[^&#\s]*", RegexOptions.CultureInvariant | RegexOptions.IgnoreCase)]
    private static partial Regex QueryValue();
}
