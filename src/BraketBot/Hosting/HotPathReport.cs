namespace BraketBot.Hosting;

/// <summary>
/// What <see cref="HotPathPreparation"/> did: state machines found, methods prepared, methods (or state machines) it could not
/// prepare, and whether this runtime still has the internals it looks up by name.
/// </summary>
public readonly record struct HotPathReport(int Machines, int Methods, int Failed, bool RuntimeKnown);
