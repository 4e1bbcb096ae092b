using BraketBot.Reports;
using BraketBot.Slack;

namespace BraketBot.Commands;

/// <summary>/braket help, an empty /braket, or anything not understood: the usage, only to the person who asked.</summary>
public sealed class HelpCommand : ISlashCommandHandler
{
    public const string Name = "help";

    public string CommandName => Name;

    public Task<SlashReply> HandleAsync(ParsedCommand command, SlashCommand slash, CancellationToken cancellationToken) =>
        Task.FromResult(new SlashReply(HelpView.Render(((ParsedCommand.Help)command).Problem), Visibility.Ephemeral));
}
