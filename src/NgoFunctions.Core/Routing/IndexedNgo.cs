using NgoFunctions.Core.Registry;

namespace NgoFunctions.Core.Routing;

/// <summary>An active NGO in a <see cref="CoverageIndex"/>, with the index keys of its coverage P-codes.</summary>
/// <param name="Ngo">The NGO.</param>
/// <param name="Keys">The index key of each distinct P-code of its coverage.</param>
public sealed record IndexedNgo(Ngo Ngo, int[] Keys);
