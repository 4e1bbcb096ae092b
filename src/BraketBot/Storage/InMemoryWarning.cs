namespace BraketBot.Storage;

/// <summary>Says at start what in-memory storage cannot do.</summary>
public sealed partial class InMemoryWarning(ILogger<InMemoryWarning> logger) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        LogInMemory();
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    [LoggerMessage(
        Level = LogLevel.Warning,
        Message = "Storage:Provider is InMemory: a crash or restart loses enforcement runs in progress and pending jobs, and only one "
            + "instance may run. "
            + "Use PostgreSql in production."
    )]
    private partial void LogInMemory();
}
