using TeamsPolicyBot.Forms;
using TeamsPolicyBot.Records;

namespace TeamsPolicyBot.Workflows.HarassmentSupport;

internal sealed partial record SupportReferral
{
    /// <summary>
    /// On a "talk first" request, what the case handler told the line manager with "Tell their line manager now" (as the
    /// person agreed with them), and who did it and when; null until then, and always on the other choices.
    /// </summary>
    public ManagerToldLater? ManagerToldLater { get; init; }

    /// <summary>
    /// The line manager is (or was) to be told through the bot: chosen on the form, or agreed later and told by the case
    /// handler. Never while a "talk first" request waits for that, and never when the manager is involved.
    /// </summary>
    public bool ManagerIsToBeTold => Details.ManagerSharing.TellsManagerAtOnce() || ManagerToldLater is not null;

    /// <summary>What the manager may know: as chosen on the form, or as agreed later on a "talk first" request.</summary>
    private ManagerSharing SharingWithManager => ManagerToldLater?.Sharing ?? Details.ManagerSharing;

    /// <summary>"Talk first", and the manager not told yet: the case card offers "Tell their line manager now".</summary>
    public bool WaitsToTellManager => Details.ManagerSharing == ManagerSharing.TalkFirst && ManagerToldLater is null;

    /// <summary>
    /// "Tell their line manager now", by the case handler who has the case and nobody else, once: a second click (or one
    /// from a stale card) is refused, and saving with the ETag it was read with makes two at once one. The manager
    /// (<paramref name="manager"/>, from the directory when the request has none yet) is set here, so the notice that
    /// follows goes to them and they may see their notice again, as on a request sent with the manager told at once.
    /// </summary>
    /// <param name="sharing">"full" or "referralOnly" (<see cref="SupportChoices.LaterSharing"/>).</param>
    public ReferralTransition TellManagerNow(Actor handler, string? sharing, ReferralManager manager, DateTimeOffset at)
    {
        ArgumentNullException.ThrowIfNull(handler);
        ArgumentNullException.ThrowIfNull(manager);
        if (RefuseUnlessHandler(handler, "tell their line manager") is { } refused)
        {
            return refused;
        }

        if (Details.ManagerSharing != ManagerSharing.TalkFirst)
        {
            return Refuse(Details.ManagerSharing == ManagerSharing.ManagerInvolved
                ? $"{Person.Name} said their line manager is involved, so the bot never tells them. Nothing was sent."
                : $"{Person.Name}'s line manager was told when the request was sent. Nothing more was sent.");
        }

        if (ManagerToldLater is { } told)
        {
            return Refuse(ReferralRefusalKind.AlreadyApplied, $"{told.Told.By.Name} already told their line manager {When(told.Told.At)} ({SupportChoices.LaterSharing.TitleOf(told.Sharing).ToLowerInvariant()}). Nothing more was sent.");
        }

        if (!SupportChoices.LaterSharing.TryParse(sharing, out var agreed))
        {
            return Refuse(ReferralRefusalKind.InvalidInput, "Choose what their line manager may be told (what they agreed with you), then select Tell their line manager again.");
        }

        return Changed(at, handler, ReferralAuditActions.ManagerToldByHandler, SupportChoices.LaterSharing.TitleOf(agreed)) with
        {
            Manager = manager,
            ManagerToldLater = new ManagerToldLater(agreed, new Stamp(handler, at)),
        };
    }

    /// <summary>Their own "Tell their line manager now" is stored: a retried click runs what follows again (keyed, so nothing twice).</summary>
    public bool ManagerToldLaterBy(Actor actor) => ManagerToldLater is { } told && ObjectIds.Same(told.Told.By.AadObjectId, actor.AadObjectId);
}

/// <summary>A "talk first" request's manager, told later by the case handler: what they were told, by whom and when.</summary>
internal sealed record ManagerToldLater(ManagerSharing Sharing, Stamp Told);
