namespace TeamsPolicyBot.Delivery;

/// <summary>What <see cref="IProactiveMessenger.SendToPersonAsync"/> did with the message.</summary>
public enum PersonReachOutcome
{
    /// <summary>Queued to the personal chat the bot already has with them.</summary>
    Queued,

    /// <summary>Queued as a new 1:1 chat with them (their Teams id came from the Comms team roster); the chat is remembered once created.</summary>
    QueuedNewChat,

    /// <summary>Nothing was queued: see <see cref="PersonReach.Reason"/>. The caller decides who to tell instead.</summary>
    Unreachable,
}

/// <summary>Why a person could not be reached.</summary>
public enum UnreachableReason
{
    None,

    /// <summary>They are not a member of the Comms team, so the bot cannot learn their Teams id. Permanent until they join it or talk to the bot.</summary>
    NotInRoster,

    /// <summary>
    /// The bot has no way to read the Comms team roster: it has never seen a conversation in the
    /// Comms team and <c>Comms:ServiceUrl</c> is not set, or the connector refused it for good
    /// (the app is not installed in the team). Permanent until that changes.
    /// </summary>
    NoRoster,

    /// <summary>The roster could not be read just now (throttled, a server fault, the look-up timed out). Worth trying again later.</summary>
    RosterUnavailable,
}

/// <summary>The outcome of a send to a person, and the outbox entry when one was queued.</summary>
public sealed record PersonReach(PersonReachOutcome Outcome, UnreachableReason Reason, string? EntryId)
{
    public bool IsQueued => Outcome != PersonReachOutcome.Unreachable;

    /// <summary>Unreachable now, but the same call may succeed later.</summary>
    public bool IsTransient => Reason == UnreachableReason.RosterUnavailable;

    public static PersonReach Queued(string entryId) => new(PersonReachOutcome.Queued, UnreachableReason.None, entryId);

    public static PersonReach QueuedNewChat(string entryId) => new(PersonReachOutcome.QueuedNewChat, UnreachableReason.None, entryId);

    public static PersonReach Unreachable(UnreachableReason reason) => new(PersonReachOutcome.Unreachable, reason, null);
}
