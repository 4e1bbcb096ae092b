using BraketBot.Messages;

namespace BraketBot.Ports;

/// <summary>A SearchQuantumTasks filter: quantumTaskArn, deviceArn, jobArn, status or createdAt.</summary>
public sealed record QuantumTaskFilter(string Name, FilterOperator Operator, IReadOnlyList<string> Values)
{
    public static QuantumTaskFilter Device(string deviceArn) => new("deviceArn", FilterOperator.Equal, [deviceArn]);

    public static QuantumTaskFilter CreatedAt(FilterOperator op, DateTimeOffset at) => new("createdAt", op, [Rfc3339(at)]);

    public static QuantumTaskFilter Status(params QuantumTaskStatus[] statuses) =>
        new("status", FilterOperator.Equal, statuses.Select(s => s.ToWire()).ToList());

    private static string Rfc3339(DateTimeOffset at) =>
        at.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", System.Globalization.CultureInfo.InvariantCulture);
}
