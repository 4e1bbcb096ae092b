namespace BraketBot.Hosting;

/// <summary>
/// Marks a class on the way from an event to a breach's first cancel. At start the runtime's plumbing of its async methods
/// (the builder's and the task's code made for each method's state machine) is compiled on a thread of its own, because
/// ReadyToRun cannot compile it ahead of time: see <see cref="HotPathPreparation"/>.
/// </summary>
[AttributeUsage(AttributeTargets.Class, Inherited = false)]
public sealed class HotPathAttribute : Attribute;
