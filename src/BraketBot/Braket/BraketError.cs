namespace BraketBot.Braket;

public enum BraketErrorKind { NotFound, Conflict, AccessDenied, Validation, Throttled, Unavailable, NoCredentials, Unexpected }

/// <summary>Why a Braket call failed, in words fit for the person who asked.</summary>
public sealed record BraketError(BraketErrorKind Kind, string Operation, string Message)
{
    /// <summary>The IAM action the caller lacks, when Braket refused access.</summary>
    public string? MissingPermission => Kind == BraketErrorKind.AccessDenied ? $"braket:{Operation}" : null;

    public string Describe() => Kind switch
    {
        BraketErrorKind.NotFound => $"Braket does not know it: {Message}",
        BraketErrorKind.Conflict => $"Braket refused in the task's current state: {Message}",
        BraketErrorKind.AccessDenied => $"Access denied: BraketBot's AWS role needs the permission `{MissingPermission}`. ({Message})",
        BraketErrorKind.Validation => $"Braket rejected the request: {Message}",
        BraketErrorKind.Throttled => "Braket is throttling requests right now; try again in a minute.",
        BraketErrorKind.Unavailable => "Braket could not be reached; try again in a minute.",
        BraketErrorKind.NoCredentials => "BraketBot has no AWS credentials; see the README's AWS setup.",
        _ => $"Braket answered unexpectedly: {Message}",
    };
}

/// <summary>A value, or why Braket did not give it.</summary>
public readonly record struct BraketResult<T>(T? Value, BraketError? Error)
{
    public bool IsSuccess => Error is null;

    public static implicit operator BraketResult<T>(T value) => new(value, null);

    public static implicit operator BraketResult<T>(BraketError error) => new(default, error);
}

/// <summary>Carries a <see cref="BraketError"/> out of an async stream; caught where a result is built.</summary>
public sealed class BraketException(BraketError error) : Exception(error.Describe())
{
    public BraketError Error { get; } = error;
}
