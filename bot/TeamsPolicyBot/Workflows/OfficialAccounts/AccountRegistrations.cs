using Microsoft.Extensions.Options;
using TeamsPolicyBot.Cards;
using TeamsPolicyBot.Configuration;
using TeamsPolicyBot.Delivery;
using TeamsPolicyBot.Delivery.Outbox;
using TeamsPolicyBot.Forms;
using TeamsPolicyBot.People;
using TeamsPolicyBot.Protocol.Hosting;
using TeamsPolicyBot.Protocol.Schema;
using TeamsPolicyBot.Records;
using TeamsPolicyBot.Storage.Counters;
using TeamsPolicyBot.Turns;
using TeamsPolicyBot.Turns.CardActions;
using TeamsPolicyBot.Workflows.AccountRequests;
using TeamsPolicyBot.Workflows.AccountRequests.Cards;

namespace TeamsPolicyBot.Workflows.OfficialAccounts;

/// <summary>"register account": the empty form for an existing account, in the person's personal chat.</summary>
internal sealed class RegisterAccountCommand(RegistrationCards cards) : IBotCommand
{
    public string Verb => OfficialAccountVerbs.Register;

    public VerbRule Rule => VerbRule.NoRecord;

    public IReadOnlyCollection<string> Phrases { get; } =
        ["register account", "register an account", "register existing account", "register an existing account", "register my account"];

    public Task HandleAsync(ITurnContext turn, CancellationToken cancellationToken)
    {
        if (!turn.Activity.IsInPersonalChat())
        {
            return turn.SendAsync(Activity.CreateMessage("Accounts are registered in a private chat: message me \"register account\" there."), cancellationToken);
        }

        var form = Activity.CreateMessage(attachments: cards.Form(new RegistrationFormCard(Guid.NewGuid().ToString(), RegistrationFormValues.Empty)));
        form.Summary = "Register an existing social media account";
        return turn.SendAsync(form, cancellationToken);
    }
}

/// <summary>Binds cards/official-accounts/register-existing-form.json: the form, empty or with what was typed and its problems.</summary>
internal sealed record RegistrationFormCard(string SubmissionId, RegistrationFormValues Values)
{
    public IReadOnlyDictionary<string, string> Errors { get; init; } = new Dictionary<string, string>();

    public bool HasErrors => Errors.Count > 0;

    public string ErrorSummary => FormInputs.ProblemsSummary(Errors.Count);

    /// <summary>The people already chosen, so the picker shows their names when the form comes back.</summary>
    public IReadOnlyList<RegisterChoice> OtherAdminChoices { get; init; } = [];
}

internal sealed record RegistrationFormValues(string Platform, string PlatformOther, string Handle, string AccountUrl, string UnitType, string UnitName, string OtherAdmins)
{
    public static RegistrationFormValues Empty { get; } = new("", "", "", "", "", "", "");

    public static RegistrationFormValues From(AccountRegistrationForm form) => new(
        form.Platform ?? "", form.PlatformOther ?? "", form.Handle ?? "", form.Link ?? "", form.UnitType ?? "", form.UnitName ?? "", form.OtherAdmins ?? "");
}

/// <summary>Binds cards/official-accounts/registration.json. Every text someone typed is escaped.</summary>
internal sealed record RegistrationCard(
    string Reference,
    string AccountName,
    string Platform,
    string Handle,
    string Link,
    string Unit,
    string RegisteredBy,
    string OtherAdministrators,
    string StatusText,
    bool IsPending,
    bool HasRegisteredHandle,
    string RegisteredHandle,
    string Reason,
    string StateText);

/// <summary>The registration's cards: the form, and the card Comms decides on (the registrant gets the same card without the buttons).</summary>
internal sealed class RegistrationCards(CardTemplates templates)
{
    public Attachment Form(RegistrationFormCard card) => templates.RenderAttachment(OfficialAccountCardNames.RegisterExistingForm, card);

