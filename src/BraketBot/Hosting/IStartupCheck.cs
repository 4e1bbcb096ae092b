namespace BraketBot.Hosting;

/// <summary>
/// Something that must hold before the host starts (a database that answers); a failure is an
/// <see cref="Microsoft.Extensions.Options.OptionsValidationException"/> naming the key to fix.
/// </summary>
public interface IStartupCheck
{
    Task CheckAsync();
}
