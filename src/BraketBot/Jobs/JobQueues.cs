namespace BraketBot.Jobs;

/// <summary>
/// Hangfire queues by release. Every job this release queues goes to <see cref="Current"/>; its servers
/// work that queue and those of the earlier releases whose jobs it still accepts. So during a rolling
/// upgrade (two versions on one PostgreSQL) an older instance never fetches a job it cannot load, while
/// the newer one runs whatever the older queued.
/// </summary>
public static class JobQueues
{
    /// <summary>
    /// This release's queue. Bump it (v3, v4…) when a release adds a job or changes a job's argument
    /// record in a way the previous release cannot run, and keep the old name in <see cref="Served"/>.
    /// </summary>
    public const string Current = "v3";

    /// <summary>The queue of the releases from a84dbe0 until the feature folders moved the digest job (issue 25).</summary>
    public const string SecondRelease = "v2";

    /// <summary>Hangfire's own queue, where every release up to a84dbe0 put its jobs.</summary>
    public const string Unversioned = "default";

    /// <summary>What this release's servers fetch from: its own jobs first, then those of earlier releases.</summary>
    public static readonly string[] Served = [Current, SecondRelease, Unversioned];
}
