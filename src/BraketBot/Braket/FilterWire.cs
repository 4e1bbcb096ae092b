using BraketBot.Ports;

namespace BraketBot.Braket;

internal sealed record FilterWire(string Name, string Operator, IReadOnlyList<string> Values)
{
    public static FilterWire From(QuantumTaskFilter filter) =>
        new(filter.Name, filter.Operator.ToString().ToUpperInvariant(), filter.Values);
}
