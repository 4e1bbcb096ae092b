using System.Diagnostics.CodeAnalysis;
using System.Text.RegularExpressions;

namespace BraketBot.Domain;

/// <summary>A hybrid job's ARN: arn:aws:braket:{region}:{account}:job/{name}.</summary>
public sealed partial record HybridJobArn(string Value, string Region, string Account, string Name)
{
    public static bool TryParse([NotNullWhen(true)] string? text, [NotNullWhen(true)] out HybridJobArn? arn)
    {
        var match = text is null ? Match.Empty : Pattern().Match(text);
        arn = match.Success
            ? new HybridJobArn(text!, match.Groups["region"].Value, match.Groups["account"].Value, match.Groups["name"].Value)
            : null;
        return arn is not null;
    }

    public override string ToString() => Value;

    [GeneratedRegex(
        @"^arn:aws(-cn|-us-gov)?:braket:(?<region>[a-z]{2}(-[a-z]+)+-\d):(?<account>\d{12}):job/(?<name>[A-Za-z0-9._-]{1,128})$"
    )]
    private static partial Regex Pattern();
}
