using BraketBot.Messages;

namespace BraketBot.Commands;

/// <summary>/braket help, an empty /braket, or anything not understood: the usage, only to the person who asked. Answered at
/// once.</summary>
public static class HelpCommand
{
    public const string Name = Subcommands.Help;

    public static SlashReply Handle(ParsedCommand.Help help) => new(HelpView.Render(help.Problem), Visibility.Ephemeral);
}
