using TeamsPolicyBot.Protocol.Schema;

namespace TeamsPolicyBot.Delivery.Reminders;

/// <summary>One person to tell, and what: each audience gets its own words (a case handler can take the case, a contact cannot).</summary>
internal sealed record NotTakenInTimeNotice(string PersonId, string Text);

/// <summary>What is said about one record that was not taken in time: a reply in its channel thread, and a 1:1 to each person.</summary>
/// <param name="Thread">Where the record's channel card is, or null when its delivery has not been recorded yet.</param>
internal sealed record NotTakenInTimeWords(MessageLocation? Thread, string ThreadText, IEnumerable<NotTakenInTimeNotice> People);

/// <summary>
/// What the "urgent and not taken in time" reminders of incidents and support referrals say: a reply in the record's
/// channel thread and a 1:1 to each person. Everything is queued under the reminder's key, so a reminder that runs
/// again (its instance died part-way) says nothing twice, and someone on two lists is told once. Logs ids only.
/// </summary>
internal sealed partial class NotTakenInTimeNotices(IProactiveMessenger messenger, ILogger<NotTakenInTimeNotices> logger)
{
    /// <param name="key">The reminder's key: the idempotency keys are built from its stored form.</param>
    public async Task SendAsync(ReminderKey key, NotTakenInTimeWords words, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(key);
        ArgumentNullException.ThrowIfNull(words);
        if (words.Thread is not null)
        {
            await messenger.ReplyInThreadAsync(words.Thread, Activity.CreateMessage(words.ThreadText), cancellationToken, $"{key}/thread");
        }

        foreach (var notice in words.People.DistinctBy(notice => notice.PersonId, StringComparer.OrdinalIgnoreCase))
        {
            var reach = await messenger.SendToPersonAsync(notice.PersonId, Activity.CreateMessage(notice.Text), tag: null, cancellationToken, $"{key}/{notice.PersonId}");
            if (!reach.IsQueued)
            {
                LogPersonUnreachable(logger, key.Reference, notice.PersonId, reach.Reason);
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not tell {PersonId} that {Reference} was not taken in time: {Reason}")]
    private static partial void LogPersonUnreachable(ILogger logger, string reference, string personId, UnreachableReason reason);
}
