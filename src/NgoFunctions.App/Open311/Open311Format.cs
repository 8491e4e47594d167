namespace NgoFunctions.App.Open311;

/// <summary>The two formats of GeoReport v2, chosen by the path's extension (<c>.json</c>, <c>.xml</c>).</summary>
public enum Open311Format
{
    /// <summary><c>application/json</c>.</summary>
    Json,

    /// <summary><c>text/xml</c>, as the spec's examples.</summary>
    Xml,
}

/// <summary>Reads the format of a path.</summary>
public static class Open311Formats
{
    /// <summary>The format named by <paramref name="extension"/> (<c>json</c> or <c>xml</c>, any case), or
    /// <c>null</c> for anything else.</summary>
    public static Open311Format? Parse(string? extension) => extension?.ToLowerInvariant() switch
    {
        "json" => Open311Format.Json,
        "xml" => Open311Format.Xml,
        _ => null,
    };

    /// <summary>The format of a request path's last extension (e.g. <c>/api/open311/v2/requests.xml</c>), or
    /// <c>null</c>: for answers given before a function binds its route (the key check).</summary>
    public static Open311Format? OfPath(string? path) =>
        path is { } p && p.LastIndexOf('.') is var dot and >= 0 ? Parse(p[(dot + 1)..]) : null;
}
