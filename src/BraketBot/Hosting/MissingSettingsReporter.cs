namespace BraketBot.Hosting;

/// <summary>One clear log line per missing setting at start, saying what stays switched off.</summary>
public sealed partial class MissingSettingsReporter(IEnumerable<RequiredSetting> settings, ILogger<MissingSettingsReporter> logger)
    : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        foreach (var setting in settings.Where(s => !s.IsSet()))
            LogMissing(setting.Key, setting.Consequence);
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    [LoggerMessage(Level = LogLevel.Warning, Message = "Setting {Key} is not set: {Consequence}")]
    private partial void LogMissing(string key, string consequence);
}
