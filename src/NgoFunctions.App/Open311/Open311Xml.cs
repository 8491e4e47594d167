using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Xml;
using System.Xml.Linq;

namespace NgoFunctions.App.Open311;

/// <summary>Writes an Open311 body, built once as JSON (<see cref="Core.Open311.Open311Json"/>), as the
/// spec's XML: each property an element of the same name in the same order, <c>null</c> an empty element,
/// and each list an element whose items are named as the spec names them (<c>services/service</c>,
/// <c>attributes/attribute</c>, <c>values/value</c>, <c>endpoints/endpoint</c>, <c>formats/format</c>,
/// <c>service_requests/request</c>, <c>errors/error</c>). UTF-8 with its declaration.</summary>
public static class Open311Xml
{
    // The spec's item element of each list property.
    private static readonly Dictionary<string, string> ItemOf = new(StringComparer.Ordinal)
    {
        ["attributes"] = "attribute",
        ["values"] = "value",
        ["endpoints"] = "endpoint",
        ["formats"] = "format",
    };

    /// <summary>The document for <paramref name="body"/>: a list becomes <paramref name="root"/> with one
    /// <paramref name="item"/> per entry; an object becomes <paramref name="root"/> itself.</summary>
    public static XDocument Document(JsonNode body, string root, string? item = null) =>
        new(new XDeclaration("1.0", "utf-8", null), body is JsonArray list
            ? new XElement(root, list.Select(entry => Element(item ?? throw new ArgumentNullException(nameof(item)), entry)))
            : Element(root, body));

    /// <summary><paramref name="document"/> as UTF-8 text (no byte-order mark).</summary>
    public static string Text(XDocument document)
    {
        using var stream = new MemoryStream();
        using (var writer = XmlWriter.Create(stream, new XmlWriterSettings { Encoding = new UTF8Encoding(false), Indent = false }))
        {
            document.Save(writer);
        }

        return Encoding.UTF8.GetString(stream.ToArray());
    }

    private static XElement Element(string name, JsonNode? node) => node switch
    {
        null => new XElement(name),
        JsonObject obj => new XElement(name, obj.Select(p => Element(p.Key, p.Value))),
        JsonArray list => new XElement(name, list.Select(entry => Element(ItemOf.GetValueOrDefault(name, "item"), entry))),
        JsonValue value => new XElement(name, Scalar(value)),
        _ => throw new NotSupportedException(node.GetType().Name),
    };

    private static string Scalar(JsonValue value) => value.GetValueKind() switch
    {
        JsonValueKind.String => value.GetValue<string>(),
        JsonValueKind.True => "true",
        JsonValueKind.False => "false",
        _ => value.ToJsonString(),
    };
}
