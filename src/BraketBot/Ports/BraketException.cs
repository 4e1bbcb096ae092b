namespace BraketBot.Ports;

/// <summary>Carries a <see cref="BraketError"/> out of an async stream; caught where a result is built.</summary>
public sealed class BraketException(BraketError error) : Exception(error.Describe())
{
    public BraketError Error { get; } = error;
}
