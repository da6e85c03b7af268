using System.Globalization;
using TeamsPolicyBot.Forms;
using TeamsPolicyBot.Records;
using TeamsPolicyBot.Workflows.AccountRequests;

namespace TeamsPolicyBot.Workflows.OfficialAccounts;

/// <summary>
/// Someone asked to become an administrator (policy 4.21), who does not count until they accept. <paramref name="Replaces"/>
/// is the administrator who stops being one when they do (a handover), if any.
/// </summary>
internal sealed record AdministratorInvitation(Administrator Person, Actor InvitedBy, DateTimeOffset At, string? Replaces = null);

/// <summary>Adding, accepting, removing and losing administrators (policy 4.20, 4.21). An account never drops below two accepted administrators by a removal.</summary>
internal sealed partial record OfficialAccount
{
    /// <summary>Policy 4.21: at least two members of staff can get into every official account.</summary>
    public const int MinimumAdministrators = 2;

    /// <summary>People asked to become administrators who have not answered yet. Rows stored before invitations read as none.</summary>
    public IReadOnlyList<AdministratorInvitation> Invitations { get; init; } = [];

    /// <summary>The history lines of administrator changes.</summary>
    public static class AdminActions
    {
        public const string Invited = "Administrator invited";
        public const string Accepted = "Administrator accepted";
        public const string Declined = "Administrator declined";
        public const string Removed = "Administrator removed";
        public const string Left = "Administrator left the university";
        public const string PasswordsChanged = "Passwords changed after a leaver";
    }

    public AdministratorInvitation? InvitationOf(string? aadObjectId) =>
        string.IsNullOrWhiteSpace(aadObjectId) ? null : Invitations.FirstOrDefault(invite => ObjectIds.Same(invite.Person.AadObjectId, aadObjectId));

    public Administrator? AdministratorOf(string? aadObjectId) =>
        string.IsNullOrWhiteSpace(aadObjectId) ? null : Administrators.FirstOrDefault(admin => ObjectIds.Same(admin.AadObjectId, aadObjectId));

    /// <summary>An administrator or Comms asks <paramref name="person"/> (chosen in the people picker, so a member of staff) to become one.</summary>
    public AccountTransition Invite(Actor by, Administrator person, string? replaces, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(person);
        if (Status is OfficialAccountStatus.Closing or OfficialAccountStatus.Closed || !IsInRegister)
        {
            return AccountTransition.Refused($"{SourceReference} is {OfficialAccountStatuses.Text(Status).ToLowerInvariant()}: it takes no new administrators.");
        }

        if (string.IsNullOrWhiteSpace(person.AadObjectId))
        {
            return AccountTransition.Refused("Choose the new administrator in the people picker: administrators must be members of staff.");
        }

        if (IsAdministrator(person.AadObjectId))
        {
            return AccountTransition.Refused($"{NameOf(person)} is already an administrator of {SourceReference}.");
        }

        if (InvitationOf(person.AadObjectId) is not null)
        {
            return AccountTransition.Refused($"{NameOf(person)} has already been asked and has not answered yet.");
        }

        var replaced = string.IsNullOrWhiteSpace(replaces) ? null : AdministratorOf(replaces);
        if (!string.IsNullOrWhiteSpace(replaces) && replaced is null)
        {
            return AccountTransition.Refused("The administrator to replace is no longer one. Open the account again and choose from its list.");
        }

        var detail = replaced is null ? NameOf(person) : $"{NameOf(person)}, to replace {NameOf(replaced)}";
        return AccountTransition.To(this with
        {
            Invitations = [.. Invitations, new AdministratorInvitation(person, by, now, replaced?.AadObjectId)],
            History = [.. History, new AuditEntry(now, by.AadObjectId, by.Name, AdminActions.Invited, detail)],
        });
    }

    /// <summary>The invited person accepts: they count from now; the one they replace (if any) stops; an account short of administrators becomes Active again.</summary>
    public AccountTransition Accept(Actor by, DateTimeOffset now)
    {
        if (InvitationOf(by.AadObjectId) is not { } invitation)
        {
            return AccountTransition.Refused(IsAdministrator(by.AadObjectId)
                ? $"You are already an administrator of {SourceReference}."
                : "This invitation is no longer open: it was withdrawn or answered.");
        }

        if (Status is OfficialAccountStatus.Closing or OfficialAccountStatus.Closed || !IsInRegister)
        {
            return AccountTransition.Refused($"{SourceReference} is {OfficialAccountStatuses.Text(Status).ToLowerInvariant()}: it takes no new administrators.");
        }

        var added = invitation.Person with { AadObjectId = by.AadObjectId, Name = by.Name };
        var kept = Administrators.Where(admin => invitation.Replaces is null || !ObjectIds.Same(admin.AadObjectId, invitation.Replaces)).ToList();
        var replaced = invitation.Replaces is null ? null : AdministratorOf(invitation.Replaces);
        IReadOnlyList<Administrator> administrators = [.. kept, added];
        var history = new List<AuditEntry>(History) { new(now, by.AadObjectId, by.Name, AdminActions.Accepted, replaced is null ? null : $"replaces {NameOf(replaced)}") };
        if (replaced is not null)
        {
            history.Add(new AuditEntry(now, by.AadObjectId, by.Name, AdminActions.Removed, $"{NameOf(replaced)}, replaced by {by.Name}"));
        }

        return AccountTransition.To(this with
        {
            Administrators = administrators,
            Invitations = [.. Invitations.Where(invite => invite != invitation)],
            Status = Status == OfficialAccountStatus.NeedsAdministrator && administrators.Count >= MinimumAdministrators ? OfficialAccountStatus.Active : Status,
            History = history,
        });
    }

