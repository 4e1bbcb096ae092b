namespace BraketBot.Domain;

/// <summary>
/// How people name a device, and how the AWS price list names it. A person may write the ARN's last
/// part (<c>Forte-1</c>, <c>Ibex-Q1</c>), Braket's display name (<c>Forte 1</c>, <c>IBEX Q1</c>), either in
/// any case, or the full device ARN; all of them name the same device. A space, a hyphen and an
/// underscore are the same separator, because Braket's display names and ARNs differ in exactly those;
/// a separator left out still makes another name (<c>Aspen-M1</c> is not <c>Aspen-M-1</c>).
/// </summary>
public static class DeviceNames
{
    /// <summary>True when <paramref name="name"/> (as a person or a setting writes it) names <paramref name="device"/>.</summary>
    public static bool Names(this DeviceSummary device, string name)
    {
        if (name.Equals(device.DeviceArn, StringComparison.OrdinalIgnoreCase))
            return true;
        if (DeviceArn.TryParse(name, out _))
            return false;
        var wanted = Key(name);
        return wanted.Length > 0 && (wanted == Key(device.DeviceName) || wanted == Key(ArnName(device)));
    }

    /// <summary>The device's own name from its ARN (<c>Forte-1</c>), whatever its display name is; the display name when the ARN cannot be
    /// read.</summary>
    public static string ArnName(DeviceSummary device) => DeviceArn.TryParse(device.DeviceArn, out var arn) ? arn.Name : device.DeviceName;

    /// <summary>
    /// The name the AWS price list gives a device, by the Braket SDK's cost tracker's rule: the ARN's
    /// last part with its first letter upper-cased, <c>Ibex</c> written <c>IBEX</c>, and D-Wave's
    /// systems by their family (<c>2000Q</c>, <c>Advantage_system</c>).
    /// </summary>
    public static string PriceListName(string arnName)
    {
        if (arnName.Length == 0)
            return arnName;
        var name = char.ToUpperInvariant(arnName[0]) + arnName[1..];
        if (name.Contains("Ibex", StringComparison.Ordinal))
            return name.Replace("Ibex", "IBEX", StringComparison.Ordinal);
        if (name.Contains("2000Q", StringComparison.Ordinal))
            return "2000Q";
        return name.Contains("Advantage_system", StringComparison.Ordinal) ? "Advantage_system" : name;
    }

    /// <summary>A name reduced to what tells devices apart: lower case, every run of separators one hyphen.</summary>
    public static string Key(string name) =>
        string.Join('-', name.ToLowerInvariant().Split([' ', '-', '_', '\u00a0'], StringSplitOptions.RemoveEmptyEntries));
}
