using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using NgoFunctions.Core.Open311;

namespace NgoFunctions.App.Open311;

/// <summary>The one way an Open311 endpoint answers: the body in the asked format (JSON, or the spec's XML
/// through <see cref="Open311Xml"/>), UTF-8; errors in the spec's form, <c>[{"code": 400, "description": "..."}]</c>
/// or <c>&lt;errors&gt;&lt;error&gt;&lt;code/&gt;&lt;description/&gt;&lt;/error&gt;&lt;/errors&gt;</c>, with the same HTTP
/// status as <c>code</c>.</summary>
public static class Open311Answers
{
    /// <summary>The JSON media type.</summary>
    public const string JsonType = "application/json; charset=utf-8";

    /// <summary>The XML media type (the spec's examples use <c>text/xml</c>).</summary>
    public const string XmlType = "text/xml; charset=utf-8";

    /// <summary><paramref name="value"/> in <paramref name="format"/>: an object becomes the XML element
    /// <paramref name="root"/>; a list becomes <paramref name="root"/> with one <paramref name="item"/> per entry.</summary>
    public static IActionResult Body<T>(T value, Open311Format format, string root, string? item = null, int status = StatusCodes.Status200OK) =>
        Write(Open311Json.ToNode(value), format, root, item, status);

    /// <summary>An error in the spec's form, <paramref name="status"/> both the HTTP status and <c>code</c>.
    /// <paramref name="format"/> <c>null</c> (an unknown extension): JSON.</summary>
    public static IActionResult Error(Open311Format? format, int status, string description) =>
        Write(Open311Json.ToNode(new[] { new Open311Error(status, description) }), format ?? Open311Format.Json, "errors", "error", status);

    /// <summary>Several errors of one status (e.g. one per bad field), in the spec's form.</summary>
    public static IActionResult Errors(Open311Format format, int status, IEnumerable<string> descriptions) =>
        Write(Open311Json.ToNode(descriptions.Select(d => new Open311Error(status, d)).ToArray()), format, "errors", "error", status);

    private static ContentResult Write(JsonNode body, Open311Format format, string root, string? item, int status) => new()
    {
        StatusCode = status,
        ContentType = format == Open311Format.Xml ? XmlType : JsonType,
        Content = format == Open311Format.Xml ? Open311Xml.Text(Open311Xml.Document(body, root, item)) : body.ToJsonString(Open311Json.Options),
    };
}
