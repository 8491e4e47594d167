using System.Text.Json;
using NetTopologySuite.Coverage;
using NetTopologySuite.Features;
using NetTopologySuite.Geometries;
using NetTopologySuite.IO.Converters;
using NetTopologySuite.Precision;

namespace NgoFunctions.Core.ReferenceData;

/// <summary>The 14 governorate outlines (OCHA COD-AB admin1, simplified; embedded
/// <c>ReferenceData/Data/syria_admin1_simplified.geojson</c>, licence and attribution in
/// <c>ReferenceData/Data/SOURCES.md</c>): read once for point-in-polygon (<see cref="LocationLocator"/>),
/// and drawn smaller for a map (<see cref="ForMap"/>).</summary>
public static class GovernorateOutlines
{
    /// <summary>How far the map's outlines may move from the stored ones, in degrees (0.005°, about
    /// 500 m): half a screen pixel at the zoom that shows all of Syria in about 600 pixels.</summary>
    public const double MapToleranceDegrees = 0.005;

    /// <summary>Decimals kept in the map's coordinates (3: a grid of about 100 m, finer than the tolerance).</summary>
    public const int MapDecimals = 3;

    private static readonly JsonSerializerOptions GeoJson = new() { Converters = { new GeoJsonConverterFactory() } };

    /// <summary>The stored outlines: one feature per governorate, properties <c>pcode</c>
    /// (<c>SY01</c>..<c>SY14</c>), <c>name_en</c>, <c>name_ar</c>; WGS84 longitude/latitude degrees.
    /// Throws <see cref="InvalidDataException"/> when the embedded file is empty.</summary>
    public static FeatureCollection Read()
    {
        var assembly = typeof(GovernorateOutlines).Assembly;
        var resource = assembly.GetManifestResourceNames().Single(n => n.EndsWith("syria_admin1_simplified.geojson", StringComparison.Ordinal));
        using var stream = assembly.GetManifestResourceStream(resource)!;
        return JsonSerializer.Deserialize<FeatureCollection>(stream, GeoJson)
            ?? throw new InvalidDataException("Governorate outlines are empty.");
    }

    /// <summary>The outlines as a GeoJSON FeatureCollection (UTF-8) small enough for a page on a slow
    /// connection: borders simplified together (<see cref="CoverageSimplifier"/>, so neighbours keep one
    /// shared edge, no slivers or overlaps) to <see cref="MapToleranceDegrees"/>, coordinates rounded to
    /// <see cref="MapDecimals"/> decimals; the same properties as <see cref="Read"/>. For drawing only:
    /// locating a point uses the stored outlines.</summary>
    public static byte[] ForMap()
    {
        var features = Read().ToList();
        var simplified = CoverageSimplifier.Simplify(features.Select(f => f.Geometry).ToArray(), MapToleranceDegrees);
        var grid = new PrecisionModel(Math.Pow(10, MapDecimals));
        var map = new FeatureCollection();
        for (var i = 0; i < features.Count; i++)
        {
            var attributes = new AttributesTable();
            foreach (var name in new[] { "pcode", "name_en", "name_ar" })
            {
                attributes.Add(name, features[i].Attributes[name]);
            }

            map.Add(new Feature(GeometryPrecisionReducer.Reduce(simplified[i], grid), attributes));
        }

        return JsonSerializer.SerializeToUtf8Bytes(map, GeoJson);
    }
}
