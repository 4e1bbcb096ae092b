using System.Globalization;
using BraketBot.Ports;
using BraketBot.Slack;
using Microsoft.Extensions.Options;

namespace BraketBot.Cli;

/// <summary>
/// Slack for `doctor`: the bot token valid (auth.test), the alert channel there and the bot in it
/// (conversations.info), and the app-level token valid when Socket Mode is on (apps.connections.open,
/// without opening the WebSocket), and whether Slack's events reach BraketBot where it can tell. Reads only.
/// </summary>
public sealed class SlackChecks(ISlackSetupApi slack, IKeyValueStore store, IOptionsMonitor<SlackOptions> options)
{
    private static readonly HashSet<string> RefusedTokens = new(StringComparer.Ordinal)
    {
        "invalid_auth",
        "not_authed",
        "token_revoked",
        "token_expired",
        "account_inactive",
        "not_allowed_token_type",
    };

    public async Task<IReadOnlyList<DoctorCheck>> RunAsync(CancellationToken cancellationToken)
    {
        var settings = options.CurrentValue;
        var checks = new List<DoctorCheck>();
        SlackIdentity? bot = null;
        if (string.IsNullOrWhiteSpace(settings.BotToken))
        {
            checks.Add(DoctorCheck.Skip("Slack bot token", "Slack:BotToken is not set"));
        }
        else
        {
            var identity = await slack.IdentifyBotAsync(cancellationToken);
            bot = identity.Value;
            checks.Add(
                identity.Ok
                    ? DoctorCheck.Pass(
                        "Slack bot token",
                        $"valid: workspace {bot!.Team}{(bot.TeamUrl is { } url ? $" ({url})" : "")}, bot user @{bot.User}"
                    )
                    : TokenRefused(
                        "Slack bot token",
                        identity.Error!,
                        settings,
                        "copy the Bot User OAuth Token (xoxb-…) from the app's OAuth & Permissions page into Slack:BotToken; reinstall "
                            + "the app if it was revoked"
                    )
            );
        }

        if (string.IsNullOrWhiteSpace(settings.AlertChannel))
            checks.Add(DoctorCheck.Skip("Slack alert channel", "Slack:AlertChannel is not set"));
        else if (bot is null)
            checks.Add(DoctorCheck.Skip("Slack alert channel", "not checked without a valid bot token"));
        else
            checks.Add(Channel(settings.AlertChannel, bot, await slack.ChannelAsync(settings.AlertChannel, cancellationToken)));

        if (string.IsNullOrWhiteSpace(settings.AppToken))
        {
            checks.Add(
                DoctorCheck.Skip(
                    "Slack app token",
                    "Slack:AppToken is not set: Socket Mode is off, Slack reaches BraketBot at its public URL"
                )
            );
            checks.Add(await EventsOverHttpAsync(cancellationToken));
        }
        else
        {
            var connection = await slack.CheckAppTokenAsync(cancellationToken);
            checks.Add(
                connection.Ok
                    ? DoctorCheck.Pass("Slack app token", "valid: Socket Mode can connect")
                    : TokenRefused(
                        "Slack app token",
                        connection.Error!,
                        settings,
                        "create an app-level token with the connections:write scope (Basic Information › App-Level Tokens), turn Socket "
                            + "Mode on, and set it as Slack:AppToken"
                    )
            );
            checks.Add(
                connection.Ok
                    ? DoctorCheck.Pass(
                        EventsCheck,
                        "over Socket Mode: they come on the connection the app token opens, no request URL needed"
                    )
                    : DoctorCheck.Skip(EventsCheck, "not checked without a valid app token")
            );
        }
        return checks;
    }

    private const string EventsCheck = "Slack events";

    /// <summary>
    /// Over HTTP BraketBot cannot reach itself through Slack from here; what it can tell is when Slack last delivered an
    /// event to POST /slack/events, which the server notes in the store (so a shared store, PostgreSQL, shows the server's).
    /// </summary>
    private async Task<DoctorCheck> EventsOverHttpAsync(CancellationToken cancellationToken)
    {
        string? last;
        try
        {
            last = await store.GetValueAsync(SlackEventIntake.LastEventKey, cancellationToken);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            return DoctorCheck.Skip(EventsCheck, "not checked: the store cannot be read (see the storage check)");
        }
        return DateTimeOffset.TryParse(last, CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind, out var at)
            ? DoctorCheck.Pass(EventsCheck, $"Slack reached POST /slack/events, last at {at.UtcDateTime:yyyy-MM-dd HH:mm:ss} UTC")
            : DoctorCheck.Skip(
                EventsCheck,
                "none received yet, so BraketBot cannot tell whether Slack reaches POST /slack/events: set Event Subscriptions' request "
                    + "URL "
                    + "to https://YOUR-HOST/slack/events (Slack verifies it at once), open the app's Home tab, then run doctor again "
                    + "(with PostgreSQL storage doctor sees what the server received)"
            );
    }

    private static DoctorCheck Channel(string channel, SlackIdentity bot, SlackRead<SlackChannelInfo> info)
    {
        const string name = "Slack alert channel";
        var invite = $"invite the bot: /invite @{bot.User} in that channel";
        if (info.Ok)
            return info.Value!.IsMember
                ? DoctorCheck.Pass(name, $"#{info.Value.Name} ({info.Value.Id}), the bot is a member")
                : DoctorCheck.Fail(
                    name,
                    $"the bot is not a member of #{info.Value.Name} ({info.Value.Id}), so its alerts are refused",
                    $"invite the bot: /invite @{bot.User} in #{info.Value.Name}"
                );
        return info.Error switch
        {
            "not_in_channel" => DoctorCheck.Fail(name, $"the bot is not a member of {channel}, so its alerts are refused", invite),
            "channel_not_found" => DoctorCheck.Fail(
                name,
                $"no channel {channel} that the bot can see",
                "set Slack:AlertChannel to the channel's id (C…, at the bottom of the channel's details); for a private channel, invite "
                    + "the bot first"
            ),
            "missing_scope" => DoctorCheck.Fail(
                name,
                "the app may not read the channel's details (missing_scope)",
                "add the bot scopes channels:read and groups:read (as in deploy/slack-app-manifest.yaml) and reinstall the app"
            ),
            var error => DoctorCheck.Fail(name, $"Slack answered {error}", "try again in a minute"),
        };
    }

    private static DoctorCheck TokenRefused(string name, string error, SlackOptions settings, string fix) =>
        RefusedTokens.Contains(error) ? DoctorCheck.Fail(name, $"Slack refused it ({error})", fix)
        : error == "unreachable" || error.StartsWith("http_", StringComparison.Ordinal)
            ? DoctorCheck.Fail(
                name,
                $"Slack could not be reached at {settings.ApiBaseUrl} ({error})",
                "check the network, and Slack:ApiBaseUrl if it is set"
            )
        : DoctorCheck.Fail(name, $"Slack answered {error}", fix);
}
