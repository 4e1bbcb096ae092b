using System.Text.Json.Serialization;

namespace BraketBot.Domain;

/// <summary>A cap and the usage of its period against it; <see cref="Level"/> is null while usage is below the warning level.</summary>
public sealed record CapStanding(Cap Cap, decimal Used, CapLevel? Level)
{
    [JsonIgnore]
    public double Fraction => Cap.Limit == 0 ? (Used > 0 ? double.PositiveInfinity : 0) : (double)(Used / Cap.Limit);
}
