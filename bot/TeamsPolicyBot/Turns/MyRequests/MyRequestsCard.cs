using TeamsPolicyBot.Cards;

namespace TeamsPolicyBot.Turns.MyRequests;

/// <summary>
/// Binds cards/shared/my-requests.json: the user's own requests of every workflow, newest first, or
/// "You have no requests yet", with a button back to the menu (Action.Submit {verb: "help"}).
/// </summary>
/// <param name="Items">Newest first; <see cref="Create"/> sorts them.</param>
internal sealed record MyRequestsCard(IReadOnlyList<MyRequestLine> Items)
{
    public bool HasItems => Items.Count > 0;

    /// <summary>The list, newest first by <see cref="MyRequestLine.At"/>.</summary>
    public static MyRequestsCard Create(IEnumerable<MyRequestLine> items) => new(items.OrderByDescending(item => item.At).ToList());
}

/// <summary>One request in the list.</summary>
/// <param name="Reference">"SMA-2026-0042".</param>
/// <param name="Kind">"Official account request" (each workflow names its own).</param>
/// <param name="Title">"Instagram @MRCGambia\_Malaria": typed text in it must already be escaped with <see cref="Markdown.Escape"/>.</param>
/// <param name="Status">The status in words, "Changes requested".</param>
/// <param name="At">When it was made (what the list sorts by); shown as <see cref="Date"/>.</param>
internal sealed record MyRequestLine(string Reference, string Kind, string Title, string Status, DateTimeOffset At)
{
    /// <summary>"26 Nov 2026" (UK date).</summary>
    public string Date => CardDates.Date(At);
}
