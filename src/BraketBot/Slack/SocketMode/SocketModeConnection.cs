using System.Buffers;
using System.Collections.Concurrent;
using System.Net.WebSockets;

namespace BraketBot.Slack.SocketMode;

/// <summary>
/// One Socket Mode WebSocket (System.Net.WebSockets does the framing, pings and close handshake).
/// It reads frames until it is closed, hands each envelope to the handler without holding up the
/// next one, and sends the acknowledgements, one at a time. A <c>disconnect</c> ends it for the
/// supervisor, but it goes on serving until its successor is up and it is disposed.
/// </summary>
public sealed partial class SocketModeConnection : IAsyncDisposable
{
    /// <summary>Far above any envelope Slack sends; a larger frame means something is wrong with the link.</summary>
    public const int MaxFrameBytes = 1 << 20;

    /// <summary>How long the envelopes being handled may take to be acknowledged when the connection closes.</summary>
    private static readonly TimeSpan AckGrace = TimeSpan.FromSeconds(3);

    private static readonly TimeSpan CloseTimeout = TimeSpan.FromSeconds(1);

    private readonly ClientWebSocket socket;
    private readonly Func<Envelope, CancellationToken, Task<Acknowledgement?>> handle;
    private readonly ILogger logger;
    private readonly SemaphoreSlim sending = new(1, 1);
    private readonly CancellationTokenSource closing = new();
    private readonly TaskCompletionSource hello = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource<ConnectionEnd> ended = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly ConcurrentDictionary<Task, bool> handling = new();
    private Task reading = Task.CompletedTask;
    private int disposed;

    private SocketModeConnection(ClientWebSocket socket, Func<Envelope, CancellationToken, Task<Acknowledgement?>> handle, ILogger logger)
    {
        this.socket = socket;
        this.handle = handle;
        this.logger = logger;
    }

    /// <summary>Completes when Slack says hello; fails when the connection ends first.</summary>
    public Task Hello => hello.Task;

    /// <summary>Completes when Slack asks for a new connection or the socket is gone.</summary>
    public Task<ConnectionEnd> Ended => ended.Task;

    /// <summary>The socket still carries envelopes (even after a disconnect request, until Slack closes it).</summary>
    public bool IsOpen => socket.State == WebSocketState.Open;

    public static async Task<SocketModeConnection> ConnectAsync(
        Uri url,
        Func<Envelope, CancellationToken, Task<Acknowledgement?>> handle,
        ILogger logger,
        CancellationToken cancellationToken
    )
    {
        var socket = new ClientWebSocket();
        // Pings that expect a pong: a link that died silently (a NAT forgetting it) is noticed within a minute.
        socket.Options.KeepAliveInterval = TimeSpan.FromSeconds(30);
        socket.Options.KeepAliveTimeout = TimeSpan.FromSeconds(20);
        try
        {
            await socket.ConnectAsync(url, cancellationToken);
        }
        catch
        {
            socket.Dispose();
            throw;
        }
        var connection = new SocketModeConnection(socket, handle, logger);
        connection.reading = Task.Run(connection.ReadAsync, CancellationToken.None);
        return connection;
    }

    private async Task ReadAsync()
    {
        var frame = new ArrayBufferWriter<byte>(4096);
        try
        {
            while (true)
            {
                frame.ResetWrittenCount();
                ValueWebSocketReceiveResult result;
                do
                {
                    if (frame.WrittenCount > MaxFrameBytes)
                        throw new WebSocketException($"A frame of over {MaxFrameBytes} bytes arrived.");
                    result = await socket.ReceiveAsync(frame.GetMemory(4096), closing.Token);
                    frame.Advance(result.Count);
                } while (!result.EndOfMessage && result.MessageType != WebSocketMessageType.Close);

                if (result.MessageType == WebSocketMessageType.Close)
                {
                    End(
                        ConnectionEndReason.Lost,
                        $"Slack closed the connection ({socket.CloseStatus} {socket.CloseStatusDescription})".TrimEnd()
                    );
                    return;
                }
                if (result.MessageType == WebSocketMessageType.Text)
                    Take(Envelope.Parse(frame.WrittenSpan));
            }
        }
        catch (OperationCanceledException) when (closing.IsCancellationRequested)
        {
            End(ConnectionEndReason.Lost, "closed by BraketBot");
        }
        catch (Exception e)
        {
            // The reader is the connection's only loop: whatever stops it ends the connection, and the supervisor opens another.
            End(ConnectionEndReason.Lost, e.Message);
        }
    }

