using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace WorkflowHub.Server.Tests.Notices;

/// <summary>A local HTTP endpoint standing in for a chat robot: keeps each call and answers with <see cref="Answer"/>.</summary>
public sealed class RobotReceiver : IDisposable
{
    private readonly HttpListener _listener = new();
    private readonly Task _loop;

    public RobotReceiver()
    {
        using var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        var port = ((IPEndPoint)probe.LocalEndpoint).Port;
        probe.Stop();
        BaseUrl = $"http://127.0.0.1:{port}/";
        _listener.Prefixes.Add(BaseUrl);
        _listener.Start();
        _loop = Task.Run(LoopAsync);
    }

    public string BaseUrl { get; }

    /// <summary>The robot's JSON answer (its own error code; 0 is success).</summary>
    public volatile string Answer = """{"errcode":0,"errmsg":"ok"}""";

    public ConcurrentQueue<(Uri Url, string Body)> Calls { get; } = new();

    private async Task LoopAsync()
    {
        while (_listener.IsListening)
        {
            HttpListenerContext context;
            try
            {
                context = await _listener.GetContextAsync();
            }
            catch (Exception e) when (e is HttpListenerException or ObjectDisposedException)
            {
                return;
            }
            using var reader = new StreamReader(context.Request.InputStream, Encoding.UTF8);
            Calls.Enqueue((context.Request.Url!, await reader.ReadToEndAsync()));
            var answer = Encoding.UTF8.GetBytes(Answer);
            context.Response.ContentType = "application/json";
            await context.Response.OutputStream.WriteAsync(answer);
            context.Response.Close();
        }
    }

    public void Dispose()
    {
        _listener.Stop();
        _listener.Close();
        _loop.Wait(TimeSpan.FromSeconds(5));
    }
}
