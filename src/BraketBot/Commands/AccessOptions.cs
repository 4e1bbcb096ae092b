using BraketBot.Home;
using Microsoft.Extensions.Options;

namespace BraketBot.Commands;

/// <summary>Who may ask BraketBot for what: the access part of the Slack section.</summary>
public sealed record AccessOptions
{
    public const string Section = "Slack";

    /// <summary>Slack user ids allowed to cancel tasks and change spending limits; empty lets every member do so.</summary>
    public string[] Admins { get; init; } = [];

    /// <summary>When set, requests from any other workspace are refused.</summary>
    public string? TeamId { get; init; }

    /// <summary>When set, requests for any other Slack app are refused.</summary>
    public string? AppId { get; init; }

    public bool IsAdmin(string userId) => Admins.Length == 0 || Admins.Contains(userId, StringComparer.Ordinal);

    /// <summary>
    /// Who may cancel a scope's tasks: the admins, and for a budget's scope its own admins too. A budget that lists admins
    /// is theirs and the listed Slack:Admins' alone, even while an empty Slack:Admins lets every member cancel elsewhere.
    /// </summary>
    public bool MayCancel(string userId, BudgetCaps? budget) =>
        budget is { Admins.Length: > 0 } listed
            ? listed.Admins.Contains(userId, StringComparer.Ordinal) || Admins.Contains(userId, StringComparer.Ordinal)
            : IsAdmin(userId);

    /// <summary>What the user may cancel from the Home tab: devices as an admin, and each budget by <see cref="MayCancel"/>.</summary>
    public HomeAccess HomeAccessOf(string userId, IReadOnlyDictionary<string, BudgetCaps> budgets) =>
        new(IsAdmin(userId), budgets.Where(b => MayCancel(userId, b.Value)).Select(b => b.Key).ToList());

    /// <summary>Braket's spending limits are the hard guard of the budget: only listed admins change them, never "everyone".</summary>
    public bool MayChangeLimits(string userId) => Admins.Contains(userId, StringComparer.Ordinal);

    /// <summary>True when the request comes from the configured workspace and app (or none is configured).</summary>
    public bool Admits(string? teamId, string? appId) =>
        (string.IsNullOrEmpty(TeamId) || string.Equals(TeamId, teamId, StringComparison.Ordinal))
        && (string.IsNullOrEmpty(AppId) || string.Equals(AppId, appId, StringComparison.Ordinal));
}

public sealed class AccessOptionsValidator : IValidateOptions<AccessOptions>
{
    public ValidateOptionsResult Validate(string? name, AccessOptions options) =>
        options.Admins.Any(string.IsNullOrWhiteSpace)
            ? ValidateOptionsResult.Fail("Slack:Admins must list Slack user ids (U…), without empty entries.")
            : ValidateOptionsResult.Success;
}
