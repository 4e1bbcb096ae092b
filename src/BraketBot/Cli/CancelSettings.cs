using System.ComponentModel;
using Spectre.Console.Cli;

namespace BraketBot.Cli;

public sealed class CancelSettings : VerbSettings
{
    [CommandArgument(0, "<TASK-ARN>")]
    [Description("arn:aws:braket:REGION:ACCOUNT:quantum-task/ID")]
    public string Task { get; set; } = "";
}