    /// <summary>
    /// The card about <paramref name="account"/>. The buttons show only while it waits for Comms and only on the Comms
    /// channel's card (<paramref name="forComms"/>); <paramref name="registered"/> is the account already holding its handle.
    /// </summary>
    public Attachment Card(OfficialAccount account, bool forComms, RegisteredHandle? registered = null)
    {
        ArgumentNullException.ThrowIfNull(account);
        var registrant = Markdown.Escape(account.RegisteredBy?.Name);
        var handle = Markdown.Escape(account.Handle);
        var state = account.Status switch
        {
            OfficialAccountStatus.AwaitingComms when forComms => "Add it to the register, or say it is not an official account.",
            OfficialAccountStatus.AwaitingComms => "Sent to Comms. I will tell you here when they have decided. Nothing changes on the platform.",
            OfficialAccountStatus.NotOfficial => $"{Markdown.Escape(account.History[^1].ActorName)} said this is not an official account on {CardDates.Date(account.History[^1].At)}. It is not in the register.",
            _ => $"{Markdown.Escape(account.ApprovedBy.Name)} added it to the register on {CardDates.Date(account.ApprovedAt)}. Its first audit is due on {CardDates.Date(account.NextAuditDue)}.",
        };
        var others = account.Administrators.Skip(1).Select(admin => Markdown.Escape(OfficialAccount.NameOf(admin))).ToList();
        if (account.Invitations.Count > 0 && account.Status is OfficialAccountStatus.AwaitingComms or OfficialAccountStatus.Active)
        {
            var when = account.Status == OfficialAccountStatus.AwaitingComms ? "asked to accept once the account is added" : "asked to accept";
            others.Add($"{AccountRequestCardText.Administrators(account.Invitations.Select(invite => OfficialAccount.NameOf(invite.Person)))} ({when})");
        }

        var card = new RegistrationCard(
            account.SourceReference,
            $"{Markdown.Escape(account.PlatformName)} · {(account.Url is { } url ? Markdown.Link(url, account.Handle) : handle)}",
            Markdown.Escape(account.PlatformName),
            handle,
            Markdown.Escape(account.Url?.OriginalString),
            $"{Markdown.Escape(account.UnitName)} ({AccountRequestChoices.UnitTypes.TitleOf(account.UnitType)})",
            registrant,
            others.Count == 0 ? "none" : string.Join("; ", others),
            OfficialAccountStatuses.Text(account.Status),
            IsPending: forComms && account.Status == OfficialAccountStatus.AwaitingComms,
            HasRegisteredHandle: registered is not null && forComms && account.Status == OfficialAccountStatus.AwaitingComms,
            registered is null ? "" : $"{Markdown.Escape(registered.PlatformName)} {Markdown.Escape(registered.Handle)}, for {Markdown.Escape(registered.UnitName)} ({registered.SourceReference})",
            Markdown.Escape(account.NotOfficialReason),
            state);
        return templates.RenderAttachment(OfficialAccountCardNames.Registration, card);
    }
}

