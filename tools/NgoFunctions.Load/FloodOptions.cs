namespace NgoFunctions.Load;

/// <summary>What a flood run sends.</summary>
/// <param name="Flood">Scripted submissions, all from one client address.</param>
/// <param name="Genuine">Citizens, each from an address and with a phone of their own.</param>
/// <param name="PerAddressLimit">The system's <c>IntakeLimits:PerAddress</c>: the most the flood may store.</param>
public sealed record FloodOptions(int Flood, int Genuine, int PerAddressLimit);
