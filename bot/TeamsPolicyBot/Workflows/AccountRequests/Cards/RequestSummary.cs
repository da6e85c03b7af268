using TeamsPolicyBot.Cards;

namespace TeamsPolicyBot.Workflows.AccountRequests.Cards;

/// <summary>
/// The short summary of a request that the submitted and approval cards show as facts. Every string is shown to
/// Comms and must already be escaped with <see cref="Markdown.Escape"/> (labels of known choices need no escaping);
/// <see cref="From"/> does that.
/// </summary>
/// <param name="Platform">"Instagram", or the name typed for Other.</param>
/// <param name="Handle">The proposed account name or handle.</param>
/// <param name="ExistingUrl">The existing account's link, or "" when it does not exist yet (the fact is then left out).</param>
/// <param name="UnitType">"MRC Unit".</param>
/// <param name="UnitName">"MRC Unit The Gambia at LSHTM".</param>
/// <param name="Administrators">"Priya Shah and Amadou Jallow".</param>
/// <param name="PostingFrequency">"Several times a week".</param>
internal sealed record RequestSummary(
    string Platform,
    string Handle,
    string ExistingUrl,
    string UnitType,
    string UnitName,
    string Administrators,
    string PostingFrequency)
{
    /// <summary>
    /// The summary of a (valid) form, everything escaped. <paramref name="requesterName"/> is the first administrator;
    /// the second is <paramref name="secondAdminName"/> when the people picker gave one, else the email typed.
    /// </summary>
    public static RequestSummary From(RequestFormValues form, string requesterName, string? secondAdminName) => new(
        AccountRequestCardText.Platform(form.Platform, form.PlatformOther),
        Markdown.Escape(form.Handle),
        form.AlreadyExists == "true" ? Markdown.Escape(form.ExistingUrl) : "",
        AccountRequestCardText.Label(AccountRequestCardText.UnitTypes, form.UnitType),
        Markdown.Escape(form.UnitName),
        AccountRequestCardText.Administrators(requesterName, string.IsNullOrWhiteSpace(secondAdminName) ? form.SecondAdminEmail : secondAdminName),
        AccountRequestCardText.Label(AccountRequestCardText.PostingFrequencies, form.PostingFrequency));
}
