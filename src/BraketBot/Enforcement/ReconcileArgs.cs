using BraketBot.Jobs;

namespace BraketBot.Enforcement;

/// <summary>The recurring reconcile's argument: nothing yet (it reads the day and the caps when it runs).</summary>
public sealed record ReconcileArgs(int Version = 1) : IJobArguments;
