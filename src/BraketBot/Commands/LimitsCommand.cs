using BraketBot.Braket;
using BraketBot.Reports;
using BraketBot.Slack;
using Microsoft.Extensions.Options;

namespace BraketBot.Commands;

/// <summary>/braket limits: Braket's own per-device spending limits (SearchSpendingLimits) in every watched region.</summary>
public sealed class LimitsCommand(IBraketApi braket, DeviceCatalog catalog, IOptionsMonitor<BraketOptions> options) : ISlashCommandHandler
{
    public const string Name = "limits";

    public string CommandName => Name;

    public async Task<SlashReply> HandleAsync(ParsedCommand command, SlashCommand slash, CancellationToken cancellationToken)
    {
        var answers = await Task.WhenAll(options.CurrentValue.EffectiveRegions.Select(r => braket.SearchSpendingLimitsAsync(r, cancellationToken)));
        if (answers.FirstOrDefault(a => !a.IsSuccess).Error is { } error) return SlashReply.Private(error.Describe());
        var limits = answers.SelectMany(a => a.Value!).ToList();
        return new SlashReply(LimitsView.Render(limits, catalog.Describe), Visibility.Ephemeral);
    }
}
