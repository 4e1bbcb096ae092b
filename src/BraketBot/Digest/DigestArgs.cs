using BraketBot.Jobs;

namespace BraketBot.Digest;

/// <summary>The daily digest's argument: nothing yet (it posts yesterday, as the day is when it runs).</summary>
public sealed record DigestArgs(int Version = 1) : IJobArguments;
