using Spectre.Console.Cli;

namespace BraketBot.Cli;

/// <summary>`doctor`: every set-up check, a line each as it completes; exit code 0 only when none failed.</summary>
public sealed class DoctorVerb(Doctor doctor, Terminal terminal) : AsyncCommand<VerbSettings>
{
    public override async Task<int> ExecuteAsync(CommandContext context, VerbSettings settings, CancellationToken cancellationToken)
    {
        var checks = new List<DoctorCheck>();
        await foreach (var check in doctor.RunAsync(cancellationToken))
        {
            checks.Add(check);
            if (!settings.Json)
                terminal.Write(TerminalViews.Check(check));
        }
        if (settings.Json)
            terminal.WriteJson(JsonViews.Doctor(checks));
        else
            terminal.Write(TerminalViews.DoctorSummary(checks));
        return checks.Any(c => c.Status == CheckStatus.Fail) ? Terminal.Failure : Terminal.Success;
    }
}
