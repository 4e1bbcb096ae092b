using System.Text;
using System.Text.Json.Nodes;
using BraketBot.Slack;

namespace BraketBot.Testing;

/// <summary>Requests as Slack sends them, signed with the test signing secret.</summary>
public static class SlackRequests
{
    public const string SigningSecret = "8f742231b10e8888abcd99yyyzzz85a5";

    public static HttpRequestMessage Signed(string path, string body, DateTimeOffset at, string secret = SigningSecret)
    {
        var timestamp = at.ToUnixTimeSeconds().ToString(System.Globalization.CultureInfo.InvariantCulture);
        var request = new HttpRequestMessage(HttpMethod.Post, path)
        {
            Content = new StringContent(body, Encoding.UTF8, "application/x-www-form-urlencoded"),
        };
        request.Headers.Add(SlackSignature.TimestampHeader, timestamp);
        request.Headers.Add(SlackSignature.SignatureHeader, SlackSignature.Compute(secret, timestamp, Encoding.UTF8.GetBytes(body)));
        return request;
    }

    /// <summary>A JSON body as Slack's Events API sends it, signed; <paramref name="retry"/> sets X-Slack-Retry-Num.</summary>
    public static HttpRequestMessage SignedJson(string path, string body, DateTimeOffset at, int retry = 0, string secret = SigningSecret)
    {
        var request = Signed(path, body, at, secret);
        request.Content = new StringContent(body, Encoding.UTF8, "application/json");
        if (retry > 0)
        {
            request.Headers.Add("X-Slack-Retry-Num", retry.ToString(System.Globalization.CultureInfo.InvariantCulture));
            request.Headers.Add("X-Slack-Retry-Reason", "http_timeout");
        }
        return request;
    }

    /// <summary>An event_callback carrying app_home_opened, as in shared/samples/slack-events-home-tab.json.</summary>
    public static string HomeOpened(string userId, string eventId, string tab = "home", string teamId = TeamId, string appId = AppId) =>
        System.Text.Json.JsonSerializer.Serialize(
            new
            {
                token = "XXYYZZ",
                team_id = teamId,
                api_app_id = appId,
                type = "event_callback",
                event_id = eventId,
                event_time = 1649592000,
                @event = new
                {
                    type = "app_home_opened",
                    user = userId,
                    channel = "D0LAN2Q65",
                    tab,
                    event_ts = "1649592000.000100",
                },
            }
        );

    /// <summary>A block_actions payload from a button on the user's Home tab: a view, and no response_url.</summary>
    public static string HomeButtonPayload(string actionId, string value, string userId, string teamId = TeamId, string appId = AppId)
    {
        var click = Click(actionId, value, userId, teamId, appId);
        click["container"] = new JsonObject { ["type"] = "view", ["view_id"] = "V0HOME" };
        click["view"] = new JsonObject
        {
            ["id"] = "V0HOME",
            ["type"] = "home",
            ["hash"] = "1649592000.abcdef",
        };
        return click.ToJsonString();
    }

    /// <summary>What every block_actions payload carries: who clicked, where from, and the button.</summary>
    private static JsonObject Click(string actionId, string value, string userId, string teamId, string appId) =>
        new()
        {
            ["type"] = "block_actions",
            ["user"] = new JsonObject
            {
                ["id"] = userId,
                ["username"] = "steve",
                ["name"] = "steve",
                ["team_id"] = teamId,
            },
            ["team"] = new JsonObject { ["id"] = teamId, ["domain"] = "example" },
            ["api_app_id"] = appId,
            ["actions"] = new JsonArray(
                new JsonObject
                {
                    ["type"] = "button",
                    ["action_id"] = actionId,
                    ["block_id"] = "b",
                    ["value"] = value,
                    ["action_ts"] = "1649583150.123456",
                }
            ),
        };

    public const string TeamId = "T0001";
    public const string AppId = "A123456";

    public static string CommandBody(
        string text,
        Uri responseUrl,
        string userId = "U2147483697",
        string teamId = TeamId,
        string appId = AppId
    ) => new FormUrlEncodedContent(CommandFields(text, responseUrl, userId, teamId, appId)).ReadAsStringAsync().Result;

    /// <summary>A slash command's fields: the form over HTTP, the payload of a Socket Mode envelope (every value a string).</summary>
    public static Dictionary<string, string> CommandFields(
        string text,
        Uri responseUrl,
        string userId = "U2147483697",
        string teamId = TeamId,
        string appId = AppId
    ) =>
        new()
        {
            ["token"] = "gIkuvaNzQIHg97ATvDxqgjtO",
            ["team_id"] = teamId,
            ["api_app_id"] = appId,
            ["channel_id"] = "C2147483705",
            ["user_id"] = userId,
            ["user_name"] = "steve",
            ["command"] = "/braket",
            ["text"] = text,
            ["response_url"] = responseUrl.ToString(),
        };

    public static string ButtonBody(
        string actionId,
        string value,
        Uri responseUrl,
        string userId = "U2147483697",
        string teamId = TeamId,
        string appId = AppId
    ) => "payload=" + Uri.EscapeDataString(ButtonPayload(actionId, value, responseUrl, userId, teamId, appId));

    /// <summary>A block_actions payload: the form field over HTTP, the payload of a Socket Mode envelope.</summary>
    public static string ButtonPayload(
        string actionId,
        string value,
        Uri responseUrl,
        string userId = "U2147483697",
        string teamId = TeamId,
        string appId = AppId
    )
    {
        var click = Click(actionId, value, userId, teamId, appId);
        click["channel"] = new JsonObject { ["id"] = "C2147483705", ["name"] = "quantum" };
        click["response_url"] = responseUrl.ToString();
        return click.ToJsonString();
    }
}
