using TeamsPolicyBot.Records;
using TeamsPolicyBot.Workflows.AccountRequests;

namespace TeamsPolicyBot.Workflows.OfficialAccounts;

/// <summary>
/// An account that existed before it was official, registered by someone who runs it (policy 4.1, 4.3): stored at once
/// as Waiting for Comms, outside the register, until a Comms approver adds it (Active) or says it is not an official account.
/// Its other administrators are invitations from the start: they are asked only once it is added, and count once they accept (4.21).
/// </summary>
internal sealed partial record OfficialAccount
{
    /// <summary>"REG": the prefix of a registered existing account's reference, beside the requests' "SMA".</summary>
    public const string RegistrationPrefix = "REG";

    /// <summary>Who asked for the existing account to be registered; null for accounts that came from an approved request.</summary>
    public Actor? RegisteredBy { get; init; }

    /// <summary>The form's submission id, which makes a retried "register account" find the first registration.</summary>
    public string? SubmissionId { get; init; }

    /// <summary>Why Comms said it is not an official account (the registrant reads it).</summary>
    public string? NotOfficialReason { get; init; }

    /// <summary>Whether the account is in the register: listed, searched, audited and its handle taken. False while Comms has not added it, or when they said it is not official.</summary>
    public bool IsInRegister => Status is not (OfficialAccountStatus.AwaitingComms or OfficialAccountStatus.NotOfficial);

    /// <summary>The history lines of a registration.</summary>
    public static class RegistrationActions
    {
        public const string Registered = "Existing account registered";
        public const string NotOfficial = "Not an official account";
    }

    /// <summary>The stored registration: the registrant is its administrator; the others are asked once Comms adds it.</summary>
    public static OfficialAccount FromRegistration(string reference, Requester registrant, AccountRegistrationDetails details, IReadOnlyList<Administrator> others, string submissionId, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(registrant);
        ArgumentNullException.ThrowIfNull(details);
        var by = new Actor(registrant.AadObjectId, registrant.Name);
        return new OfficialAccount
        {
            SourceReference = reference,
            Platform = details.Platform,
            PlatformName = details.PlatformName,
            Handle = details.Handle,
            Url = details.Link,
            UnitType = details.UnitType,
            UnitName = details.UnitName,
            Administrators = [new Administrator(registrant.AadObjectId, registrant.Email, registrant.Name)],
            Invitations = [.. others.Select(person => new AdministratorInvitation(person, by, now))],

            // Nobody approved it yet: filled in when Comms adds it.
            ApprovedBy = new Actor(string.Empty, string.Empty),
            ApprovedAt = now,
            NextAuditDue = now,
            Status = OfficialAccountStatus.AwaitingComms,
            RegisteredBy = by,
            SubmissionId = submissionId,
            History = [new AuditEntry(now, by.AadObjectId, by.Name, RegistrationActions.Registered, "waiting for Comms")],
        };
    }

    /// <summary>A Comms approver adds it: Active from now, first audited <paramref name="auditInterval"/> later; the others' invitations go out.</summary>
    public AccountTransition AddToRegister(Actor by, DateTimeOffset now, TimeSpan auditInterval)
    {
        ArgumentNullException.ThrowIfNull(by);
        if (NotAwaitingComms() is { } refused)
        {
            return refused;
        }

        var invited = Invitations.Select(invite => new AuditEntry(now, by.AadObjectId, by.Name, AdminActions.Invited, NameOf(invite.Person)));
        return AccountTransition.To(this with
        {
            Status = OfficialAccountStatus.Active,
            ApprovedBy = by,
            ApprovedAt = now,
            NextAuditDue = now + auditInterval,
            Invitations = [.. Invitations.Select(invite => invite with { At = now })],
            History = [.. History, new AuditEntry(now, by.AadObjectId, by.Name, "Added to the register", $"existing account registered by {RegisteredBy?.Name}"), .. invited],
        });
    }

    /// <summary>A Comms approver says it is not an official account, with a reason the registrant reads. It stays out of the register.</summary>
    public AccountTransition MarkNotOfficial(Actor by, string? reason, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(by);
        var text = reason?.Trim();
        if (string.IsNullOrEmpty(text))
        {
            return AccountTransition.Refused("Write why this is not an official account (the person who registered it reads it), then select Not an official account again.");
        }

        if (text.Length > AccountRegistrationFields.NotOfficialReasonLength)
        {
            return AccountTransition.Refused($"The reason is {text.Length} characters long: shorten it to {AccountRegistrationFields.NotOfficialReasonLength} or fewer.");
        }

        if (NotAwaitingComms() is { } refused)
        {
            return refused;
        }

        return AccountTransition.To(this with
        {
            Status = OfficialAccountStatus.NotOfficial,
            NotOfficialReason = text,

            // Where the retention sweep counts from, as for a closed account.
            ClosedAt = now,
            History = [.. History, new AuditEntry(now, by.AadObjectId, by.Name, RegistrationActions.NotOfficial, text)],
        });
    }

    /// <summary>The refusal of a second decision (a second click, another approver at the same time), naming the first.</summary>
    private AccountTransition? NotAwaitingComms()
    {
        var decided = History.Count > 0 ? History[^1] : null;
        return Status switch
        {
            OfficialAccountStatus.AwaitingComms => null,
            OfficialAccountStatus.NotOfficial => AccountTransition.Refused($"{decided?.ActorName} already said {SourceReference} is not an official account. Nothing has changed."),
            _ when RegisteredBy is not null => AccountTransition.Refused($"{ApprovedBy.Name} already added {SourceReference} to the register on {Cards.CardDates.Date(ApprovedAt)}. Nothing has changed."),
            _ => AccountTransition.Refused($"{SourceReference} is not a registration waiting for Comms."),
        };
    }
}