/// <summary>
/// Registering an existing account (policy 4.1, 4.3): the registrant's form, then the Comms channel's card. Only a Comms
/// approver decides, never on their own registration, and only once (the account's ETag): Add to register makes it Active
/// and asks the other administrators to accept; Not an official account needs a reason, which the registrant reads.
/// </summary>
internal sealed partial class AccountRegistrations(
    IOfficialAccounts accounts,
    IReferenceNumbers referenceNumbers,
    RegistrationCards cards,
    AuditFollowUp audits,
    AdministratorFollowUp administrators,
    IProactiveMessenger messenger,
    ConfiguredPeople people,
    PickedPeople picker,
    IOptions<AccountsOptions> options,
    TimeProvider time,
    ILogger<AccountRegistrations> logger) : ICardActionHandler
{
    public const string CommsOnly = "Only the Comms team can decide on accounts registered for the register. Nothing has changed.";

    public const string OwnRegistration = "You registered this account, so someone else in the Comms team must decide on it. Nothing has changed.";

    public IReadOnlyDictionary<string, VerbRule> Verbs { get; } = new Dictionary<string, VerbRule>
    {
        // The form answers from the sender's own typing; a replayed submission id shows the registration only to its registrant.
        [OfficialAccountVerbs.SubmitRegistration] = VerbRule.NoRecord,

        // The Comms channel's card, to Comms approvers only.
        [OfficialAccountVerbs.AddRegistration] = new(RecordKind.OfficialAccount, RecordViews.Working),
        [OfficialAccountVerbs.NotOfficial] = new(RecordKind.OfficialAccount, RecordViews.Working),
    };

    public Task<InvokeResponse> HandleAsync(ITurnContext turn, CardAction action, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(action);
        return action.Verb == OfficialAccountVerbs.SubmitRegistration ? SubmitAsync(turn, action, cancellationToken) : DecideAsync(turn, action, cancellationToken);
    }

    private async Task<InvokeResponse> SubmitAsync(ITurnContext turn, CardAction action, CancellationToken cancellationToken)
    {
        var form = AccountRegistrationForm.FromJson(action.Data);
        var registrant = await turn.RequesterAsync(cancellationToken);
        var submissionId = form.SubmissionId is { Length: > 0 and <= 100 } id ? id : Guid.NewGuid().ToString();
        var checkedForm = AccountRegistrationValidator.Validate(form, registrant.AadObjectId);
        var others = await NamedAsync(turn, checkedForm.Value?.OtherAdminIds ?? [], cancellationToken);
        if (checkedForm.Value is not { } details)
        {
            return FormAgain(form, submissionId, checkedForm.Errors, others);
        }

        // Its handle is taken (policy 4.3: one register entry per account): the form comes back naming the account that has it.
        if (await accounts.FindByHandleAsync(details.Platform, details.PlatformName, details.Handle, cancellationToken) is { } taken)
        {
            return FormAgain(form, submissionId, new Dictionary<string, string> { [AccountRegistrationFields.Handle] = AlreadyRegistered(taken) }, others);
        }

        var now = time.GetUtcNow();
        var (account, created) = await accounts.RegisterAsync(
            submissionId,
            async ct => OfficialAccount.FromRegistration(await referenceNumbers.NextAsync(OfficialAccount.RegistrationPrefix, ct), registrant, details, others, submissionId, now),
            cancellationToken);

        // Someone else's submission id: their registration is not this person's to see.
        if (!created && !ObjectIds.Same(account.RegisteredBy?.AadObjectId, registrant.AadObjectId))
        {
            return InvokeResponse.Message(Visibility.FormAlreadyUsed);
        }

        // Also for a retry: the first attempt may have stopped before posting (the post is idempotent).
        await PostToCommsAsync(account, cancellationToken);
        return InvokeResponse.Card(cards.Card(account, forComms: false));
    }

    private async Task<InvokeResponse> DecideAsync(ITurnContext turn, CardAction action, CancellationToken cancellationToken)
    {
        var actor = turn.Actor();
        var reference = action.GetString("reference") ?? string.Empty;
        if (!people.IsCommsApprover(actor.AadObjectId))
        {
            return InvokeResponse.Message(CommsOnly);
        }

        if (string.IsNullOrWhiteSpace(reference) || await accounts.GetAsync(reference, cancellationToken) is not { RegisteredBy: { } registrant } account)
        {
            return InvokeResponse.Message(Visibility.NotFound(RecordKind.OfficialAccount));
        }

        if (ObjectIds.Same(registrant.AadObjectId, actor.AadObjectId))
        {
            return InvokeResponse.Message(OwnRegistration);
        }

        var now = time.GetUtcNow();
        Func<OfficialAccount, AccountTransition> decide;
        if (action.Verb == OfficialAccountVerbs.AddRegistration)
        {
            var taken = await accounts.FindByHandleAsync(account.Platform, account.PlatformName, account.Handle, cancellationToken);
            if (taken is not null && taken.SourceReference != account.SourceReference && account.Status == OfficialAccountStatus.AwaitingComms)
            {
                return InvokeResponse.Message($"{AlreadyRegistered(taken)} Say this one is not an official account instead, or close the other first. Nothing has changed.");
            }

            decide = a => a.AddToRegister(actor, now, options.Value.AuditInterval);
        }
        else
        {
            var reason = action.GetString(AccountRegistrationFields.NotOfficialReason);
            decide = a => a.MarkNotOfficial(actor, reason, now);
        }

        var outcome = await accounts.ApplyAsync(reference, decide, cancellationToken);
        if (outcome.Changed is not { } decided)
        {
            // Decided already: what follows the decision happens again under the same keys, in case it was cut short.
            if (outcome.Current is { Status: not OfficialAccountStatus.AwaitingComms } current)
            {
                await DecidedAsync(current, cancellationToken);
            }

            return InvokeResponse.Message(outcome.RefusalMessage);
        }

        await DecidedAsync(decided, cancellationToken);
        return InvokeResponse.Card(cards.Card(decided, forComms: true));
    }

    /// <summary>What follows a decision, every message under a key naming the registration and the step, so a repeat says nothing twice.</summary>
    private async Task DecidedAsync(OfficialAccount account, CancellationToken cancellationToken)
    {
        var registrant = account.RegisteredBy!.AadObjectId;
        string text;
        if (account.Status == OfficialAccountStatus.NotOfficial)
        {
            text = $"Comms looked at {Plain(account)} ({account.SourceReference}) and it is not an official account, so it is not in the register. " +
                $"Their reason: {account.NotOfficialReason}\n\nIf it should speak for the university, message me \"request account\": " +
                "the policy asks for a short business case and Comms approval first (4.1 to 4.3).";
        }
        else
        {
            await accounts.IndexHandleAsync(account, cancellationToken: cancellationToken);
            await audits.ScheduleNextAuditAsync(account, cancellationToken);

            // Each invitation once: the follow-up names the newest invitation of the account it is given.
            for (var count = 1; count <= account.Invitations.Count; count++)
            {
                await administrators.InvitedAsync(account with { Invitations = [.. account.Invitations.Take(count)] }, cancellationToken);
            }

            var invited = account.Invitations.Count == 0 ? "" : $" I have asked {AccountRequestCardText.Administrators(account.Invitations.Select(invite => OfficialAccount.NameOf(invite.Person)))} to accept: they count as administrators once they do.";
            text = $"Comms added {Plain(account)} ({account.SourceReference}) to the register of official accounts. Its first audit is due on {CardDates.Date(account.NextAuditDue)}.{invited} Message me \"my accounts\" to see it.";
        }

        var reach = await messenger.SendToPersonAsync(registrant, Activity.CreateMessage(text), tag: null, cancellationToken, $"account-registration/{account.SourceReference}/{account.Status}/registrant");
        if (!reach.IsQueued)
        {
            LogUnreachable(logger, account.SourceReference, reach.Reason);
        }
    }

    private async Task PostToCommsAsync(OfficialAccount account, CancellationToken cancellationToken)
    {
        var registered = await accounts.FindByHandleAsync(account.Platform, account.PlatformName, account.Handle, cancellationToken);
        var card = Activity.CreateMessage(attachments: cards.Card(account, forComms: true, registered));
        card.Summary = $"Existing account to register: {Plain(account)}";
        if (!await messenger.PostToCommsChannelAsync(CommsChannel.AccountRequests, card, new DeliveryTag("account-registration", account.SourceReference, "card"), cancellationToken, $"account-registration/{account.SourceReference}/channel-card"))
        {
            LogCommsUnreachable(logger, account.SourceReference);
        }
    }

    private InvokeResponse FormAgain(AccountRegistrationForm form, string submissionId, IReadOnlyDictionary<string, string> errors, IReadOnlyList<Administrator> others) =>
        InvokeResponse.Card(cards.Form(new RegistrationFormCard(submissionId, RegistrationFormValues.From(form))
        {
            Errors = errors,
            OtherAdminChoices = [.. others.Select(admin => new RegisterChoice(OfficialAccount.NameOf(admin), admin.AadObjectId!))],
        }));

    /// <summary>"The register already has Instagram @x, for the Malaria Centre (SMA-2026-0001)."</summary>
    private static string AlreadyRegistered(RegisteredHandle taken) =>
        $"The register already has {taken.PlatformName} {taken.Handle}, for {taken.UnitName} ({taken.SourceReference}). If you help run it, ask its administrators or Comms to add you.";

    /// <summary>The people picker sends object ids; Comms and the invitations should show names (<see cref="PickedPeople"/>).</summary>
    private async Task<IReadOnlyList<Administrator>> NamedAsync(ITurnContext turn, IReadOnlyList<string> ids, CancellationToken cancellationToken)
    {
        var named = new List<Administrator>();
        foreach (var id in ids)
        {
            var name = await picker.NameAsync(turn, id, cancellationToken);
            named.Add(new Administrator(id, name?.Email, name?.DisplayName));
        }

        return named;
    }

    private static string Plain(OfficialAccount account) => $"{account.PlatformName} {account.Handle}";

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not tell the registrant of {Reference}: {Reason}")]
    private static partial void LogUnreachable(ILogger logger, string reference, UnreachableReason reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not post registration {Reference} to the Comms channel: its location is not known")]
    private static partial void LogCommsUnreachable(ILogger logger, string reference);
}
