using BraketBot.Limits;

namespace BraketBot.Cli;

/// <summary>`limits`: Braket's own spending limits.</summary>
public sealed class LimitsVerb(IServiceProvider services, Terminal terminal, LimitsCommand limits)
    : BotVerb<VerbSettings>(services, terminal)
{
    protected override async Task<int> RunAsync(VerbSettings settings, CancellationToken cancellationToken) =>
        Terminal.Show(await limits.ReportAsync(cancellationToken), settings, TerminalViews.Limits, JsonViews.Limits);
}
