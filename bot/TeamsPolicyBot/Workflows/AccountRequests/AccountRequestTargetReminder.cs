using System.Globalization;
using Microsoft.Extensions.Options;
using TeamsPolicyBot.Configuration;
using TeamsPolicyBot.Delivery;
using TeamsPolicyBot.Delivery.Reminders;

namespace TeamsPolicyBot.Workflows.AccountRequests;

/// <summary>
/// An account request Comms has not decided by 80% of <c>Targets:DecideAccountRequestWithin</c> after it was (re)submitted:
/// its approval thread is reminded once (see <see cref="TargetReminder{TRecord}"/>). Each version has its own key
/// ("account-request/ACC-2026-0003/2/decide-target"): a key fires once for good, and a resubmission starts the wait again.
/// Decided, withdrawn or sent back for changes meanwhile (or resubmitted again: a later version has its own), nothing is said.
/// </summary>
internal sealed class AccountRequestTargetReminder(IAccountRequests requests, IProactiveMessenger messenger, IOptions<TargetsOptions> targets, TimeProvider time)
    : TargetReminder<AccountRequest>(DecideInTime, requests, messenger, time)
{
    private static readonly ReminderKind DecideInTime = new("account-request", "decide-target");

    public static ReminderKey Key(AccountRequest request) => Key(request.Reference, request.Version);

    public static ReminderKey Key(string reference, int version) => DecideInTime.For(string.Create(CultureInfo.InvariantCulture, $"{reference}/{version}"));

    /// <summary>One key per version the request has had: the retention sweep deletes them all with it.</summary>
    public static IEnumerable<ReminderKey> KeysOf(AccountRequest request) => Enumerable.Range(1, request.Version).Select(version => Key(request.Reference, version));

    protected override string Target => "decide it";

    protected override TimeSpan Within => targets.Value.DecideAccountRequestWithin;

    protected override string ReferenceOf(ReminderKey key) => key.Reference.LastIndexOf('/') is var slash and > 0 ? key.Reference[..slash] : key.Reference;

    protected override WaitingRecord? StillWaiting(AccountRequest request, ReminderKey key) =>
        request.Status == AccountRequestStatus.Pending && Key(request) == key ? new(request.Reference, request.ApprovalCard, request.SubmittedAt) : null;
}
