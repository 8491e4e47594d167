using System.Net;
using System.Net.Sockets;

namespace NgoFunctions.Tests.Infrastructure;

/// <summary>Free TCP ports on the loopback interface, for the servers the tests start (Azurite) and for
/// addresses where nothing must answer. Drawn below the kernel's ephemeral range: a port in that range,
/// free when checked, can be taken by any outgoing connection before the server binds it; one below it
/// only by another listener.</summary>
public static class FreePort
{
    private const int Lowest = 15_000;
    private const string EphemeralRange = "/proc/sys/net/ipv4/ip_local_port_range";

    /// <summary>A port nothing listens on now.</summary>
    public static int Next() => Next(1)[0];

    /// <summary><paramref name="count"/> distinct ports nothing listens on now.</summary>
    public static int[] Next(int count)
    {
        var below = EphemeralLow();
        var ports = new List<int>(count);
        while (ports.Count < count)
        {
            var port = Random.Shared.Next(Lowest, below);
            if (!ports.Contains(port) && IsFree(port))
            {
                ports.Add(port);
            }
        }

        return [.. ports];
    }

    private static bool IsFree(int port)
    {
        try
        {
            using var listener = new TcpListener(IPAddress.Loopback, port);
            listener.Start();
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }

    // Linux's default range starts at 32768; a range that leaves too little room below it is not used.
    private static int EphemeralLow()
    {
        try
        {
            var first = File.ReadAllText(EphemeralRange).Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries)[0];
            return int.TryParse(first, out var low) && low > Lowest + 1_000 ? low : 32_768;
        }
        catch (IOException)
        {
            return 32_768;
        }
        catch (UnauthorizedAccessException)
        {
            return 32_768;
        }
    }
}
