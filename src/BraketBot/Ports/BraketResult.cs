namespace BraketBot.Ports;

/// <summary>A value, or why Braket did not give it.</summary>
public readonly record struct BraketResult<T>(T? Value, BraketError? Error)
{
    public bool IsSuccess => Error is null;

    public static implicit operator BraketResult<T>(T value) => new(value, null);

    public static implicit operator BraketResult<T>(BraketError error) => new(default, error);
}
