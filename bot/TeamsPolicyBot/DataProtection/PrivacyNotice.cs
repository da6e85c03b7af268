using System.Text.Json.Nodes;
using Microsoft.Extensions.Options;
using TeamsPolicyBot.Cards;
using TeamsPolicyBot.Configuration;

namespace TeamsPolicyBot.DataProtection;

/// <summary>
/// The short privacy notice, written once here from the settings (UK GDPR article 13): who sees what, how long it is
/// kept, the full notice's link (<c>DataProtection:PrivacyNoticeUrl</c>) and whom to ask for a copy or erasure
/// (<c>DataProtection:ContactEmail</c>). The card engine gives it to every card as <c>privacy</c>, so the forms, the
/// support card and "my data" show the same words and no template repeats them.
/// </summary>
internal sealed class PrivacyNotice(IOptions<DataProtectionOptions> options, IOptions<RetentionOptions> schedule)
{
    /// <summary>The two sentences, plain (a card's <c>speak</c>).</summary>
    public string Text =>
        "What you send here is seen only by the people who handle it: the Comms team for account requests and incident reports, the support case handlers for support requests. "
        + $"Each record is kept while it is open (an official account's while the account is active), then for up to {Period.Words(schedule.Value.Longest)}, and then deleted.";

    /// <summary>The two sentences and, when configured, a link to the full notice (card markdown: TextBlocks only).</summary>
    public string Markdown => string.IsNullOrEmpty(options.Value.PrivacyNoticeUrl) ? Text : $"{Text} [Read the full privacy notice]({options.Value.PrivacyNoticeUrl}).";

    /// <summary>How to ask for a copy of one's data or its erasure.</summary>
    public string Contact => string.IsNullOrEmpty(options.Value.ContactEmail)
        ? "To get a copy of your data or ask for it to be erased, contact the university's data protection officer."
        : $"To get a copy of your data or ask for it to be erased, write to {Cards.Markdown.Escape(options.Value.ContactEmail)}.";

    /// <summary>What every card's data gets as <c>privacy</c>: <c>notice</c>, <c>text</c> (plain, for speak) and <c>contact</c>.</summary>
    public JsonObject Data() => new() { ["notice"] = Markdown, ["text"] = Text, ["contact"] = Contact };
}
