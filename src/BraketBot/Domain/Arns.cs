using System.Diagnostics.CodeAnalysis;
using System.Text.RegularExpressions;

namespace BraketBot.Domain;

public static partial class Arns
{
    [GeneratedRegex(
        @"^arn:aws(-cn|-us-gov)?:braket:(?<region>[a-z]{2}(-[a-z]+)+-\d)?::device/"
            + @"(?<kind>qpu|quantum-simulator)/(?<provider>[A-Za-z0-9._-]+)/(?<name>[A-Za-z0-9._-]+)$"
    )]
    internal static partial Regex Device();

    [GeneratedRegex(
        @"^arn:aws(-cn|-us-gov)?:braket:(?<region>[a-z]{2}(-[a-z]+)+-\d):(?<account>\d{12}):quantum-task/(?<id>[A-Za-z0-9-]{1,128})$"
    )]
    internal static partial Regex QuantumTask();

    [GeneratedRegex(@"^arn:aws[a-z-]*:braket:(?<region>[a-z0-9-]+):\d{12}:spending-limit/.+$")]
    private static partial Regex SpendingLimit();

    /// <summary>The region of a spending limit's ARN (its limit lives there); empty when it is not one.</summary>
    public static string RegionOf(string spendingLimitArn) =>
        SpendingLimit().Match(spendingLimitArn) is { Success: true } match ? match.Groups["region"].Value : "";

    public static bool IsSpendingLimitArn(string text) => SpendingLimit().IsMatch(text);

    [GeneratedRegex(@"^[a-z]{2}(-[a-z]+)+-\d$")]
    private static partial Regex Region();

    public static bool IsRegion(string text) => Region().IsMatch(text);

    public static bool IsDeviceArn([NotNullWhen(true)] this string? text) => DeviceArn.TryParse(text, out _);
}
