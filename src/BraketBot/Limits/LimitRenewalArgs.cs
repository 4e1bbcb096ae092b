using BraketBot.Jobs;

namespace BraketBot.Limits;

/// <summary>The recurring renewal tick's argument: nothing yet (it reads when the next renewal is due).</summary>
public sealed record LimitRenewalArgs(int Version = 1) : IJobArguments;
