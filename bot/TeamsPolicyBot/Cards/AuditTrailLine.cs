namespace TeamsPolicyBot.Cards;

/// <summary>One line of the audit trail at the foot of a channel card. <see cref="Who"/> must already be escaped.</summary>
/// <param name="When">"25 Nov 2026 at 14:05".</param>
/// <param name="Who">"Sam Carter", escaped.</param>
/// <param name="What">Bot-written, e.g. "Asked for changes" (escape any typed text in it).</param>
internal sealed record AuditTrailLine(string When, string Who, string What)
{
    public static AuditTrailLine Create(DateTimeOffset at, string who, string what) => new(CardDates.DateAndTime(at), Markdown.Escape(who), what);
}
