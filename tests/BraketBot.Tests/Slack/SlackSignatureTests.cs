using System.Text;
using BraketBot.Slack;

namespace BraketBot.Tests.Slack;

public sealed class SlackSignatureTests
{
    private const string Secret = "8f742231b10e8888abcd99yyyzzz85a5";
    private static readonly DateTimeOffset Now = DateTimeOffset.FromUnixTimeSeconds(1531420618);
    private static readonly byte[] Body = Encoding.UTF8.GetBytes(
        "token=xyzz0WbapA4vBCDEFasx0q6G&team_id=T1DC2JH3J&command=%2Fbraket&text=info"
    );

    private static string Sign(string timestamp, byte[] body) => SlackSignature.Compute(Secret, timestamp, body);

    [Fact]
    public void Computes_slacks_documented_example()
    {
        // The example of Slack's "Verifying requests from Slack" guide.
        var body =
            "token=xyzz0WbapA4vBCDEFasx0q6G&team_id=T1DC2JH3J&team_domain=testteamnow&channel_id=G8PSS9T3V&channel_name=foobar"u8
            + "&user_id=U2CERLKJA&user_name=roadrunner&command=%2Fwebhook-collect&text="u8
            + "&response_url=https%3A%2F%2Fhooks.slack.com%2Fcommands%2FT1DC2JH3J%2F397700885554%2F96rGlfmibIGlgcZRskXaIFfN"u8
            + "&trigger_id=398738663015.47445629121.803a0bc887a14d10d2c447fce8b6703c"u8;

        Assert.Equal(
            "v0=a2114d57b48eac39b9ad189dd8316235a7b4a8d21a10bd27519666489c69b503",
            SlackSignature.Compute(Secret, "1531420618", body)
        );
    }

    [Fact]
    public void Accepts_a_fresh_valid_signature() =>
        Assert.Equal(SignatureCheck.Valid, SlackSignature.Verify(Secret, "1531420618", Sign("1531420618", Body), Body, Now.AddMinutes(4)));

    [Theory]
    [InlineData(null, "v0=abc")]
    [InlineData("1531420618", null)]
    [InlineData("", "")]
    public void Refuses_missing_headers(string? timestamp, string? signature) =>
        Assert.Equal(SignatureCheck.MissingHeaders, SlackSignature.Verify(Secret, timestamp, signature, Body, Now));

    [Theory]
    [InlineData(-6)]
    [InlineData(6)]
    [InlineData(-600)]
    public void Refuses_a_timestamp_over_five_minutes_away(int minutes)
    {
        var timestamp = Now.AddMinutes(minutes).ToUnixTimeSeconds().ToString();

        Assert.Equal(SignatureCheck.Stale, SlackSignature.Verify(Secret, timestamp, Sign(timestamp, Body), Body, Now));
    }

    [Theory]
    [InlineData("yesterday")]
    [InlineData("-1")]
    [InlineData("99999999999999999999")]
    [InlineData("1e9")]
    public void Refuses_a_timestamp_that_is_not_one(string timestamp) =>
        Assert.Equal(SignatureCheck.Stale, SlackSignature.Verify(Secret, timestamp, Sign(timestamp, Body), Body, Now));

    [Fact]
    public void Refuses_a_tampered_body()
    {
        var tampered = Encoding.UTF8.GetBytes("token=xyzz0WbapA4vBCDEFasx0q6G&team_id=T1DC2JH3J&command=%2Fbraket&text=cancel");

        Assert.Equal(SignatureCheck.Mismatch, SlackSignature.Verify(Secret, "1531420618", Sign("1531420618", Body), tampered, Now));
    }

    [Theory]
    [InlineData("v0=0000000000000000000000000000000000000000000000000000000000000000")]
    [InlineData("v1=a2114d57b48eac39b9ad189dd8316235a7b4a8d21a10bd27519666489c69b503")]
    [InlineData("garbage")]
    public void Refuses_a_wrong_signature(string signature) =>
        Assert.Equal(SignatureCheck.Mismatch, SlackSignature.Verify(Secret, "1531420618", signature, Body, Now));

    [Fact]
    public void Refuses_a_signature_made_with_another_secret() =>
        Assert.Equal(
            SignatureCheck.Mismatch,
            SlackSignature.Verify(Secret, "1531420618", SlackSignature.Compute("another-secret", "1531420618", Body), Body, Now)
        );

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    public void Refuses_everything_without_a_secret(string? secret) =>
        Assert.Equal(SignatureCheck.NoSecret, SlackSignature.Verify(secret, "1531420618", Sign("1531420618", Body), Body, Now));
}
