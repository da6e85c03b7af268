using System.Net;
using System.Net.Sockets;

namespace TeamsPolicyBot.Tests.TestSupport;

/// <summary>
/// A loopback port that drops every connection until <see cref="Open"/>, then forwards to a
/// real service: a storage service that is "not up yet", without timing games.
/// </summary>
public sealed class DelayedTcpProxy : IDisposable
{
    private readonly TcpListener listener;
    private readonly int targetPort;
    private readonly CancellationTokenSource stop = new();
    private readonly TaskCompletionSource firstRefused = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private volatile bool open;
    private int refused;

    public DelayedTcpProxy(int port, int targetPort)
    {
        this.targetPort = targetPort;
        listener = new TcpListener(IPAddress.Loopback, port);
        listener.Start();
        _ = AcceptLoopAsync();
    }

    public Task FirstConnectionRefused => firstRefused.Task;

    public int RefusedConnections => Volatile.Read(ref refused);

    public void Open() => open = true;

    public void Dispose()
    {
        stop.Cancel();
        listener.Stop();
        stop.Dispose();
    }

    private async Task AcceptLoopAsync()
    {
        while (!stop.IsCancellationRequested)
        {
            TcpClient client;
            try
            {
                client = await listener.AcceptTcpClientAsync(stop.Token);
            }
            catch (Exception ex) when (ex is OperationCanceledException or SocketException or ObjectDisposedException)
            {
                return;
            }

            if (!open)
            {
                client.Client.LingerState = new LingerOption(true, 0);
                client.Dispose();
                Interlocked.Increment(ref refused);
                firstRefused.TrySetResult();
                continue;
            }

            _ = ForwardAsync(client);
        }
    }

    private async Task ForwardAsync(TcpClient client)
    {
        using (client)
        using (var target = new TcpClient())
        {
            try
            {
                await target.ConnectAsync(IPAddress.Loopback, targetPort, stop.Token);
                using var a = client.GetStream();
                using var b = target.GetStream();
                await Task.WhenAny(a.CopyToAsync(b, stop.Token), b.CopyToAsync(a, stop.Token));
            }
            catch (Exception ex) when (ex is IOException or SocketException or OperationCanceledException or ObjectDisposedException)
            {
                // A dropped connection is what the client under test has to cope with anyway.
            }
        }
    }
}
