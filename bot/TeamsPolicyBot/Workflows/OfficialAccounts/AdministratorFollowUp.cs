using TeamsPolicyBot.Cards;
using TeamsPolicyBot.Configuration;
using TeamsPolicyBot.Delivery;
using TeamsPolicyBot.Delivery.Outbox;
using TeamsPolicyBot.Forms;
using TeamsPolicyBot.Protocol.Schema;
using TeamsPolicyBot.Records;
using TeamsPolicyBot.Workflows.AccountRequests;
using TeamsPolicyBot.Workflows.AccountRequests.Cards;

namespace TeamsPolicyBot.Workflows.OfficialAccounts;

/// <summary>Binds cards/official-accounts/admin-invitation.json: someone is asked to become an administrator.</summary>
internal sealed record AdminInvitationCard(
    string Reference, string AccountName, string Unit, string Administrators, string InvitedBy, bool IsOpen, bool HasReplaces, string Replaces, string StateText);

/// <summary>Binds cards/official-accounts/admin-left.json: an administrator left; the others nominate one and confirm the passwords were changed.</summary>
internal sealed record AdminLeftCard(string Reference, string AccountName, string Administrators, string LeaverName, bool NeedsAdministrator);

/// <summary>
/// What follows each administrator change: the invitation card, and short lines to the Comms channel and to the other
/// administrators. Every message is queued under a key naming the account and the history line it follows, so nothing is said twice.
/// </summary>
internal sealed partial class AdministratorFollowUp(IProactiveMessenger messenger, CardTemplates templates, ILogger<AdministratorFollowUp> logger)
{
    /// <summary>The invitation card to the person asked, and a line to Comms and the administrators. Returns what the person who asked is told.</summary>
    public async Task<string> InvitedAsync(OfficialAccount account, CancellationToken cancellationToken)
    {
        var invitation = account.Invitations[^1];
        var name = OfficialAccount.NameOf(invitation.Person);
        var card = Activity.CreateMessage(attachments: InvitationCard(account, invitation.Person.AadObjectId, null));
        card.Summary = $"You are asked to become an administrator of {Plain(account)}";
        var reach = await messenger.SendToPersonAsync(invitation.Person.AadObjectId!, card, tag: null, cancellationToken, Key(account, "invited", invitation.Person.AadObjectId!));
        if (!reach.IsQueued)
        {
            LogUnreachable(logger, account.SourceReference, invitation.Person.AadObjectId!, reach.Reason);
        }

        var line = $"{invitation.InvitedBy.Name} asked {name} to become an administrator of {Plain(account)} ({account.SourceReference}). They count once they accept.";
        await TellAsync(account, line, "invited", except: invitation.InvitedBy.AadObjectId, cancellationToken);
        return reach.IsQueued
            ? $"I have asked {name} to accept. They count as an administrator of {Plain(account)} once they do."
            : $"I could not reach {name} in Teams. The invitation is saved: ask them to message me \"my accounts\", or ask Comms for help.";
    }

    /// <summary>
    /// On approval, the invitation card to the second administrator named on the request (policy 4.21). Keyed by the
    /// approval alone, so a repaired approval sends nothing twice; once they answered there is nothing to send.
    /// </summary>
    public async Task InvitedOnApprovalAsync(OfficialAccount account, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(account);
        foreach (var invitation in account.Invitations.Where(invite => invite.At == account.ApprovedAt && invite.Person.AadObjectId is { Length: > 0 }))
        {
            var card = Activity.CreateMessage(attachments: InvitationCard(account, invitation.Person.AadObjectId, null));
            card.Summary = $"You are asked to become an administrator of {Plain(account)}";
            var reach = await messenger.SendToPersonAsync(invitation.Person.AadObjectId!, card, tag: null, cancellationToken, $"account/{account.SourceReference}/admins/approval/invited/{invitation.Person.AadObjectId}");
            if (!reach.IsQueued)
            {
                LogUnreachable(logger, account.SourceReference, invitation.Person.AadObjectId!, reach.Reason);
            }
        }
    }

    public Task AcceptedAsync(OfficialAccount account, Actor by, CancellationToken cancellationToken) =>
        TellAsync(account, $"{by.Name} accepted and is now an administrator of {Plain(account)} ({account.SourceReference}). {Standing(account)}", "accepted", by.AadObjectId, cancellationToken);

    public Task DeclinedAsync(OfficialAccount account, Actor by, CancellationToken cancellationToken) =>
        TellAsync(account, $"{by.Name} declined to become an administrator of {Plain(account)} ({account.SourceReference}). You can ask someone else.", "declined", by.AadObjectId, cancellationToken);

    public async Task<string> RemovedAsync(OfficialAccount account, Administrator removed, CancellationToken cancellationToken)
    {
        var line = $"{OfficialAccount.NameOf(removed)} is no longer an administrator of {Plain(account)} ({account.SourceReference}). {Standing(account)}";
        await TellAsync(account, line, "removed", except: null, cancellationToken);
        if (removed.AadObjectId is { Length: > 0 } id)
        {
            await messenger.SendToPersonAsync(id, Activity.CreateMessage($"You are no longer an administrator of {Plain(account)} ({account.SourceReference}). Please sign out of it on every device."), tag: null, cancellationToken, Key(account, "removed", id));
        }

        return line;
    }

