namespace BraketBot.Domain;

/// <summary>How often BraketBot moves a Braket spending limit on to the current period.</summary>
public enum LimitRenewal
{
    Day,
    Month,
}
