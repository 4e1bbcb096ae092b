namespace BraketBot.Domain;

public enum RunKind
{
    /// <summary>A cap crossed for the first time today: a new alert in the alert channel.</summary>
    CapAlert,

    /// <summary>More queued tasks in a scope already alerted today: a reply in that alert's thread.</summary>
    CapFollowUp,

    /// <summary>A person's "Cancel all queued" click: the clicked message, updated through its response_url.</summary>
    CancelAll,
}