    /// <summary>An administrator left: Comms is told, and each remaining administrator gets the card to nominate one and confirm the passwords were changed.</summary>
    public async Task<string> LeftAsync(OfficialAccount account, CancellationToken cancellationToken)
    {
        var leaver = account.History[^1].Detail ?? "An administrator";
        var line = $"{leaver} left the university and is no longer an administrator of {Plain(account)} ({account.SourceReference}). {Standing(account)}";
        await ToCommsAsync(account, line, "left", cancellationToken);
        var card = templates.RenderAttachment(OfficialAccountCardNames.AdminLeft, new AdminLeftCard(
            account.SourceReference, AuditCards.Name(account), Admins(account), Markdown.Escape(leaver), account.Status == OfficialAccountStatus.NeedsAdministrator));
        foreach (var admin in account.AdministratorIds)
        {
            var message = Activity.CreateMessage(attachments: card);
            message.Summary = $"{leaver} left: {Plain(account)} needs its passwords changed";
            await messenger.SendToPersonAsync(admin, message, tag: null, cancellationToken, Key(account, "left", admin));
        }

        return $"{line} I have asked the remaining administrators to change the passwords and nominate a new administrator.";
    }

    public async Task<string> PasswordsChangedAsync(OfficialAccount account, CancellationToken cancellationToken)
    {
        var entry = account.History[^1];
        await ToCommsAsync(account, $"{entry.ActorName} confirmed the passwords of {Plain(account)} ({account.SourceReference}) were changed and stored in the approved password manager.", "passwords", cancellationToken);
        return "Thank you. Comms has been told the passwords were changed and stored in the approved password manager.";
    }

    /// <summary>The invitation as <paramref name="personId"/> sees it now: open, or what they answered.</summary>
    public Attachment InvitationCard(OfficialAccount account, string? personId, string? answered)
    {
        ArgumentNullException.ThrowIfNull(account);
        var invitation = account.InvitationOf(personId);
        var replaced = invitation?.Replaces is { } id ? account.AdministratorOf(id) : null;
        var state = invitation is not null ? "Accept to become an administrator. You count once you do."
            : answered == "accepted" || account.IsAdministrator(personId) ? "You accepted: you are now an administrator of this account. Message me \"my accounts\" to see it."
            : answered == "declined" ? "You declined. The other administrators and Comms have been told."
            : "This invitation is no longer open.";
        return templates.RenderAttachment(OfficialAccountCardNames.AdminInvitation, new AdminInvitationCard(
            account.SourceReference, AuditCards.Name(account), $"{Markdown.Escape(account.UnitName)}", Admins(account),
            Markdown.Escape(invitation?.InvitedBy.Name ?? "An administrator"), invitation is not null, replaced is not null,
            replaced is null ? "" : Markdown.Escape(OfficialAccount.NameOf(replaced)), state));
    }

    private static string Standing(OfficialAccount account) => account.Status == OfficialAccountStatus.NeedsAdministrator
        ? $"It now has {account.Administrators.Count} administrator{(account.Administrators.Count == 1 ? "" : "s")} and needs another (policy 4.21)."
        : $"It has {account.Administrators.Count} administrators.";

    /// <summary>A line to the Comms channel and to each administrator but <paramref name="except"/> (who did it and has their answer).</summary>
    private async Task TellAsync(OfficialAccount account, string line, string step, string? except, CancellationToken cancellationToken)
    {
        await ToCommsAsync(account, line, step, cancellationToken);
        foreach (var admin in account.AdministratorIds.Where(id => !ObjectIds.Same(id, except)))
        {
            var reach = await messenger.SendToPersonAsync(admin, Activity.CreateMessage(line), tag: null, cancellationToken, Key(account, step, admin));
            if (!reach.IsQueued)
            {
                LogUnreachable(logger, account.SourceReference, admin, reach.Reason);
            }
        }
    }

    private async Task ToCommsAsync(OfficialAccount account, string line, string step, CancellationToken cancellationToken)
    {
        if (!await messenger.PostToCommsChannelAsync(CommsChannel.AccountRequests, Activity.CreateMessage(line), new DeliveryTag("official-account", account.SourceReference, "administrators"), cancellationToken, Key(account, step, "comms")))
        {
            LogCommsUnreachable(logger, account.SourceReference);
        }
    }

    /// <summary>The history line's number names the change: a change made once is told once, a later one of the same kind again.</summary>
    private static string Key(OfficialAccount account, string step, string who) => $"account/{account.SourceReference}/admins/{account.History.Count}/{step}/{who}";

    private static string Admins(OfficialAccount account) => AccountRequestCardText.Administrators(account.Administrators.Select(OfficialAccount.NameOf));

    private static string Plain(OfficialAccount account) => $"{account.PlatformName} {account.Handle}";

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not reach {PersonId} about the administrators of official account {Reference}: {Reason}")]
    private static partial void LogUnreachable(ILogger logger, string reference, string personId, UnreachableReason reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not post about the administrators of official account {Reference} to the Comms channel")]
    private static partial void LogCommsUnreachable(ILogger logger, string reference);
}
