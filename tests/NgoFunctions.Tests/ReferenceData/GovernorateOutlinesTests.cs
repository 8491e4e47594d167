using System.Text.Json;
using NetTopologySuite.Algorithm.Distance;
using NetTopologySuite.Features;
using NetTopologySuite.Geometries;
using NetTopologySuite.IO.Converters;
using NgoFunctions.Core.ReferenceData;
using Xunit.Abstractions;

namespace NgoFunctions.Tests.ReferenceData;

/// <summary>The outlines the dashboard's map draws: the 14 governorates, small, valid, close to the stored
/// outlines, and still fitting together.</summary>
[Trait("Category", "Unit")]
public sealed class GovernorateOutlinesTests(ITestOutputHelper output)
{
    private static readonly JsonSerializerOptions GeoJson = new() { Converters = { new GeoJsonConverterFactory() } };

    private static List<IFeature> Map() => JsonSerializer.Deserialize<FeatureCollection>(GovernorateOutlines.ForMap(), GeoJson)!.ToList();

    [Fact]
    public void ForMap_HasTheFourteenGovernorates_WithTheirNames()
    {
        var catalogue = new LocationCatalogue();

        var map = Map();

        Assert.Equal(catalogue.Governorates.Select(g => g.PCode), map.Select(f => f.Attributes["pcode"]?.ToString()));
        Assert.All(map, f =>
        {
            var governorate = catalogue.Find(f.Attributes["pcode"]!.ToString())!;
            Assert.Equal(governorate.Name.En, f.Attributes["name_en"]);
            Assert.Equal(governorate.Name.Ar, f.Attributes["name_ar"]);
        });
    }

    [Fact]
    public void ForMap_IsAFractionOfTheStoredFile_WithRoundedCoordinates()
    {
        var bytes = GovernorateOutlines.ForMap();
        output.WriteLine($"{bytes.Length} bytes, {Map().Sum(f => f.Geometry.NumPoints)} points");

        // The stored file is about 274 KB; a slow connection should not wait for that to see a map.
        Assert.InRange(bytes.Length, 5_000, 60_000);
        Assert.All(Map().SelectMany(f => f.Geometry.Coordinates), c =>
        {
            Assert.Equal(Math.Round(c.X, GovernorateOutlines.MapDecimals), c.X);
            Assert.Equal(Math.Round(c.Y, GovernorateOutlines.MapDecimals), c.Y);
        });
    }

    [Fact]
    public void ForMap_IsValid_AndCloseToTheStoredOutlines()
    {
        var stored = GovernorateOutlines.Read().ToDictionary(f => f.Attributes["pcode"]!.ToString()!, f => f.Geometry);

        foreach (var feature in Map())
        {
            var pCode = feature.Attributes["pcode"]!.ToString()!;
            var original = stored[pCode];
            Assert.True(feature.Geometry.IsValid, $"{pCode}: invalid outline");
            Assert.True(feature.Geometry is Polygon or MultiPolygon, $"{pCode}: {feature.Geometry.GeometryType}");

            // Moved by little: the area within 2% (Damascus, the smallest, is about 0.011 square degrees), its
            // inside still inside, and no point of either farther than 0.05° (about 5 km, 4 pixels at the
            // map's first zoom) from the other: the simplifier measures what it drops by area, so a thin
            // spike of the border can go while the shape stays.
            Assert.InRange(feature.Geometry.Area / original.Area, 0.98, 1.02);
            Assert.True(feature.Geometry.Distance(original.InteriorPoint) == 0, $"{pCode}: moved off its own inside");
            Assert.InRange(DiscreteHausdorffDistance.Distance(original, feature.Geometry), 0, 10 * GovernorateOutlines.MapToleranceDegrees);
        }
    }

    [Fact]
    public void ForMap_NeighboursStillFit_WithoutOverlapsOrSlivers()
    {
        var map = Map().Select(f => f.Geometry).ToList();
        var stored = GovernorateOutlines.Read().Select(f => f.Geometry).ToList();

        // No two governorates overlap by more than a rounding crumb, and together they cover what the
        // stored outlines cover, within 0.5%.
        for (var i = 0; i < map.Count; i++)
        {
            for (var j = i + 1; j < map.Count; j++)
            {
                Assert.True(map[i].Intersection(map[j]).Area < 1e-5, $"{i} and {j} overlap");
            }
        }

        var union = new GeometryFactory().BuildGeometry(map).Union();
        var storedUnion = new GeometryFactory().BuildGeometry(stored).Union();
        Assert.InRange(union.Area / storedUnion.Area, 0.995, 1.005);
    }
}
