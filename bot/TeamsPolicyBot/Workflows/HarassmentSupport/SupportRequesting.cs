using TeamsPolicyBot.Cards;
using TeamsPolicyBot.People;
using TeamsPolicyBot.Protocol.Hosting;
using TeamsPolicyBot.Protocol.Schema;
using TeamsPolicyBot.Records;
using TeamsPolicyBot.Storage.Counters;
using TeamsPolicyBot.Turns;
using TeamsPolicyBot.Turns.CardActions;
using F = TeamsPolicyBot.Workflows.HarassmentSupport.SupportFields;

namespace TeamsPolicyBot.Workflows.HarassmentSupport;

/// <summary>
/// The person's side, in their private chat: the form (prefilled when handed over), the check step that
/// shows who will be told (their manager from the directory, or an email box when none was found), and
/// only on "Send my request" is anything stored or sent. A retried or repeated send makes one referral and
/// tells everyone once, even when the first attempt stopped between storing and telling (see <see cref="SupportRequested"/>).
/// </summary>
internal sealed class SupportRequesting(
    ISupportReferrals referrals,
    IReferenceNumbers referenceNumbers,
    IManagerDirectory directory,
    SupportCards cards,
    SupportRequested requested,
    SeniorManagers seniorManagers,
    Visibility visibility,
    TimeProvider time) : ICardActionHandler
{
    public const string ReferencePrefix = "HSR";

    public IReadOnlyDictionary<string, VerbRule> Verbs { get; } = new Dictionary<string, VerbRule>
    {
        // The form and the check step hold only the sender's own typing (and their own manager); the colleague card, nothing.
        [SupportVerbs.Colleague] = VerbRule.NoRecord,
        [SupportVerbs.Form] = VerbRule.NoRecord,
        [SupportVerbs.Review] = VerbRule.NoRecord,
        [SupportVerbs.Edit] = VerbRule.NoRecord,

        // A replayed submission id shows the referral only to whoever asked for support.
        [SupportVerbs.Confirm] = new(RecordKind.SupportReferral, RecordViews.Starter),
    };

    public async Task<InvokeResponse> HandleAsync(ITurnContext turn, CardAction action, CancellationToken cancellationToken) =>
        await StepAsync(turn, action, cancellationToken) switch
        {
            SupportStep.Show show => InvokeResponse.Card(show.Card),
            SupportStep.Sent sent => InvokeResponse.Card(cards.Requested(sent.Referral)),
            SupportStep.Refused refused => InvokeResponse.Message(refused.Message),
            var other => throw new InvalidOperationException($"Unknown support step {other.GetType().Name}."),
        };

    /// <summary>
    /// One of <see cref="Verbs"/>, taken the same way wherever the card is: the chat (each step replaces the card) or a
    /// dialog (each step is the dialog's next card, see <see cref="SupportDialog"/>).
    /// </summary>
    public Task<SupportStep> StepAsync(ITurnContext turn, CardAction action, CancellationToken cancellationToken)
    {
        var form = SupportForm.FromJson(action.Data);
        var submissionId = action.GetString(F.SubmissionId) is { Length: > 0 } id ? id : Guid.NewGuid().ToString();
        return action.Verb switch
        {
            // Someone else is being harassed: a case in the reporter's name would be about the wrong person, and their
            // manager has nothing to act on. Guidance only; the colleague can ask for support themselves.
            SupportVerbs.Colleague => Task.FromResult<SupportStep>(new SupportStep.Show(cards.Colleague())),
            SupportVerbs.Form or SupportVerbs.Edit => Task.FromResult<SupportStep>(new SupportStep.Show(cards.Form(FormCard(submissionId, form)))),
            SupportVerbs.Review => ReviewAsync(turn, submissionId, form, cancellationToken),
            _ => ConfirmAsync(turn, action, submissionId, form, cancellationToken),
        };
    }

    private async Task<SupportStep> ReviewAsync(ITurnContext turn, string submissionId, SupportForm form, CancellationToken cancellationToken)
    {
        var checkedForm = SupportValidator.Validate(form);
        if (!checkedForm.IsValid)
        {
            return new SupportStep.Show(cards.Form(FormCard(submissionId, form) with { Errors = checkedForm.Errors }));
        }

        var lookup = await LookUpManagerAsync(turn, checkedForm.Value, cancellationToken);
        return new SupportStep.Show(cards.Confirm(await ConfirmCardAsync(submissionId, form, checkedForm.Value, lookup, cancellationToken)));
    }

    private async Task<SupportStep> ConfirmAsync(ITurnContext turn, CardAction action, string submissionId, SupportForm form, CancellationToken cancellationToken)
    {
        // The form rides on the button: check it again, a stale or altered card must not store anything unchecked.
        var checkedForm = SupportValidator.Validate(form);
        if (!checkedForm.IsValid)
        {
            return new SupportStep.Show(cards.Form(FormCard(submissionId, form) with { Errors = checkedForm.Errors }));
        }

        // Teams retried, or a second click: the first referral. Its follow-up runs again, because the first attempt may
        // have stopped after storing it and before telling anyone; every message is keyed, so nothing is sent twice.
        if (await referrals.GetBySubmissionAsync(submissionId, cancellationToken) is { } earlier)
        {
            // Someone else's submission id: their request is not this person's to see, nor theirs to repair.
            if (!IsTheirs(turn, earlier))
            {
                return new SupportStep.Refused(Visibility.FormAlreadyUsed);
            }

            await requested.FollowUpAsync(earlier, cancellationToken);
            return new SupportStep.Sent(earlier);
        }

        var person = turn.Actor();
        var lookup = await LookUpManagerAsync(turn, checkedForm.Value, cancellationToken);
        ReferralManager manager;
        if (lookup is null)
        {
            manager = ReferralManager.NotAsked;
        }
        else if (lookup is ManagerFound found)
        {
            // The person confirms the manager they saw; if the directory now says otherwise, show them again.
            if (!Forms.ObjectIds.Same(found.Manager.AadObjectId, action.GetString(F.ShownManagerId)))
            {
                return new SupportStep.Show(cards.Confirm(await ConfirmCardAsync(submissionId, form, checkedForm.Value, lookup, cancellationToken)));
            }

            manager = new ReferralManager(found.Manager.AadObjectId, found.Manager.DisplayName, found.Manager.Email, TypedByPerson: false);
        }
        else
        {
            var typed = action.GetString(F.ManagerEmail);
            var chosen = SupportValidator.ValidateChosenManager(action.GetString(F.ManagerId), typed);
            if (!chosen.IsValid)
            {
                return new SupportStep.Show(cards.Confirm(await ConfirmCardAsync(submissionId, form, checkedForm.Value, lookup, cancellationToken) with
                {
                    ManagerEmail = typed ?? "",
                    ManagerEmailError = chosen.Errors.GetValueOrDefault(F.ManagerEmail, ""),
                    ManagerIdError = chosen.Errors.GetValueOrDefault(F.ManagerId, ""),
                }));
            }

            manager = chosen.Value;
        }

        var submitted = await referrals.SubmitAsync(
            submissionId,
            async ct => SupportReferral.Request(await referenceNumbers.NextAsync(ReferencePrefix, ct), person, checkedForm.Value, manager, time.GetUtcNow(), submissionId),
            cancellationToken);
        if (!submitted.Created && !IsTheirs(turn, submitted.Record))
        {
            return new SupportStep.Refused(Visibility.FormAlreadyUsed);
        }

        // Also when another attempt stored it first (two clicks at once): the same keyed follow-up, so nothing twice.
        await requested.FollowUpAsync(submitted.Record, cancellationToken);

        return new SupportStep.Sent(submitted.Record);
    }

    private bool IsTheirs(ITurnContext turn, SupportReferral referral) =>
        visibility.May(turn, referral.People(), RecordViews.Starter);

    /// <summary>
    /// The manager from the directory when they are told at once; null (not looked up, nobody asked for) otherwise.
    /// "My line manager is involved": never told, so never looked up. "Talk first": the manager is needed only if the
    /// person agrees with the case handler to tell them, so the check step neither shows nor asks for one. Asking
    /// "who is your line manager?" would put to the person the very question they chose to talk through first, and
    /// read as if the manager were about to be told. The case handler's "Tell their line manager now" asks the
    /// directory then (current on that day), and when it finds nobody the case handler, who is talking with the
    /// person, finds out who it is (see <see cref="SupportManagerTelling"/>).
    /// </summary>
    private async Task<ManagerLookup?> LookUpManagerAsync(ITurnContext turn, SupportDetails details, CancellationToken cancellationToken) =>
        details.ManagerSharing.TellsManagerAtOnce() ? await directory.FindManagerAsync(turn.Actor().AadObjectId, cancellationToken) : null;

    private static SupportFormCard FormCard(string submissionId, SupportForm form) => new(submissionId, form);

    private async Task<SupportConfirmCard> ConfirmCardAsync(string submissionId, SupportForm form, SupportDetails details, ManagerLookup? lookup, CancellationToken cancellationToken)
    {
        var summary = SupportSummary.From(details);

        // Urgent requests alert the senior managers at once (see SupportRequested): the check step names them.
        var senior = details.FeelsUnsafe ? await seniorManagers.NamesAsync(cancellationToken) : "";
        var card = lookup is null
            ? new SupportConfirmCard(submissionId, form, summary, "", "") { ManagerNotToldNow = NotToldNow(details.ManagerSharing) }
            : lookup is ManagerFound found
            ? new SupportConfirmCard(submissionId, form, summary, ManagerLabel(found.Manager), found.Manager.AadObjectId) { ManagerSeesDetails = details.ManagerSharing == ManagerSharing.FullDetails }
            : new SupportConfirmCard(submissionId, form, summary, "", "")
            {
                LookupNote = lookup is ManagerUnavailable ? " (the directory could not be reached just now)" : "",
            };
        return card with { SeniorManagers = senior };
    }

    /// <summary>What the check step says will happen for the line manager on the two routes where nobody is told at once.</summary>
    private static string NotToldNow(ManagerSharing sharing) => sharing == ManagerSharing.TalkFirst
        ? "not told now. The case handler who takes your request will talk with you first. Your line manager is told only if you agree, and only what you agree: the full details, or only that you asked for support. You will hear from us in your private chat with the Social Media Desk when they have been told."
        : "not told, now or later: you said they are involved. The bot will never tell them. The case handler who takes your request knows this.";

    private static string ManagerLabel(Manager manager) => (manager.DisplayName, manager.Email) switch
    {
        ({ } name, { } email) => $"{Markdown.Escape(name)} ({Markdown.Escape(email)})",
        ({ } name, null) => Markdown.Escape(name),
        (null, { } email) => Markdown.Escape(email),
        _ => "as listed in the staff directory",
    };
}

/// <summary>What one step of asking for support came to, for the chat and the dialog to answer in their own way.</summary>
internal abstract record SupportStep
{
    /// <summary>The next card (the colleague guidance, the form, the form with its problems, the check step): nothing stored.</summary>
    public sealed record Show(Attachment Card) : SupportStep;

    /// <summary>Stored (or found again, for a replayed submission id) and everyone told.</summary>
    public sealed record Sent(SupportReferral Referral) : SupportStep;

    /// <summary>Not this person's form to send (someone else's submission id).</summary>
    public sealed record Refused(string Message) : SupportStep;
}
