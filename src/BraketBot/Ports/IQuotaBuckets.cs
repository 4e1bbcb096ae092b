namespace BraketBot.Ports;

/// <summary>
/// Braket's request quotas as token buckets kept where every instance sees them (the shared store), so that the
/// instances on one database stay within a quota together. Registered only where instances share a store; one
/// instance alone paces in memory.
/// </summary>
public interface IQuotaBuckets
{
    /// <summary>
    /// Takes <paramref name="count"/> tokens from the bucket <paramref name="key"/>, refilled at <paramref name="rate"/>
    /// a second up to <paramref name="capacity"/> by the store's own clock, after putting back <paramref name="returned"/>
    /// tokens taken earlier and never used. The level may go below zero: tokens past it come ready as it refills.
    /// </summary>
    /// <returns>The level before this take: token <c>i</c> (from 1) is ready <c>max(0, (i - level) / rate)</c> seconds from now.</returns>
    Task<double> TakeAsync(string key, double rate, double capacity, int count, int returned, CancellationToken cancellationToken);
}
