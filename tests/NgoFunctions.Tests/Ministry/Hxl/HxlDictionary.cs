namespace NgoFunctions.Tests.Ministry.Hxl;

/// <summary>The core vocabulary of the HXL hashtag dictionary, HXL 1.1 final
/// (hxlstandard.org/standard/dictionary; the dictionary is generated from the HXL core schema).
/// Hashtags are normative: a tag outside this list is not HXL 1.1. Attributes are open (the standard
/// lets a dataset add its own, lowercase), so the list below is the dictionary's suggested set, and
/// <see cref="HxlConformance"/> allows others only where the dictionary leaves naming to the dataset.</summary>
internal static class HxlDictionary
{
    /// <summary>The 42 core hashtags, without the leading <c>#</c>.</summary>
    public static readonly IReadOnlySet<string> Hashtags = new HashSet<string>(StringComparer.Ordinal)
    {
        "access", "activity", "adm1", "adm2", "adm3", "adm4", "adm5", "affected", "beneficiary", "capacity",
        "cause", "contact", "country", "crisis", "currency", "date", "description", "event", "geo", "group",
        "impact", "indicator", "inneed", "item", "loc", "meta", "modality", "need", "operations", "org",
        "output", "population", "reached", "region", "respondee", "sector", "service", "severity", "status",
        "subsector", "targeted", "value",
    };

    /// <summary>The dictionary's core attributes, without the leading <c>+</c>. Language attributes
    /// (<c>+i_ar</c>, HXL 1.1 replaced the two-letter <c>+ar</c> with them) and vocabulary attributes
    /// (<c>+v_pcode</c>) are patterns, checked apart.</summary>
    public static readonly IReadOnlySet<string> Attributes = new HashSet<string>(StringComparer.Ordinal)
    {
        "abducted", "adolescents", "adults", "approved", "bounds", "canceled", "children", "code", "converted",
        "coord", "dest", "displaced", "elderly", "elevation", "email", "end", "f", "funder", "hh", "i", "idps",
        "impl", "incamp", "ind", "infants", "infected", "injured", "killed", "label", "lat", "lon", "m", "name",
        "noncamp", "num", "occurred", "origin", "phone", "prog", "refugees", "reported", "source", "start",
        "text", "type", "url",
    };

    /// <summary>Hashtags whose values are numbers whatever their attributes (the HXL validator's
    /// default schema), besides any column with <c>+num</c>.</summary>
    public static readonly IReadOnlySet<string> NumericHashtags = new HashSet<string>(StringComparer.Ordinal)
    {
        "population", "affected", "inneed", "targeted", "reached", "value",
    };

    /// <summary>Hashtags whose qualifiers the dictionary leaves to the dataset: <c>#indicator</c> ("a
    /// formal indicator being tracked", named by its attributes, e.g. <c>#indicator+requests+num</c>) and
    /// <c>#meta</c> (metadata about a row).</summary>
    public static readonly IReadOnlySet<string> OpenHashtags = new HashSet<string>(StringComparer.Ordinal)
    {
        "indicator", "meta",
    };
}
