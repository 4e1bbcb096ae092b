using System.Text.RegularExpressions;

namespace BraketBot.Ports;

/// <summary>Why a Braket call failed. <see cref="Message"/> is Braket's own text, for the log.</summary>
public sealed partial record BraketError(BraketErrorKind Kind, string Operation, string Message)
{
    /// <summary>The IAM action the caller lacks, when Braket refused access.</summary>
    public string? MissingPermission => Kind == BraketErrorKind.AccessDenied ? $"braket:{Operation}" : null;

    /// <summary>
    /// In words fit for a Slack channel: the missing IAM action, never Braket's text about roles, and
    /// never an account id or an IAM ARN (those stay in the log).
    /// </summary>
    public string Describe() =>
        Kind switch
        {
            BraketErrorKind.NotFound => $"Braket does not know it: {Redacted}",
            BraketErrorKind.Conflict => $"Braket refused in the task's current state: {Redacted}",
            BraketErrorKind.AccessDenied => $"Access denied: BraketBot's AWS role needs the permission `{MissingPermission}`.",
            BraketErrorKind.Validation => $"Braket rejected the request: {Redacted}",
            BraketErrorKind.Throttled => "Braket is throttling requests right now; try again in a minute.",
            BraketErrorKind.Unavailable => "Braket could not be reached; try again in a minute.",
            BraketErrorKind.NoCredentials => "BraketBot has no AWS credentials; see the README's AWS setup.",
            BraketErrorKind.CredentialsRefused =>
                "AWS refused BraketBot's credentials (a wrong secret key, or an expired session); see the README's AWS setup.",
            _ => $"Braket answered unexpectedly: {Redacted}",
        };

    private string Redacted => AccountId().Replace(AnyArn().Replace(Message, "(an ARN)"), "(an account)");

    [GeneratedRegex(@"arn:aws[a-z-]*:[a-z0-9-]+:[a-z0-9-]*:\d{12}:[^\s""',;)]+")]
    private static partial Regex AnyArn();

    [GeneratedRegex(@"\b\d{12}\b")]
    private static partial Regex AccountId();
}
