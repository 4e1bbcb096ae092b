using Microsoft.Extensions.Options;

namespace BraketBot.Commands;

/// <summary>Says at start when anyone in the workspace may cancel tasks.</summary>
public sealed partial class AdminsWarning(IOptions<AccessOptions> options, ILogger<AdminsWarning> logger) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        if (options.Value.Admins.Length == 0)
            LogEveryoneMayCancel();
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    [LoggerMessage(
        Level = LogLevel.Warning,
        Message = "Slack:Admins is empty: every member of the workspace may cancel Braket tasks and change Braket's spending limits. "
            + "List the admins' Slack user ids to restrict it."
    )]
    private partial void LogEveryoneMayCancel();
}
