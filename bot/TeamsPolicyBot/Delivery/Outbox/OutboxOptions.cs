using System.ComponentModel.DataAnnotations;
using TeamsPolicyBot.Configuration;

namespace TeamsPolicyBot.Delivery.Outbox;

/// <summary>The proactive-message worker's settings: the <c>Outbox</c> configuration section.</summary>
public sealed class OutboxOptions
{
    public const string SectionName = "Outbox";

    /// <summary>How often an idle worker looks for due entries.</summary>
    [SettingRange(typeof(TimeSpan), "00:00:00.010", "00:10:00")]
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>At most this many entries are sent per poll.</summary>
    [SettingRange(1, 1000)]
    public int BatchSize { get; set; } = 50;

    /// <summary>
    /// How many due entries a poll may look at to fill its batch. Reading past a conversation
    /// that is at its rate limit keeps one busy channel from starving everyone else.
    /// </summary>
    [SettingRange(1, 10000)]
    public int ScanLimit { get; set; } = 1000;

    /// <summary>Conversations sent to in parallel (each conversation is always sent to in order, one at a time).</summary>
    [SettingRange(1, 64)]
    public int MaxConcurrency { get; set; } = 8;

    /// <summary>
    /// How long after it was queued an entry is still tried. A send that is refused for now (429,
    /// 502, 503, 504) or never reached the connector (no token, no connection) is retried with
    /// backoff until it goes through or this has passed; then it is recorded Failed and Comms is told
    /// in the Comms channel.
    /// </summary>
    [SettingRange(typeof(TimeSpan), "00:00:01", "30.00:00:00")]
    public TimeSpan DeliveryDeadline { get; set; } = TimeSpan.FromDays(1);

    /// <summary>
    /// How long a claim lasts. A send still unanswered by then is abandoned and the entry
    /// recorded InDoubt. The outbox's connector client makes one attempt per claim (at most 15 s),
    /// so this only has to exceed one request.
    /// </summary>
    [SettingRange(typeof(TimeSpan), "00:00:01", "01:00:00")]
    public TimeSpan LeaseDuration { get; set; } = TimeSpan.FromMinutes(2);

    /// <summary>
    /// Backoff after the first transient failure; it doubles per attempt. A longer Retry-After wins. A 429
    /// (throttled) with Retry-After waits just the Retry-After instead, shorter or longer.
    /// </summary>
    [SettingRange(typeof(TimeSpan), "00:00:00", "01:00:00")]
    public TimeSpan FirstRetryDelay { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>The backoff stops doubling here. A Retry-After longer than this is still waited out.</summary>
    [SettingRange(typeof(TimeSpan), "00:00:00", "1.00:00:00")]
    public TimeSpan MaxRetryDelay { get; set; } = TimeSpan.FromMinutes(5);
}
