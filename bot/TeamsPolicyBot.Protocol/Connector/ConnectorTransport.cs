using System.Net.Sockets;

namespace TeamsPolicyBot.Protocol.Connector;

/// <summary>
/// How the connector's HTTP connections are made, and how a failed call tells "never sent" from
/// "maybe sent". Only a failure to connect proves that no byte of the request reached the
/// connector: DNS, a refused or unreachable host, TLS, and a connect that takes longer than
/// <see cref="ConnectTimeout"/> (made to fail as a socket timeout, so it surfaces as a connection
/// error, not as the same timeout a slow answer gives).
/// </summary>
internal static class ConnectorTransport
{
    /// <summary>Well inside the per-attempt timeout, so a slow connect never looks like a slow answer.</summary>
    public static readonly TimeSpan ConnectTimeout = TimeSpan.FromSeconds(5);

    public static SocketsHttpHandler CreateHandler() => new()
    {
        ConnectCallback = ConnectAsync,
        // Connections are renewed now and then, so a changed DNS answer for the connector is picked up.
        PooledConnectionLifetime = TimeSpan.FromMinutes(5),
    };

    /// <summary>True when the request certainly never reached the server: the connection itself failed.</summary>
    public static bool NeverSent(Exception exception) =>
        exception is HttpRequestException
        {
            HttpRequestError: HttpRequestError.NameResolutionError or HttpRequestError.ConnectionError or HttpRequestError.SecureConnectionError or HttpRequestError.ProxyTunnelError,
        };

    private static async ValueTask<Stream> ConnectAsync(SocketsHttpConnectionContext context, CancellationToken cancellationToken)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(ConnectTimeout);
        var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        try
        {
            await socket.ConnectAsync(context.DnsEndPoint, timeout.Token).ConfigureAwait(false);
            return new NetworkStream(socket, ownsSocket: true);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            socket.Dispose();
            // The handler wraps this as HttpRequestException(ConnectionError): "not sent", like a refused connection.
            throw new SocketException((int)SocketError.TimedOut);
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }
}
