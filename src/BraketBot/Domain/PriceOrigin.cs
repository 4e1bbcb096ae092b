namespace BraketBot.Domain;

/// <summary>Where a device's price came from, as reports tell it.</summary>
public enum PriceOrigin
{
    /// <summary>The AWS price list's row for the device and its region.</summary>
    PriceList,

    /// <summary>The built-in table (no list read yet, or a retired device the list no longer carries).</summary>
    BuiltInTable,

    /// <summary><c>Pricing:PerShot:{device or provider}</c> in configuration.</summary>
    Configured,

    /// <summary>Nobody prices the device: estimated at the highest per-shot price of any QPU, never $0.</summary>
    HighestQpuPrice,
}
