using TeamsPolicyBot.Cards;
using TeamsPolicyBot.Delivery;
using TeamsPolicyBot.Forms;
using TeamsPolicyBot.Protocol.Schema;
using TeamsPolicyBot.Records;
using TeamsPolicyBot.Workflows.OfficialAccounts;

namespace TeamsPolicyBot.Workflows.Incidents;

/// <summary>Binds cards/incidents/account-notice.json: an official account's administrator hears that Comms has a report about it.</summary>
internal sealed record AccountNoticeCard(string Reference, string Account, string Unit, string Kind);

/// <summary>
/// Policy 4.18: the administrators of the official account a report is about each get a short notice in their chat with
/// the bot: what was reported (the kind only: not what the reporter wrote, nor who they are) and what to do if the account
/// was compromised or posted something wrong. Read from the register when sent, so whoever runs the account now is told;
/// queued once per administrator. Never for a confidential incident (which has no account on it), nor to the reporter.
/// </summary>
internal sealed partial class OfficialAccountNotice(IOfficialAccounts accounts, IProactiveMessenger messenger, CardTemplates templates, ILogger<OfficialAccountNotice> logger)
{
    public async Task TellAdministratorsAsync(Incident incident, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(incident);
        if (incident.IsConfidential || incident.OfficialAccount is not { } reported
            || await accounts.GetAsync(reported.SourceReference, cancellationToken) is not { } account)
        {
            return;
        }

        var card = templates.RenderAttachment(IncidentCardNames.AccountNotice, new AccountNoticeCard(
            incident.Reference,
            Markdown.Escape($"{account.PlatformName} {account.Handle}"),
            Markdown.Escape(account.UnitName),
            IncidentChoices.Kinds.TitleOf(incident.Details.Kind)));
        foreach (var admin in account.AdministratorIds.Where(id => !ObjectIds.Same(id, incident.Reporter.AadObjectId)))
        {
            var message = Activity.CreateMessage(attachments: card);
            message.Summary = $"Comms has a report about {account.PlatformName} {account.Handle}";
            var reach = await messenger.SendToPersonAsync(admin, message, tag: null, cancellationToken, $"{TriageChannelCard.TagKind}/{incident.Reference}/official-account/{admin}");
            if (!reach.IsQueued)
            {
                LogUnreachable(logger, incident.Reference, admin, reach.Reason);
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not reach administrator {PersonId} about incident {Reference}: {Reason}")]
    private static partial void LogUnreachable(ILogger logger, string reference, string personId, UnreachableReason reason);
}
