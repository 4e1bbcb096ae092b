namespace BraketBot.Ports;

/// <summary>
/// Who goes first when calls to Braket queue for one region's and operation's quota: enforcement (a breach's
/// confirming scans and its cancels), then reports (people waiting; the default), then the reconcile. Ambient: a caller
/// enters a priority with <see cref="Enter"/> and every Braket call it awaits until the scope ends waits at it.
/// </summary>
public sealed class BraketPriority
{
    public static readonly BraketPriority Enforcement = new(0, "enforcement");

    public static readonly BraketPriority Report = new(1, "report");

    public static readonly BraketPriority Reconcile = new(2, "reconcile");

    private static readonly AsyncLocal<BraketPriority?> Ambient = new();

    private BraketPriority(int rank, string name)
    {
        Rank = rank;
        Name = name;
    }

    /// <summary>Lower goes first.</summary>
    public int Rank { get; }

    public string Name { get; }

    /// <summary>The priority of the calls made here: the innermost one entered, else <see cref="Report"/>.</summary>
    public static BraketPriority Current => Ambient.Value ?? Report;

    /// <summary>The Braket calls made (and awaited) until the scope is disposed go at <paramref name="priority"/>.</summary>
    public static IDisposable Enter(BraketPriority priority)
    {
        var outer = Ambient.Value;
        Ambient.Value = priority;
        return new Scope(outer);
    }

    public override string ToString() => Name;

    private sealed class Scope(BraketPriority? outer) : IDisposable
    {
        public void Dispose() => Ambient.Value = outer;
    }
}
