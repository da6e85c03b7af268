using TeamsPolicyBot.Forms;
using TeamsPolicyBot.People;
using TeamsPolicyBot.Protocol.Hosting;
using TeamsPolicyBot.Protocol.Schema;
using TeamsPolicyBot.Records;
using TeamsPolicyBot.Turns;
using TeamsPolicyBot.Turns.CardActions;
using TeamsPolicyBot.Workflows.AccountRequests;

namespace TeamsPolicyBot.Workflows.OfficialAccounts;

/// <summary>
/// Administrator changes (policy 4.20, 4.21): add (the person is invited and counts once they accept), remove, replace,
/// and "Left the university". Only the account's accepted administrators and Comms approvers act on it; the invited person
/// answers their own invitation. Everyone else hears that the account does not exist, and nothing changes.
/// </summary>
internal sealed class AdministratorChanges(
    IOfficialAccounts accounts,
    AdministratorFollowUp followUp,
    ConfiguredPeople people,
    PickedPeople picker,
    TimeProvider time) : ICardActionHandler
{
    public const string CommsOnlyLeft = "Only the Comms team can mark an administrator as having left the university.";

    public IReadOnlyDictionary<string, VerbRule> Verbs { get; } = new Dictionary<string, VerbRule>
    {
        // From "my accounts" (its administrators) or "accounts" (Comms approvers), or the leaver card: answered in words.
        [OfficialAccountVerbs.AddAdministrator] = new(RecordKind.OfficialAccount, RecordViews.Starter | RecordViews.Working),
        [OfficialAccountVerbs.RemoveAdministrator] = new(RecordKind.OfficialAccount, RecordViews.Starter | RecordViews.Working),
        [OfficialAccountVerbs.ConfirmPasswords] = new(RecordKind.OfficialAccount, RecordViews.Starter),

        // The invited person's own card.
        [OfficialAccountVerbs.AcceptAdministrator] = new(RecordKind.OfficialAccount, RecordViews.Starter),
        [OfficialAccountVerbs.DeclineAdministrator] = new(RecordKind.OfficialAccount, RecordViews.Starter),

        // From "accounts", Comms approvers only.
        [OfficialAccountVerbs.AdministratorLeft] = new(RecordKind.OfficialAccount, RecordViews.Working),
    };

    public async Task<InvokeResponse> HandleAsync(ITurnContext turn, CardAction action, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(turn);
        ArgumentNullException.ThrowIfNull(action);
        var reference = action.GetString("reference") ?? string.Empty;
        var actor = turn.Actor();
        var notFound = InvokeResponse.Message(Visibility.NotFound(RecordKind.OfficialAccount));
        // A registration Comms has not added (or refused) has no administrators to change yet.
        if (string.IsNullOrWhiteSpace(reference) || await accounts.GetAsync(reference, cancellationToken) is not { IsInRegister: true } account)
        {
            return notFound;
        }

        var now = time.GetUtcNow();
        var isComms = people.IsCommsApprover(actor.AadObjectId);
        switch (action.Verb)
        {
            case OfficialAccountVerbs.AcceptAdministrator or OfficialAccountVerbs.DeclineAdministrator:
                // Only the invited person answers; to anyone else the invitation does not exist.
                if (account.InvitationOf(actor.AadObjectId) is null && !account.IsAdministrator(actor.AadObjectId))
                {
                    return notFound;
                }

                var accepting = action.Verb == OfficialAccountVerbs.AcceptAdministrator;
                var answered = await accounts.ApplyAsync(
                    reference, a => accepting ? a.Accept(actor, now) : a.Decline(actor, now), cancellationToken);
                if (answered.Changed is not { } changed)
                {
                    return InvokeResponse.Message(answered.RefusalMessage);
                }

                await (accepting ? followUp.AcceptedAsync(changed, actor, cancellationToken) : followUp.DeclinedAsync(changed, actor, cancellationToken));
                return InvokeResponse.Card(followUp.InvitationCard(changed, actor.AadObjectId, accepting ? "accepted" : "declined"));

            case OfficialAccountVerbs.AdministratorLeft:
                if (!isComms)
                {
                    return account.IsAdministrator(actor.AadObjectId) ? InvokeResponse.Message(CommsOnlyLeft) : notFound;
                }

                return await ApplyAsync(reference, a => a.MarkLeft(actor, action.GetString("admin"), now), followUp.LeftAsync, cancellationToken);
        }

        // Adding, removing, confirming passwords: the account's accepted administrators, and Comms approvers.
        if (!account.IsAdministrator(actor.AadObjectId) && !isComms)
        {
            return notFound;
        }

        switch (action.Verb)
        {
            case OfficialAccountVerbs.AddAdministrator:
                var picked = (action.GetString($"newAdmin_{reference}") ?? action.GetString("newAdmin"))?.Trim();
                if (string.IsNullOrEmpty(picked) || !Guid.TryParse(picked, out _))
                {
                    return InvokeResponse.Message("Choose the new administrator in the people picker, then select Add again. They must be a member of staff.");
                }

                var named = await picker.NameAsync(turn, picked, cancellationToken);
                var person = new Administrator(picked, named?.Email, named?.DisplayName);
                var replaces = (action.GetString($"replaces_{reference}") ?? action.GetString("replaces"))?.Trim();
                return await ApplyAsync(reference, a => a.Invite(actor, person, string.IsNullOrEmpty(replaces) ? null : replaces, now), followUp.InvitedAsync, cancellationToken);

            case OfficialAccountVerbs.RemoveAdministrator:
                var removed = account.AdministratorOf(action.GetString("admin"));
                return await ApplyAsync(reference, a => a.RemoveAdministrator(actor, action.GetString("admin"), now), (changed, ct) => followUp.RemovedAsync(changed, removed!, ct), cancellationToken);

            default:
                if (!account.IsAdministrator(actor.AadObjectId))
                {
                    return InvokeResponse.Message("Only this account's administrators can confirm its passwords were changed.");
                }

                return await ApplyAsync(reference, a => a.ConfirmPasswordsChanged(actor, now), followUp.PasswordsChangedAsync, cancellationToken);
        }
    }

    /// <summary>Saves the change (exactly once), tells whoever needs to know, and answers with what happened in a line; a refusal answers in words and changes nothing.</summary>
    private async Task<InvokeResponse> ApplyAsync(
        string reference, Func<OfficialAccount, AccountTransition> change, Func<OfficialAccount, CancellationToken, Task<string>> then, CancellationToken cancellationToken)
    {
        var outcome = await accounts.ApplyAsync(reference, change, cancellationToken);
        if (outcome.Changed is not { } changed)
        {
            return InvokeResponse.Message(outcome.RefusalMessage);
        }

        return InvokeResponse.Message(await then(changed, cancellationToken));
    }
}