    public AccountTransition Decline(Actor by, DateTimeOffset now)
    {
        if (InvitationOf(by.AadObjectId) is not { } invitation)
        {
            return AccountTransition.Refused("This invitation is no longer open: it was withdrawn or answered.");
        }

        return AccountTransition.To(this with
        {
            Invitations = [.. Invitations.Where(invite => invite != invitation)],
            History = [.. History, new AuditEntry(now, by.AadObjectId, by.Name, AdminActions.Declined, null)],
        });
    }

    /// <summary>An administrator or Comms removes an administrator. Refused when it would leave fewer than two: add one first.</summary>
    public AccountTransition RemoveAdministrator(Actor by, string? aadObjectId, DateTimeOffset now)
    {
        if (AdministratorOf(aadObjectId) is not { } admin)
        {
            return AccountTransition.Refused("That person is no longer an administrator of this account.");
        }

        if (Administrators.Count <= MinimumAdministrators)
        {
            return AccountTransition.Refused(
                $"{PlatformName} {Handle} has {Words(Administrators.Count)} administrators, the fewest it may have (policy 4.21). " +
                $"Add a new administrator and have them accept before removing {NameOf(admin)}, or choose \"Replace\" when you add them.");
        }

        return AccountTransition.To(this with
        {
            Administrators = [.. Administrators.Where(other => other != admin)],
            History = [.. History, new AuditEntry(now, by.AadObjectId, by.Name, AdminActions.Removed, NameOf(admin))],
        });
    }

    /// <summary>
    /// Comms marks an administrator as having left the university (policy 4.20): they stop counting at once, whatever is
    /// left; an account left with fewer than two needs an administrator until someone new accepts.
    /// </summary>
    public AccountTransition MarkLeft(Actor by, string? aadObjectId, DateTimeOffset now)
    {
        if (AdministratorOf(aadObjectId) is not { } admin)
        {
            return AccountTransition.Refused("That person is no longer an administrator of this account.");
        }

        var remaining = Administrators.Where(other => other != admin).ToList();
        var needs = remaining.Count < MinimumAdministrators && Status is not (OfficialAccountStatus.Closing or OfficialAccountStatus.Closed);
        return AccountTransition.To(this with
        {
            Administrators = remaining,
            Invitations = [.. Invitations.Where(invite => invite.Replaces is null || !ObjectIds.Same(invite.Replaces, admin.AadObjectId))],
            Status = needs ? OfficialAccountStatus.NeedsAdministrator : Status,
            History = [.. History, new AuditEntry(now, by.AadObjectId, by.Name, AdminActions.Left, NameOf(admin))],
        });
    }

    /// <summary>A remaining administrator confirms the passwords were changed and stored in the approved password manager. The bot never takes a password.</summary>
    public AccountTransition ConfirmPasswordsChanged(Actor by, DateTimeOffset now)
    {
        if (!IsAdministrator(by.AadObjectId))
        {
            return AccountTransition.Refused("Only this account's administrators can confirm its passwords were changed.");
        }

        var lastLeft = History.LastOrDefault(entry => entry.Action == AdminActions.Left);
        if (lastLeft is null || History.Any(entry => entry.Action == AdminActions.PasswordsChanged && entry.At >= lastLeft.At))
        {
            return AccountTransition.Refused("The passwords were already confirmed changed since the last administrator left.");
        }

        return AccountTransition.To(this with
        {
            History = [.. History, new AuditEntry(now, by.AadObjectId, by.Name, AdminActions.PasswordsChanged, $"after {lastLeft.Detail} left; stored in the approved password manager")],
        });
    }

    public static string NameOf(Administrator admin) => admin.Name ?? admin.Email ?? "An administrator";

    private static string Words(int count) => count switch { 0 => "no", 1 => "one", 2 => "two", _ => count.ToString(CultureInfo.InvariantCulture) };
}
