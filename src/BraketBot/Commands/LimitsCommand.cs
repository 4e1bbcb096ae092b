using BraketBot.Ports;
using BraketBot.Reports;
using BraketBot.Slack.Messages;
using BraketBot.Usage;
using Microsoft.Extensions.Options;

namespace BraketBot.Commands;

/// <summary>/braket limits: Braket's own per-device spending limits (SearchSpendingLimits) in every watched region.</summary>
public sealed class LimitsCommand(IBraketApi braket, DeviceCatalog catalog, IOptionsMonitor<WatchOptions> options)
{
    public const string Name = Subcommands.Limits;

    public async Task<SlashReply> HandleAsync(CancellationToken cancellationToken) =>
        SlashReply.Of(await ReportAsync(cancellationToken), LimitsView.Render, Visibility.Ephemeral);

    public async Task<CommandResult<LimitsReport>> ReportAsync(CancellationToken cancellationToken)
    {
        var answers = await Task.WhenAll(options.CurrentValue.EffectiveRegions.Select(r => braket.SearchSpendingLimitsAsync(r, cancellationToken)));
        if (answers.FirstOrDefault(a => !a.IsSuccess).Error is { } error) return new Refusal(error.Describe());
        return LimitsReport.Of(answers.SelectMany(a => a.Value!), catalog.Describe);
    }
}
