using System.ComponentModel;
using Spectre.Console.Cli;

namespace BraketBot.Cli;

/// <summary>What every command takes.</summary>
public class VerbSettings : CommandSettings
{
    [CommandOption("--json")]
    [Description("Print JSON for scripts and notebooks instead of tables")]
    public bool Json { get; set; }

    [CommandOption("-v|--verbose")]
    [Description("Log BraketBot's warnings (Braket's and Slack's answers) to standard error")]
    public bool Verbose { get; set; }
}
