namespace BraketBot.Braket;

/// <summary>The empty structure Braket answers a change with.</summary>
internal sealed record EmptyResponse
{
    public static readonly EmptyResponse Instance = new();
}
