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

public sealed class InfoSettings : VerbSettings
{
    [CommandArgument(0, "[DATE]")]
    [Description("YYYY-MM-DD, today or yesterday (default: today in Caps:TimeZone)")]
    public string? Date { get; set; }

    [CommandArgument(1, "[DEVICE]")]
    [Description("A device name (any case) or device ARN; without it, every device with tasks that day")]
    public string? Device { get; set; }
}

public sealed class CancelSettings : VerbSettings
{
    [CommandArgument(0, "<TASK-ARN>")]
    [Description("arn:aws:braket:REGION:ACCOUNT:quantum-task/ID")]
    public string Task { get; set; } = "";
}

public sealed class CancelQueuedSettings : VerbSettings
{
    [CommandArgument(0, "<DEVICE>")]
    [Description("A device name (any case) or device ARN")]
    public string Device { get; set; } = "";

    [CommandArgument(1, "[DATE]")]
    [Description("YYYY-MM-DD, today or yesterday (default: today in Caps:TimeZone)")]
    public string? Date { get; set; }

    [CommandOption("-y|--yes")]
    [Description("Cancel without asking (needed when no one can answer: a script, --json)")]
    public bool Yes { get; set; }
}
