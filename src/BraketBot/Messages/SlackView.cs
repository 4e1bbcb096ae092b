namespace BraketBot.Messages;

/// <summary>The view a block_actions payload came from (a Home tab, a modal): its id and type.</summary>
public sealed record SlackView(string? Id, string Type)
{
    public const string HomeType = "home";
}
