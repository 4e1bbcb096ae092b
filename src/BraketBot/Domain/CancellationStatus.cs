namespace BraketBot.Domain;

/// <summary>What Braket answered to a cancel request.</summary>
public enum CancellationStatus
{
    Cancelling,
    Cancelled,
}
