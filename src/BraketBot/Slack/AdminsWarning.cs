using Microsoft.Extensions.Options;

namespace BraketBot.Slack;

/// <summary>Says at start when anyone in the workspace may cancel tasks.</summary>
public sealed class AdminsWarning(IOptions<SlackOptions> options, ILogger<AdminsWarning> logger) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        if (options.Value.Admins.Length == 0)
            logger.LogWarning("Slack:Admins is empty: every member of the workspace may cancel Braket tasks. List the admins' Slack user ids to restrict it.");
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
