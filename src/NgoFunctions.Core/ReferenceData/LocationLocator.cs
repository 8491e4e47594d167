using NetTopologySuite.Geometries;
using NetTopologySuite.Geometries.Prepared;

namespace NgoFunctions.Core.ReferenceData;

/// <summary>Maps a shared location (WGS84 degrees) to a governorate by its outline (OCHA COD-AB,
/// simplified; point-in-polygon with NetTopologySuite) and to the district of that governorate whose
/// centroid is nearest (great-circle distance). The coastline of the data is coarse, so a point up
/// to <see cref="CoastToleranceDegrees"/> outside every outline takes the nearest governorate
/// (source: ReferenceData/Data/SOURCES.md).</summary>
public sealed class LocationLocator
{
    /// <summary>How far outside every outline a point may be and still count (about 5 km).</summary>
    public const double CoastToleranceDegrees = 0.05;

    private const double EarthRadiusKm = 6371.0088;
    private readonly List<(AdminArea Governorate, IPreparedGeometry Outline, Geometry Raw)> _outlines = [];
    private readonly LocationCatalogue _locations;

    /// <summary>Loads the embedded outlines. Throws <see cref="InvalidDataException"/> when a
    /// feature names a P-code the catalogue does not know.</summary>
    public LocationLocator(LocationCatalogue locations)
    {
        _locations = locations;
        foreach (var feature in GovernorateOutlines.Read())
        {
            var pCode = feature.Attributes["pcode"]?.ToString();
            var governorate = locations.Find(pCode) ?? throw new InvalidDataException($"Outline for unknown P-code {pCode}.");
            _outlines.Add((governorate, PreparedGeometryFactory.Prepare(feature.Geometry), feature.Geometry));
        }
    }

    /// <summary>The governorate and nearest district for a point, or <c>null</c> when it is outside
    /// Syria (beyond the coast tolerance).</summary>
    /// <param name="latitude">Degrees north, WGS84.</param>
    /// <param name="longitude">Degrees east, WGS84.</param>
    public (AdminArea Governorate, AdminArea District)? Locate(double latitude, double longitude)
    {
        var point = new Point(longitude, latitude);
        var governorate = _outlines.FirstOrDefault(o => o.Outline.Covers(point)).Governorate
            ?? _outlines
                .Select(o => (o.Governorate, Distance: o.Raw.Distance(point)))
                .Where(o => o.Distance <= CoastToleranceDegrees)
                .OrderBy(o => o.Distance)
                .Select(o => o.Governorate)
                .FirstOrDefault();
        if (governorate is null)
        {
            return null;
        }

        var district = _locations.ChildrenOf(governorate.PCode)
            .MinBy(d => GreatCircleKm(latitude, longitude, d.Latitude, d.Longitude))!;
        return (governorate, district);
    }

    private static double GreatCircleKm(double lat1, double lon1, double lat2, double lon2)
    {
        static double Rad(double degrees) => degrees * Math.PI / 180;
        var dLat = Rad(lat2 - lat1);
        var dLon = Rad(lon2 - lon1);
        var a = (Math.Sin(dLat / 2) * Math.Sin(dLat / 2)) + (Math.Cos(Rad(lat1)) * Math.Cos(Rad(lat2)) * Math.Sin(dLon / 2) * Math.Sin(dLon / 2));
        return 2 * EarthRadiusKm * Math.Asin(Math.Min(1, Math.Sqrt(a)));
    }
}
