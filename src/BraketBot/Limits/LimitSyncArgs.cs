using BraketBot.Jobs;

namespace BraketBot.Limits;

/// <summary>A spending limit sync asked for now, and why (for the log).</summary>
public sealed record LimitSyncArgs(string Reason, int Version = 1) : IJobArguments;
