using System.Net;
using System.Net.Sockets;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Logging;

namespace RunbookOrchestrator.Tests.Hosting;

/// <summary>Small real HTTP servers for tests (the third parties' stand-ins): Kestrel on a free 127.0.0.1 port, no logging.</summary>
public static class LoopbackWebApp
{
    /// <summary>A port nobody listens on right now, on 127.0.0.1.</summary>
    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    /// <summary>An app to map endpoints on and start; <paramref name="baseUrl"/> is where it will listen.</summary>
    public static WebApplication Create(out string baseUrl)
    {
        var port = FreePort();
        baseUrl = $"http://127.0.0.1:{port}";
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls(baseUrl);
        return builder.Build();
    }
}
