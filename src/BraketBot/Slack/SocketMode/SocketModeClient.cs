using BraketBot.Hosting;
using BraketBot.Telemetry;
using Microsoft.Extensions.Options;

namespace BraketBot.Slack.SocketMode;

/// <summary>
/// Keeps one Socket Mode connection open while Slack:AppToken is set: apps.connections.open, a
/// WebSocket to the URL it returns, and a new connection whenever Slack asks for one (opened while
/// the old one still serves), the socket drops or opening fails (then with backoff). Envelopes go
/// to the same intake as the HTTP routes; /readyz reports the connection.
/// </summary>
public sealed partial class SocketModeClient(
    IOptionsMonitor<SocketModeOptions> options,
    IServiceScopeFactory scopes,
    LinkStatus<SocketModeClient> status,
    BraketBotMetrics metrics,
    TimeProvider time,
    ILogger<SocketModeClient> logger
) : BackgroundService
{
    public static readonly TimeSpan FirstRetry = TimeSpan.FromSeconds(1);
    public static readonly TimeSpan MaxRetry = TimeSpan.FromMinutes(1);

    /// <summary>Slack says hello at once; a connection that stays silent this long is given up.</summary>
    private static readonly TimeSpan HelloTimeout = TimeSpan.FromSeconds(10);

    /// <summary>A connection that lasted this long was a good one: the next loss starts the backoff afresh.</summary>
    private static readonly TimeSpan Healthy = TimeSpan.FromMinutes(1);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!options.CurrentValue.Enabled)
        {
            status.Off("Socket Mode is off (Slack:AppToken is not set): Slack reaches BraketBot over HTTP.");
            return;
        }
        Down("Connecting to Slack over Socket Mode.");
        // The connection serving now, or the one Slack asked to replace until its successor says hello.
        SocketModeConnection? current = null;
        var failures = 0;
        try
        {
            while (!stoppingToken.IsCancellationRequested)
            {
                var (next, error) = await TryConnectAsync(stoppingToken);
                if (next is null)
                {
                    if (current is { IsOpen: false })
                    {
                        await current.DisposeAsync();
                        current = null;
                    }
                    if (current is null)
                        Down($"Cannot connect to Slack over Socket Mode: {error}");
                    await Task.Delay(Backoff.After(++failures, FirstRetry, MaxRetry), time, stoppingToken);
                    continue;
                }
                if (current is not null)
                    await current.DisposeAsync();
                current = next;
                var since = time.GetUtcNow();
                status.Up($"Connected to Slack over Socket Mode since {since:u}.");
                metrics.SocketMode(connected: true);
                LogConnected();

                var end = await current.Ended.WaitAsync(stoppingToken);
                if (end.Reason == ConnectionEndReason.RefreshRequested)
                {
                    failures = 0;
                    continue;
                }
                Down($"Socket Mode connection lost ({end.Detail}); reconnecting.");
                await current.DisposeAsync();
                current = null;
                if (time.GetUtcNow() - since >= Healthy)
                    failures = 0;
                failures++;
                if (end.Reason == ConnectionEndReason.LinkDisabled)
                    LogLinkDisabled();
                else
                    LogLost(end.Detail);
                await Task.Delay(
                    end.Reason == ConnectionEndReason.LinkDisabled ? MaxRetry : Backoff.After(failures, FirstRetry, MaxRetry),
                    time,
                    stoppingToken
                );
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Stopping.
        }
        finally
        {
            if (current is not null)
                await current.DisposeAsync();
        }
    }

    private void Down(string description)
    {
        status.Down(description);
        metrics.SocketMode(connected: false);
    }

    private async Task<(SocketModeConnection? Connection, string? Error)> TryConnectAsync(CancellationToken cancellationToken)
    {
        SocketModeConnection? connection = null;
        try
        {
            Uri url;
            await using (var scope = scopes.CreateAsyncScope())
                url = await scope.ServiceProvider.GetRequiredService<SocketModeConnector>().OpenAsync(cancellationToken);
            connection = await SocketModeConnection.ConnectAsync(url, HandleAsync, logger, cancellationToken);
            await connection.Hello.WaitAsync(HelloTimeout, time, cancellationToken);
            return (connection, null);
        }
        catch (Exception e)
        {
            if (connection is not null)
                await connection.DisposeAsync();
            if (cancellationToken.IsCancellationRequested)
                throw;
            var error = e is TimeoutException ? "Slack did not say hello" : e.Message;
            LogConnectFailed(error);
            return (null, error);
        }
    }

    private async Task<Acknowledgement?> HandleAsync(Envelope envelope, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<EnvelopeHandler>().HandleAsync(envelope, cancellationToken);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Connected to Slack over Socket Mode")]
    private partial void LogConnected();

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not open a Socket Mode connection: {Error}; trying again with backoff")]
    private partial void LogConnectFailed(string error);

    [LoggerMessage(Level = LogLevel.Warning, Message = "The Socket Mode connection was lost ({Detail}); reconnecting")]
    private partial void LogLost(string detail);

    [LoggerMessage(
        Level = LogLevel.Error,
        Message = "Slack disabled this app's Socket Mode link (link_disabled): turn Socket Mode on in the app's settings, or unset "
            + "Slack:AppToken to use HTTP. Trying again every minute"
    )]
    private partial void LogLinkDisabled();
}
