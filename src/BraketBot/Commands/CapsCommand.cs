using BraketBot.Reports;
using BraketBot.Slack.Messages;
using BraketBot.Usage;
using Microsoft.Extensions.Options;

namespace BraketBot.Commands;

/// <summary>/braket caps: the caps in force and today's usage against each.</summary>
public sealed class CapsCommand(DayScanner scanner, IOptionsMonitor<CapsOptions> capsOptions)
{
    public const string Name = Subcommands.Caps;

    public async Task<SlashReply> HandleAsync(CancellationToken cancellationToken)
    {
        var caps = capsOptions.CurrentValue;
        var window = scanner.Window(scanner.Today());
        if (!caps.AnyCap) return new SlashReply(CapsView.Render(caps, window, []), Visibility.Ephemeral);

        var usage = await scanner.UsageAsync(window, null, cancellationToken);
        return usage.IsSuccess
            ? new SlashReply(CapsView.Render(caps, window, CapPolicy.Evaluate(usage.Value!, caps)), Visibility.Ephemeral)
            : SlashReply.Private(usage.Error!.Describe());
    }
}
