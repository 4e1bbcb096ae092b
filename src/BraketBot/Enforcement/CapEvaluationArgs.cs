using BraketBot.Jobs;

namespace BraketBot.Enforcement;

/// <summary>A queued cap evaluation: its <see cref="EvaluationRequest"/> in plain values, and the guard's owner token.</summary>
public sealed record CapEvaluationArgs(string Day, string? DeviceArn, string Trigger, bool Reconcile, string Owner, int Version = 1)
    : IJobArguments;
