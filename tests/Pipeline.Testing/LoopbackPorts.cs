using System.Net;
using System.Net.Sockets;

namespace Pipeline.Testing;

public static class LoopbackPorts
{
    /// <summary>A port on 127.0.0.1 that nothing listens on now: the system's choice, released at once for the caller to use.</summary>
    public static int Free()
    {
        using var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        return ((IPEndPoint)probe.LocalEndpoint).Port;
    }
}
