namespace BraketBot.Tests.Support;

/// <summary>
/// The default host with <see cref="HostFaults"/> in it. A test starts with its switches off, its log empty, every breaker
/// closed and every quota bucket full, as on a host of its own: an outage in one test neither opens a breaker on the next
/// nor leaves it the tokens it spent.
/// </summary>
public sealed class FaultsFixture : AppFixture
{
    public FaultsFixture()
        : this(new HostFaults()) { }

    private FaultsFixture(HostFaults faults)
        : base(bot => bot.TestServices.Add(faults.Install)) => Faults = faults;

    public HostFaults Faults { get; }

    public override async Task ResetAsync()
    {
        // The breakers closed once the last test's work is over, before the reset's own calls to Braket meet one it opened.
        await RecoverFakesAndSettleAsync();
        await Faults.ClearAsync();
        await base.ResetAsync();
        // The limiter starts its buckets afresh (full) when a quota changes: changed and changed back, the quotas are as before.
        Bot.Live["Braket:Quotas:TagResource:Rate"] = "1";
        Bot.Live.Clear();
        Faults.Log.Entries.Clear();
    }
}
