using System.Diagnostics.CodeAnalysis;
using System.Text.RegularExpressions;

namespace BraketBot.Domain;

/// <summary>A quantum task ARN: arn:aws:braket:{region}:{account}:quantum-task/{id}.</summary>
public sealed record QuantumTaskArn(string Value, string Region, string Account, string Id)
{
    public static bool TryParse([NotNullWhen(true)] string? text, [NotNullWhen(true)] out QuantumTaskArn? arn)
    {
        var match = text is null ? Match.Empty : Arns.QuantumTask().Match(text);
        arn = match.Success
            ? new QuantumTaskArn(text!, match.Groups["region"].Value, match.Groups["account"].Value, match.Groups["id"].Value)
            : null;
        return arn is not null;
    }

    public override string ToString() => Value;
}
