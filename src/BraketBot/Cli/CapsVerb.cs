using BraketBot.Caps;

namespace BraketBot.Cli;

/// <summary>`caps`: the caps in force and today's usage against each.</summary>
public sealed class CapsVerb(IServiceProvider services, Terminal terminal, CapsCommand caps) : BotVerb<VerbSettings>(services, terminal)
{
    protected override async Task<int> RunAsync(VerbSettings settings, CancellationToken cancellationToken) =>
        Terminal.Show(
            await Terminal.WhileAsync("Scanning Braket…", settings, () => caps.ReportAsync(cancellationToken)),
            settings,
            TerminalViews.Caps,
            JsonViews.Caps
        );
}
