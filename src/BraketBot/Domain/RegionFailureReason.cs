namespace BraketBot.Domain;

/// <summary>Why a region could not be read: what people are told, in three words an operator acts on differently.</summary>
public enum RegionFailureReason
{
    /// <summary>403: a policy (IAM, a service control policy) or a region not enabled for the account.</summary>
    Denied,

    /// <summary>429: Braket's quota for the region was used up.</summary>
    Throttled,

    /// <summary>No answer, a timeout, a 5xx, or an answer that made no sense.</summary>
    Unreachable,
}
