using TeamsPolicyBot.People;
using TeamsPolicyBot.Protocol.Hosting;
using TeamsPolicyBot.Protocol.Schema;
using TeamsPolicyBot.Records;
using TeamsPolicyBot.Storage.Counters;
using TeamsPolicyBot.Turns;
using TeamsPolicyBot.Turns.CardActions;
using TeamsPolicyBot.Workflows.AccountRequests.Cards;

namespace TeamsPolicyBot.Workflows.AccountRequests;

/// <summary>
/// The requester's side of the form: a new request, an edited one after Comms asked for changes,
/// and withdrawing. Nothing is stored until the whole form is valid; an invalid form comes back
/// with every problem next to its field and everything typed kept.
/// </summary>
internal sealed class AccountRequestSubmission(
    IAccountRequests requests,
    IReferenceNumbers referenceNumbers,
    AccountRequestCards cards,
    AccountRequestFollowUp followUp,
    Visibility visibility,
    PickedPeople picker,
    TimeProvider time) : ICardActionHandler
{
    public const string ReferencePrefix = "SMA";

    // The requester's own: a replayed submission id shows the request only to whoever made it.
    public IReadOnlyDictionary<string, VerbRule> Verbs { get; } = new Dictionary<string, VerbRule>
    {
        [AccountRequestVerbs.Submit] = new(RecordKind.AccountRequest, RecordViews.Starter),
        [AccountRequestVerbs.Edit] = new(RecordKind.AccountRequest, RecordViews.Starter),
        [AccountRequestVerbs.Withdraw] = new(RecordKind.AccountRequest, RecordViews.Starter),
    };

    public Task<InvokeResponse> HandleAsync(ITurnContext turn, CardAction action, CancellationToken cancellationToken) => action.Verb switch
    {
        AccountRequestVerbs.Edit => EditAsync(turn, action, cancellationToken),
        AccountRequestVerbs.Withdraw => WithdrawAsync(turn, action, cancellationToken),
        _ => SubmitAsync(turn, action, cancellationToken),
    };

    private async Task<InvokeResponse> SubmitAsync(ITurnContext turn, CardAction action, CancellationToken cancellationToken) =>
        await SubmitFormAsync(turn, AccountRequestForm.FromJson(action.Data), cancellationToken) switch
        {
            SubmittedRequest.Invalid invalid => InvokeResponse.Card(cards.Form(invalid.Card)),
            SubmittedRequest.Stored stored => InvokeResponse.Card(cards.Submitted(stored.Request)),
            SubmittedRequest.Refused refused => InvokeResponse.Message(refused.Message),
            var other => throw new InvalidOperationException($"Unknown outcome {other.GetType().Name}."),
        };

    /// <summary>A new or edited request form, checked and stored the same way wherever it was filled in: the chat or a dialog.</summary>
    public async Task<SubmittedRequest> SubmitFormAsync(ITurnContext turn, AccountRequestForm form, CancellationToken cancellationToken)
    {
        var requester = await turn.RequesterAsync(cancellationToken);
        var checkedForm = AccountRequestValidator.Validate(form, requester);
        if (!checkedForm.IsValid)
        {
            return new SubmittedRequest.Invalid(await FormWithErrorsAsync(turn, form, checkedForm.Errors, cancellationToken));
        }

        var submissionId = form.SubmissionId ?? Guid.NewGuid().ToString();
        var details = await WithSecondAdminNamedAsync(turn, checkedForm.Value!, cancellationToken);
        return form.Reference is null
            ? await CreateAsync(turn, requester, details, submissionId, cancellationToken)
            : await ResubmitAsync(turn, form.Reference, details, submissionId, cancellationToken);
    }

    private async Task<SubmittedRequest> CreateAsync(ITurnContext turn, Requester requester, AccountRequestDetails details, string submissionId, CancellationToken cancellationToken)
    {
        // Teams retries an invoke it got no answer to: the submission id makes the retry find the first request.
        var submitted = await requests.SubmitAsync(
            submissionId,
            async ct => AccountRequest.Submit(await referenceNumbers.NextAsync(ReferencePrefix, ct), requester, details, time.GetUtcNow(), submissionId),
            cancellationToken);

        // Someone else's submission id: their request is not this person's to see, nor theirs to repair.
        if (!submitted.Created && !visibility.May(turn, submitted.Record.People(), RecordViews.Starter))
        {
            return new SubmittedRequest.Refused(Visibility.FormAlreadyUsed);
        }

        // Also for a replayed submission: the first attempt may have stopped before queuing the card (queuing is idempotent).
        await followUp.SubmittedAsync(submitted.Record, cancellationToken);

        return new SubmittedRequest.Stored(submitted.Record);
    }

    private async Task<SubmittedRequest> ResubmitAsync(ITurnContext turn, string reference, AccountRequestDetails details, string submissionId, CancellationToken cancellationToken)
    {
        var outcome = await requests.ApplyAsync(reference, request => request.Resubmit(details, turn.Actor(), time.GetUtcNow(), submissionId), cancellationToken);
        if (outcome.Changed is not { } resubmitted)
        {
            await RepairAsync(turn, outcome, cancellationToken);
            return outcome.Refusal is { Kind: RefusalKind.DuplicateSubmission } && outcome.Current is { } alreadySubmitted &&
                visibility.May(turn, alreadySubmitted.People(), RecordViews.Starter)
                ? new SubmittedRequest.Stored(alreadySubmitted)
                : new SubmittedRequest.Refused(outcome.RefusalMessage);
        }

        await followUp.ChangedByRequesterAsync(resubmitted, cancellationToken);
        return new SubmittedRequest.Stored(resubmitted);
    }

    private async Task<InvokeResponse> EditAsync(ITurnContext turn, CardAction action, CancellationToken cancellationToken)
    {
        var stored = await requests.GetAsync(action.GetString("reference") ?? string.Empty, cancellationToken);
        if (stored is null || !visibility.May(turn, stored.Record.People(), RecordViews.Starter))
        {
            return InvokeResponse.Message("That request could not be found among yours.");
        }

        return stored.Record.Status == AccountRequestStatus.ChangesRequested
            ? InvokeResponse.Card(cards.ResubmissionForm(stored.Record))
            : InvokeResponse.Message($"{stored.Record.Reference} is {AccountRequestIndex.StatusText(stored.Record.Status).ToLowerInvariant()}: there is nothing to edit.");
    }

    private async Task<InvokeResponse> WithdrawAsync(ITurnContext turn, CardAction action, CancellationToken cancellationToken)
    {
        var outcome = await requests.ApplyAsync(action.GetString("reference") ?? string.Empty, request => request.Withdraw(turn.Actor(), time.GetUtcNow()), cancellationToken);
        if (outcome.Changed is not { } withdrawn)
        {
            await RepairAsync(turn, outcome, cancellationToken);
            return InvokeResponse.Message(outcome.RefusalMessage);
        }

        await followUp.ChangedByRequesterAsync(withdrawn, cancellationToken);
        return InvokeResponse.Card(cards.DecisionNotice(withdrawn));
    }

    private Task RepairAsync(ITurnContext turn, ChangeOutcome<AccountRequest, TransitionRefusal> outcome, CancellationToken cancellationToken) =>
        outcome.Current is { } current ? followUp.RepairAsync(current, cancellationToken) : Task.CompletedTask;

    /// <summary>
    /// The people picker sends only an Entra object id; Comms should see a name (<see cref="PickedPeople"/>). When nobody
    /// can name them, the card falls back to the email or the id.
    /// </summary>
    private async Task<AccountRequestDetails> WithSecondAdminNamedAsync(ITurnContext turn, AccountRequestDetails details, CancellationToken cancellationToken)
    {
        if (details.SecondAdmin is not { AadObjectId: { } objectId, Name: null })
        {
            return details;
        }

        return await picker.NameAsync(turn, objectId, cancellationToken) is { DisplayName: { } name } found
            ? details with { SecondAdmin = details.SecondAdmin with { Name = name, Email = details.SecondAdmin.Email ?? found.Email } }
            : details;
    }

    /// <summary>
    /// The form again with its problems. A resubmission shows Comms' request for changes, to the requester only: someone
    /// else's reference gets their own typing back on a new form, nothing of the stored request.
    /// </summary>
    private async Task<RequestFormCard> FormWithErrorsAsync(ITurnContext turn, AccountRequestForm form, IReadOnlyDictionary<string, string> errors, CancellationToken cancellationToken)
    {
        var values = RequestFormValues.From(form);
        var submissionId = form.SubmissionId ?? Guid.NewGuid().ToString();
        if (form.Reference is not null && await requests.GetAsync(form.Reference, cancellationToken) is { } stored &&
            visibility.May(turn, stored.Record.People(), RecordViews.Starter))
        {
            return RequestFormCard.Resubmission(form.Reference, values, stored.Record.Decision?.Message, stored.Record.Decision?.DecidedBy.Name) with
            {
                SubmissionId = submissionId,
                Errors = errors,
            };
        }

        return new RequestFormCard(submissionId, values) { Errors = errors };
    }
}

/// <summary>What became of a submitted request form, for the chat and the dialog to answer in their own way.</summary>
internal abstract record SubmittedRequest
{
    /// <summary>The form again with its problems next to the fields: nothing stored.</summary>
    public sealed record Invalid(RequestFormCard Card) : SubmittedRequest;

    /// <summary>Stored (or found again, for a replayed submission id) and followed up.</summary>
    public sealed record Stored(AccountRequest Request) : SubmittedRequest;

    /// <summary>Not this person's form to send (someone else's submission id, a request that cannot change now).</summary>
    public sealed record Refused(string Message) : SubmittedRequest;
}
