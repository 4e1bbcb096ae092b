namespace BraketBot.Jobs;

/// <summary>
/// The one argument of a Hangfire job method: a small record of plain values (or ids into the store),
/// stored with the queued job. A later release reads what an earlier one stored: add properties with
/// defaults, never rename or remove one, and raise <see cref="Version"/> when the meaning changes so the
/// job can tell the shapes apart.
/// </summary>
public interface IJobArguments
{
    int Version { get; }
}
