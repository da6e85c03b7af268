using Microsoft.Extensions.Options;
using TeamsPolicyBot.Protocol.Hosting;
using TeamsPolicyBot.Protocol.Schema;
using TeamsPolicyBot.Records;
using TeamsPolicyBot.Turns;
using TeamsPolicyBot.Turns.CardActions;

namespace TeamsPolicyBot.Workflows.OfficialAccounts;

/// <summary>
/// The clicks of the yearly audit and of closing: an administrator completes the audit or confirms the account is gone;
/// a Comms approver continues, asks for changes or closes (from the review card or the register). Who may act is checked
/// here and again by the account's state machine, so a forged click (someone else's reference, a stale round) changes nothing.
/// </summary>
internal sealed class OfficialAccountActions(
    IOfficialAccounts accounts,
    AuditFollowUp followUp,
    AuditCards cards,
    ConfiguredPeople people,
    IOptions<AccountsOptions> options,
    TimeProvider time) : ICardActionHandler
{
    /// <summary>What anyone but a Comms approver hears from a Comms button.</summary>
    public const string CommsOnly = "Only the Comms team can review audits and close official accounts.";

    public IReadOnlyDictionary<string, VerbRule> Verbs { get; } = new Dictionary<string, VerbRule>
    {
        // The administrators' own cards: the audit, and closing.
        [OfficialAccountVerbs.CompleteAudit] = new(RecordKind.OfficialAccount, RecordViews.Starter),
        [OfficialAccountVerbs.RefreshAudit] = new(RecordKind.OfficialAccount, RecordViews.Starter),
        [OfficialAccountVerbs.ConfirmClosed] = new(RecordKind.OfficialAccount, RecordViews.Starter),
        [OfficialAccountVerbs.RefreshClosing] = new(RecordKind.OfficialAccount, RecordViews.Starter),

        // The review card, to Comms approvers only.
        [OfficialAccountVerbs.Continue] = new(RecordKind.OfficialAccount, RecordViews.Working),
        [OfficialAccountVerbs.AskForChanges] = new(RecordKind.OfficialAccount, RecordViews.Working),
        [OfficialAccountVerbs.CloseAfterAudit] = new(RecordKind.OfficialAccount, RecordViews.Working),

        // From the register, answered with a line of text to the Comms approver.
        [OfficialAccountVerbs.Close] = new(RecordKind.OfficialAccount, RecordViews.Working),
    };

    public async Task<InvokeResponse> HandleAsync(ITurnContext turn, CardAction action, CancellationToken cancellationToken)
    {
        var reference = action.GetString("reference") ?? string.Empty;
        var actor = turn.Actor();
        // A registration waiting for Comms has no audit and cannot close: its own card decides it (AccountRegistrations).
        if (string.IsNullOrWhiteSpace(reference) || await accounts.GetAsync(reference, cancellationToken) is not { IsInRegister: true } account)
        {
            return InvokeResponse.Message(Visibility.NotFound(RecordKind.OfficialAccount));
        }

        var now = time.GetUtcNow();
        var round = action.GetInt32("round") ?? -1;
        switch (action.Verb)
        {
            case OfficialAccountVerbs.RefreshAudit or OfficialAccountVerbs.RefreshClosing:
                // Only its administrators see their cards; to anyone else it does not exist.
                return !account.IsAdministrator(actor.AadObjectId) ? InvokeResponse.Message(Visibility.NotFound(RecordKind.OfficialAccount))
                    : action.Verb == OfficialAccountVerbs.RefreshAudit ? InvokeResponse.Card(cards.Audit(account))
                    : InvokeResponse.Card(cards.Closing(account));

            case OfficialAccountVerbs.CompleteAudit:
                if (!account.IsAdministrator(actor.AadObjectId))
                {
                    return InvokeResponse.Message(Visibility.NotFound(RecordKind.OfficialAccount));
                }

                if (Answers(action) is not { } answers)
                {
                    return InvokeResponse.Message(MissingAnswers(action));
                }

                return await ApplyAsync(reference, a => a.CompleteAudit(actor, round, answers, now), followUp.CompletedAsync, cards.Audit, cancellationToken);

            case OfficialAccountVerbs.ConfirmClosed:
                if (!account.IsAdministrator(actor.AadObjectId))
                {
                    return InvokeResponse.Message(Visibility.NotFound(RecordKind.OfficialAccount));
                }

                return await ApplyAsync(reference, a => a.ConfirmClosed(actor, now), (_, _) => Task.CompletedTask, cards.Closing, cancellationToken);
        }

        if (!people.IsCommsApprover(actor.AadObjectId))
        {
            return InvokeResponse.Message(CommsOnly);
        }

        return action.Verb switch
        {
            OfficialAccountVerbs.Continue => await ApplyAsync(
                reference, a => a.Continue(actor, round, now + options.Value.AuditInterval, now), followUp.ContinuedAsync, cards.Review, cancellationToken),
            OfficialAccountVerbs.AskForChanges => await ApplyAsync(
                reference, a => a.AskForChanges(actor, round, action.GetString("changesMessage"), now), followUp.ChangesAskedAsync, cards.Review, cancellationToken),
            OfficialAccountVerbs.CloseAfterAudit => await ApplyAsync(
                reference, a => a.CloseAfterAudit(actor, round, action.GetString("closeReason"), now), followUp.ClosingAsync, cards.Review, cancellationToken),
            // The register lists many accounts, so each one's reason box has its own id.
            _ => await CloseFromRegisterAsync(reference, actor, action.GetString($"closeReason_{reference}") ?? action.GetString("closeReason"), now, cancellationToken),
        };
    }

    private async Task<InvokeResponse> CloseFromRegisterAsync(string reference, Actor actor, string? reason, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var outcome = await accounts.ApplyAsync(reference, account => account.Close(actor, reason, now), cancellationToken);
        if (outcome.Changed is not { } closing)
        {
            return InvokeResponse.Message(outcome.RefusalMessage);
        }

        await followUp.ClosingAsync(closing, cancellationToken);
        return InvokeResponse.Message($"{closing.PlatformName} {closing.Handle} ({closing.SourceReference}) is closing. I have asked its administrators to delete or archive it and confirm.");
    }

    /// <summary>Saves the change (exactly once), runs what follows it, and answers with the card as it is now; a refusal answers in words.</summary>
    private async Task<InvokeResponse> ApplyAsync(
        string reference,
        Func<OfficialAccount, AccountTransition> change,
        Func<OfficialAccount, CancellationToken, Task> then,
        Func<OfficialAccount, Attachment> card,
        CancellationToken cancellationToken)
    {
        var outcome = await accounts.ApplyAsync(reference, change, cancellationToken);
        if (outcome.Changed is not { } changed)
        {
            return InvokeResponse.Message(outcome.RefusalMessage);
        }

        await then(changed, cancellationToken);
        return InvokeResponse.Card(card(changed));
    }

    private static readonly (string Field, string Question)[] Required =
    [
        ("stillActive", "Is the account still active?"),
        ("lastPost", "When was the last post?"),
        ("twoFactor", "Is two-factor authentication on?"),
        ("passwordsChanged", "Has the password been changed since anyone with access left?"),
        ("planStillValid", "Are the plan, audience and sign-off still valid?"),
    ];

    private static readonly string[] YesNo = ["yes", "no"];

    private static AuditAnswers? Answers(CardAction action)
    {
        string? Choice(string field, params string[] allowed) => action.GetString(field)?.Trim() is { } value && allowed.Contains(value, StringComparer.Ordinal) ? value : null;
        var lastPost = action.GetString("lastPost")?.Trim();
        return Choice("stillActive", YesNo) is { } active && !string.IsNullOrEmpty(lastPost) && lastPost.Length <= 100
            && Choice("twoFactor", YesNo) is { } twoFactor && Choice("passwordsChanged", "yes", "no", "nobodyLeft") is { } passwords
            && Choice("planStillValid", YesNo) is { } plan
            ? new AuditAnswers(active, lastPost, twoFactor, passwords, plan, Optional(action, "administratorsNote", 500), Optional(action, "forComms", 1000))
            : null;
    }

    private static string? Optional(CardAction action, string field, int max) =>
        action.GetString(field)?.Trim() is { Length: > 0 } text ? text[..Math.Min(text.Length, max)] : null;

    /// <summary>"Answer these, then send the audit again: ..." naming each question left empty or not one of its choices.</summary>
    private static string MissingAnswers(CardAction action)
    {
        var missing = Required.Where(question => string.IsNullOrWhiteSpace(action.GetString(question.Field))).Select(question => question.Question).ToList();
        if (action.GetString("lastPost")?.Trim() is { Length: > 100 })
        {
            missing.Add("When was the last post? (100 characters at most)");
        }

        return missing.Count == 0
            ? "Some answers were not ones the card offers. Open the latest audit card and send it again."
            : $"Answer these, then send the audit again: {string.Join(" ", missing)}";
    }
}
