using System.Buffers;
using System.Collections.Concurrent;
using System.IO.Pipelines;
using System.Net;
using System.Net.Sockets;
using System.Security.Authentication;
using System.Security.Cryptography.X509Certificates;
using MimeKit;
using SmtpServer;
using SmtpServer.ComponentModel;
using SmtpServer.IO;
using SmtpServer.Net;
using SmtpServer.Protocol;
using SmtpServer.Storage;

namespace WorkflowHub.Server.Tests.Notices;

/// <summary>A real SMTP server (the SmtpServer package) on a free loopback port, keeping every message it accepted.</summary>
public sealed class TestSmtpServer : IAsyncDisposable
{
    private readonly CancellationTokenSource _stop = new();
    private readonly SmtpServer.SmtpServer _server;
    private readonly Task _running;

    public TestSmtpServer()
    {
        Port = FreePort();
        var options = new SmtpServerOptionsBuilder()
            .ServerName("localhost")
            .Endpoint(b => b.Endpoint(new IPEndPoint(IPAddress.Loopback, Port)))
            .Build();
        var services = new ServiceProvider();
        services.Add(new Store(this));
        services.Add((IEndpointListenerFactory)new NoDelayListenerFactory());
        _server = new SmtpServer.SmtpServer(options, services);
        _running = _server.StartAsync(_stop.Token);
    }

    public int Port { get; }

    /// <summary>Every message accepted, with the envelope's recipients, in order.</summary>
    public ConcurrentQueue<(MimeMessage Message, IReadOnlyList<string> Recipients)> Received { get; } = new();

    /// <summary>While on, every message is refused with 554 (a mail server that will not take it).</summary>
    public volatile bool Refuse;

    /// <summary>
    /// Armed, the next message is kept and then its answer held back until <see cref="ReleaseHeld"/>: the server has
    /// the message, the client has not yet heard so (the moment a crash makes SMTP at-least-once).
    /// </summary>
    public TaskCompletionSource<MimeMessage>? Holding { get; private set; }

    private readonly TaskCompletionSource _release = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public Task<MimeMessage> HoldNextAnswer()
    {
        Holding = new TaskCompletionSource<MimeMessage>(TaskCreationOptions.RunContinuationsAsynchronously);
        return Holding.Task;
    }

    public void ReleaseHeld() => _release.TrySetResult();

    public IReadOnlyList<MimeMessage> Messages => Received.Select(r => r.Message).ToList();

    public async ValueTask DisposeAsync()
    {
        _server.Shutdown();
        await _stop.CancelAsync();
        try
        {
            await _running.WaitAsync(TimeSpan.FromSeconds(10));
        }
        catch (OperationCanceledException)
        {
        }
        _stop.Dispose();
    }

    private static int FreePort()
    {
        using var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        return ((IPEndPoint)probe.LocalEndpoint).Port;
    }

    private sealed class Store(TestSmtpServer owner) : MessageStore
    {
        public override async Task<SmtpResponse> SaveAsync(ISessionContext context, IMessageTransaction transaction,
            ReadOnlySequence<byte> buffer, CancellationToken cancellationToken)
        {
            if (owner.Refuse)
            {
                return new SmtpResponse(SmtpReplyCode.TransactionFailed, "refused by the test");
            }
            await using var stream = new MemoryStream(buffer.ToArray());
            var message = await MimeMessage.LoadAsync(stream, cancellationToken);
            owner.Received.Enqueue((message, transaction.To.Select(m => $"{m.User}@{m.Host}").ToList()));
            if (owner.Holding is { } holding && holding.TrySetResult(message))
            {
                await owner._release.Task;
            }
            return SmtpResponse.Ok;
        }
    }

    /// <summary>
    /// Accepts plain connections with Nagle's algorithm off. The package's own listener leaves it on, so its second
    /// reply to a pipelined MAIL/RCPT/DATA waits for the client's delayed ACK: about 45 ms a mail on loopback, which
    /// made the harness's outbox checks measure this server instead of the sender (1.8 ms a mail without it).
    /// </summary>
    private sealed class NoDelayListenerFactory : IEndpointListenerFactory
    {
        public IEndpointListener CreateListener(IEndpointDefinition endpoint)
        {
            var listener = new TcpListener(endpoint.Endpoint);
            listener.Start();
            return new Listener(listener);
        }

        private sealed class Listener(TcpListener listener) : IEndpointListener
        {
            public async Task<ISecurableDuplexPipe> GetPipeAsync(ISessionContext context, CancellationToken cancellationToken)
            {
                var client = await listener.AcceptTcpClientAsync(cancellationToken);
                client.NoDelay = true;
                context.Properties[EndpointListener.LocalEndPointKey] = client.Client.LocalEndPoint!;
                context.Properties[EndpointListener.RemoteEndPointKey] = client.Client.RemoteEndPoint!;
                return new PlainPipe(client);
            }

            public void Dispose() => listener.Stop();
        }

        private sealed class PlainPipe(TcpClient client) : ISecurableDuplexPipe
        {
            private readonly NetworkStream _stream = client.GetStream();
            private PipeReader? _input;
            private PipeWriter? _output;

            public PipeReader Input => _input ??= PipeReader.Create(_stream);
            public PipeWriter Output => _output ??= PipeWriter.Create(_stream);
            public bool IsSecure => false;
            public SslProtocols SslProtocol => SslProtocols.None;

            public Task UpgradeAsync(X509Certificate certificate, SslProtocols protocols, CancellationToken cancellationToken) =>
                throw new NotSupportedException("The test SMTP server speaks plain SMTP only.");

            public void Dispose() => client.Dispose();
        }
    }
}