    private void Take(Envelope? envelope)
    {
        switch (envelope)
        {
            case null:
                LogUnreadable(logger);
                return;
            case { Type: Envelope.Hello }:
                hello.TrySetResult();
                return;
            case { Type: Envelope.Disconnect }:
                LogDisconnectRequested(logger, envelope.Reason ?? "(none)");
                End(
                    envelope.Reason == "link_disabled" ? ConnectionEndReason.LinkDisabled : ConnectionEndReason.RefreshRequested,
                    $"Slack asked to reconnect: {envelope.Reason}"
                );
                return;
            case { EnvelopeId: null }:
                LogIgnored(logger, envelope.Type);
                return;
        }
        if (envelope.RetryAttempt > 0)
            LogRedelivered(logger, envelope.Type, envelope.EnvelopeId, envelope.RetryAttempt);
        var work = Task.Run(() => AnswerAsync(envelope), CancellationToken.None);
        handling[work] = true;
        work.ContinueWith(
            done => handling.TryRemove(done, out _),
            CancellationToken.None,
            TaskContinuationOptions.ExecuteSynchronously,
            TaskScheduler.Default
        );
    }

    private async Task AnswerAsync(Envelope envelope)
    {
        try
        {
            var acknowledgement = await handle(envelope, closing.Token);
            if (acknowledgement is null)
                return;
            await SendAsync(acknowledgement.ToUtf8Json());
        }
        catch (Exception e)
        {
            // Unacknowledged, the envelope comes again (Slack retries it), on this connection or the next.
            LogEnvelopeFailed(logger, e, envelope.Type, envelope.EnvelopeId);
        }
    }

    private async Task SendAsync(byte[] message)
    {
        using var timeout = new CancellationTokenSource(AckGrace);
        await sending.WaitAsync(timeout.Token);
        try
        {
            await socket.SendAsync(message, WebSocketMessageType.Text, endOfMessage: true, timeout.Token);
        }
        finally
        {
            sending.Release();
        }
    }

    private void End(ConnectionEndReason reason, string detail)
    {
        ended.TrySetResult(new ConnectionEnd(reason, detail));
        hello.TrySetException(new SocketModeUnavailableException($"The connection ended before Slack said hello: {detail}"));
    }

    /// <summary>Acknowledges what is being handled, then closes the socket with a close handshake.</summary>
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref disposed, 1) == 1)
            return;
        // The handlers never throw (AnswerAsync logs); only the grace can run out.
        await Task.WhenAll(handling.Keys).WaitAsync(AckGrace).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        if (socket.State is WebSocketState.Open or WebSocketState.CloseReceived)
        {
            using var timeout = new CancellationTokenSource(CloseTimeout);
            try
            {
                await sending.WaitAsync(timeout.Token);
                await socket.CloseOutputAsync(WebSocketCloseStatus.NormalClosure, null, timeout.Token);
            }
            catch (Exception e) when (e is OperationCanceledException or WebSocketException or ObjectDisposedException)
            {
                // A socket that cannot even close is gone already.
            }
        }
        await reading.WaitAsync(CloseTimeout).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        await closing.CancelAsync();
        await reading.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        socket.Dispose();
        closing.Dispose();
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Socket Mode sent a frame that is not an envelope; ignored")]
    private static partial void LogUnreadable(ILogger logger);

    [LoggerMessage(Level = LogLevel.Information, Message = "Slack asked for a new Socket Mode connection ({Reason})")]
    private static partial void LogDisconnectRequested(ILogger logger, string reason);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Socket Mode {Type} message without an envelope id; ignored")]
    private static partial void LogIgnored(ILogger logger, string type);

    [LoggerMessage(
        Level = LogLevel.Information,
        Message = "Socket Mode redelivered {Type} envelope {EnvelopeId} (attempt {Attempt}); it is acted on once"
    )]
    private static partial void LogRedelivered(ILogger logger, string type, string? envelopeId, int attempt);

    [LoggerMessage(
        Level = LogLevel.Error,
        Message = "Socket Mode {Type} envelope {EnvelopeId} could not be handled or acknowledged; Slack will deliver it again"
    )]
    private static partial void LogEnvelopeFailed(ILogger logger, Exception e, string type, string? envelopeId);
}
