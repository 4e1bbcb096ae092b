namespace BraketBot.Messages;

public sealed record ButtonElement(TextObject Text, string ActionId, string Value)
{
    public string Type => "button";
    public string? Style { get; init; }
    public ConfirmDialog? Confirm { get; init; }
}
