namespace BraketBot.Tests.Support;

/// <summary>A test on the <see cref="FaultsHost"/>: the shared default host, with switches for what goes wrong inside it.</summary>
public abstract class FaultTests(FaultsFixture fixture) : IntegrationTests(fixture)
{
    protected HostFaults Faults => fixture.Faults;
}
