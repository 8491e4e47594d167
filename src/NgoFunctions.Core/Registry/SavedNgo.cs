namespace NgoFunctions.Core.Registry;

/// <summary>An NGO <see cref="NgoRegistry.UpsertAsync"/> stored.</summary>
/// <param name="Ngo">The NGO as stored.</param>
/// <param name="Created">Whether it is new (201) rather than replaced (200).</param>
public sealed record SavedNgo(Ngo Ngo, bool Created);
