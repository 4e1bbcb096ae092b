using BraketBot.Caps;
using BraketBot.Reports;
using BraketBot.Slack;
using Microsoft.Extensions.Options;

namespace BraketBot.Commands;

/// <summary>/braket caps: the caps in force and today's usage against each.</summary>
public sealed class CapsCommand(DayReports reports, IOptionsMonitor<CapsOptions> capsOptions) : ISlashCommandHandler
{
    public const string Name = "caps";

    public string CommandName => Name;

    public async Task<SlashReply> HandleAsync(ParsedCommand command, SlashCommand slash, CancellationToken cancellationToken)
    {
        var caps = capsOptions.CurrentValue;
        var window = reports.Window(reports.Today());
        if (!caps.AnyCap) return new SlashReply(CapsView.Render(caps, window, []), Visibility.Ephemeral);

        var usage = await reports.UsageAsync(window, null, cancellationToken);
        return usage.IsSuccess
            ? new SlashReply(CapsView.Render(caps, window, CapPolicy.Evaluate(usage.Value!, caps)), Visibility.Ephemeral)
            : SlashReply.Private(usage.Error!.Describe());
    }
}
