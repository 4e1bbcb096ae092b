using System.Diagnostics.CodeAnalysis;
using System.Text.RegularExpressions;

namespace BraketBot.Domain;

/// <summary>A device ARN: arn:aws:braket:{region}::device/{qpu|quantum-simulator}/{provider}/{name}.</summary>
public sealed record DeviceArn(string Value, string Region, string Kind, string Provider, string Name)
{
    public bool IsSimulator => Kind == "quantum-simulator";

    public static bool TryParse([NotNullWhen(true)] string? text, [NotNullWhen(true)] out DeviceArn? arn)
    {
        var match = text is null ? Match.Empty : Arns.Device().Match(text);
        arn = match.Success
            ? new DeviceArn(
                text!,
                match.Groups["region"].Value,
                match.Groups["kind"].Value,
                match.Groups["provider"].Value,
                match.Groups["name"].Value
            )
            : null;
        return arn is not null;
    }

    public override string ToString() => Value;
}
