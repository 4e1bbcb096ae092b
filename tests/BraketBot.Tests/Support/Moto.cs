namespace BraketBot.Tests.Support;

/// <summary>A fact that needs moto's server (a real SQS-compatible endpoint): skipped only where python3 with moto is missing (.ci/run
/// requires it).</summary>
public sealed class MotoFactAttribute : FactAttribute
{
    public MotoFactAttribute()
    {
        if (!MotoServer.Installed)
            Skip = "python3 with moto's server is not installed (pip install 'moto[server]'); .ci/run requires it.";
    }
}
