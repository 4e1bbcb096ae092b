namespace BraketBot.Domain;

/// <summary>
/// How BraketBot treats Braket's own spending limits: <c>Off</c> leaves them alone except those set
/// with /braket limits set; <c>Mirror</c> keeps a daily limit equal to each device's MaxCostPerDay.
/// </summary>
public enum NativeLimitsMode
{
    Off,
    Mirror,
}
