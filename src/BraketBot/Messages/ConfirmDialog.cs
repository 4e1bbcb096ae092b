namespace BraketBot.Messages;

public sealed record ConfirmDialog(TextObject Title, TextObject Text, TextObject Confirm, TextObject Deny)
{
    public string? Style { get; init; }
}
