using BraketBot.Jobs;

namespace BraketBot.Enforcement;

/// <summary>The nightly rescan's argument, versioned so that a queued job survives an upgrade.</summary>
public sealed record LedgerRescanArgs(int Version = 1) : IJobArguments;
