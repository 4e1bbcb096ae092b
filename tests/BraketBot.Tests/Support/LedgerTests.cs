namespace BraketBot.Tests.Support;

/// <summary>Tests of the usage ledger on a shared host: every device known, cancels fast enough not to slow a run, tasks
/// submitted on the test's morning.</summary>
public abstract class LedgerTests(AppFixture fixture) : IntegrationTests(fixture)
{
    protected static readonly DateTimeOffset Morning = new(2022, 4, 10, 9, 0, 0, TimeSpan.Zero);

    protected override void Arrange()
    {
        Braket.Devices.AddRange(Tasks.AllDevices);
        Settings["Braket:Quotas:CancelQuantumTask:Rate"] = "200";
    }
}
