namespace BraketBot.Domain;

public enum QuantumTaskStatus
{
    Created,
    Queued,
    Running,
    Completed,
    Failed,
    Cancelling,
    Cancelled,
    Unknown,
}
