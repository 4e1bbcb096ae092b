namespace BraketBot.Cli;

/// <summary>One line of `doctor`: what was checked, what was found, and, when it failed, how to fix it.</summary>
public sealed record DoctorCheck(string Name, CheckStatus Status, string Detail, string? Fix = null)
{
    public static DoctorCheck Pass(string name, string detail) => new(name, CheckStatus.Pass, detail);

    public static DoctorCheck Fail(string name, string detail, string fix) => new(name, CheckStatus.Fail, detail, fix);

    public static DoctorCheck Skip(string name, string detail) => new(name, CheckStatus.Skip, detail);
}
