using TeamsPolicyBot.Delivery;
using TeamsPolicyBot.Records;

namespace TeamsPolicyBot.Workflows.HarassmentSupport;

/// <summary>A message between the case handler and the person, relayed through the bot and kept on the record.</summary>
/// <param name="DraftId">The id the card the message was typed on carried: the same id again is a retried click, not a new message.</param>
internal sealed record CaseMessage(int Number, Actor From, bool FromHandler, string Text, DateTimeOffset At, string? DraftId = null);

/// <summary>Something the case handler did, on the record and told to the person.</summary>
/// <param name="DraftId">As on <see cref="CaseMessage"/>: the same id again is a retried click.</param>
internal sealed record CaseAction(string Text, Stamp Recorded, string? DraftId = null);

/// <summary>The case moved from one case handler to another (holiday, workload).</summary>
/// <param name="Number">1 for the first hand-over: keys what is said about it, so a retried click says nothing twice.</param>
/// <param name="Note">For the new case handler only; never on the channel, the audit or a log.</param>
/// <param name="DraftId">The id the case card carried: the same id again from the same case handler is a retried click.</param>
internal sealed record CaseHandOver(int Number, Stamp From, Actor To, string? Note, string? DraftId = null);

/// <summary>Where a case card with the details landed in a case handler's private chat, so it can be replaced once it is no longer theirs.</summary>
internal sealed record CaseCardLocation(string HandlerAadObjectId, MessageLocation At);

internal sealed record ReferralClosed(CaseOutcome Outcome, string? Notes, Stamp Closed);

/// <param name="Reason">What the person chose to tell the case handler, or null: for the case handler only, never the channel or a log.</param>
internal sealed record ReferralWithdrawn(string? Reason, DateTimeOffset At);
