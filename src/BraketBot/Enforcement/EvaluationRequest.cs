namespace BraketBot.Enforcement;

/// <summary>
/// What to evaluate: one device's day, or (with account-wide caps, or for the reconcile) every
/// device's, and what set it off (for people). A reconcile scans whatever the ledger holds; other
/// evaluations read the ledger and scan only to fill it or to confirm what it says.
/// </summary>
public sealed record EvaluationRequest(string? DeviceArn, Day Day, string Trigger, bool Reconcile = false)
{
    /// <summary>Coalesces like requests; a reconcile has its own, so that it is never folded into a ledger-only evaluation.</summary>
    public string GuardKey => $"evaluate:{Day}:{DeviceArn ?? "all"}{(Reconcile ? ":reconcile" : "")}";
}
