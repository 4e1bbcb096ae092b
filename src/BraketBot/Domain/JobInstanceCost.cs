namespace BraketBot.Domain;

/// <summary>
/// What a hybrid job's instances cost on one day (the minutes of it that fall on the day), counted on the
/// job's device; <see cref="Active"/> while the job still runs (or waits to), so that a cap can stop it.
/// </summary>
public sealed record JobInstanceCost(string JobArn, decimal Cost, bool Active);
