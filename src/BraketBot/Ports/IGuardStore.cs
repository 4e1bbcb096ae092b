namespace BraketBot.Ports;

/// <summary>
/// Guards: leases on a key that name their owner. Only the owner renews, ends or releases one, and an expired one
/// is free for anyone. Each operation is atomic, across instances with PostgreSQL.
/// </summary>
public interface IGuardStore
{
    /// <summary>
    /// Coalescing guard: takes it for <paramref name="owner"/>, or, while another owner holds it,
    /// asks that owner to go once more. However many ask, one holder and at most one pending.
    /// </summary>
    Task<GuardOutcome> BeginGuardAsync(string key, string owner, TimeSpan lease, CancellationToken cancellationToken);

    /// <summary>Takes the guard if it is free, expired, or already this owner's (a retried job).</summary>
    Task<bool> TryTakeGuardAsync(string key, string owner, TimeSpan lease, CancellationToken cancellationToken);

    /// <summary>Extends the owner's lease; false when the owner lost it.</summary>
    Task<bool> RenewGuardAsync(string key, string owner, TimeSpan lease, CancellationToken cancellationToken);

    /// <summary>Ends the owner's turn; true when it was asked to go again (the owner keeps the guard).</summary>
    Task<bool> EndGuardAsync(string key, string owner, TimeSpan lease, CancellationToken cancellationToken);

    /// <summary>Lets the guard go, pending request and all (the owner failed; its retry takes it again).</summary>
    Task ReleaseGuardAsync(string key, string owner, CancellationToken cancellationToken);
}
