using Microsoft.Extensions.Options;
using TeamsPolicyBot.Configuration;
using TeamsPolicyBot.Conversations.ProactiveMessages;
using TeamsPolicyBot.Protocol.Schema;
using TeamsPolicyBot.Storage.HarassmentSupport;
using TeamsPolicyBot.Storage.MyRequests;

namespace TeamsPolicyBot.HarassmentSupport;

/// <summary>
/// Who is told what after a referral is stored or taken (policy 6.3), all through the durable outbox:
/// the person's "My requests"; the line manager's 1:1 (details only with consent), or the case handlers
/// when the manager cannot be reached; the Comms channel card (reference and urgency only); when urgent,
/// the case handlers and escalation contacts at once. Logs name references only, never typed text.
/// </summary>
internal sealed partial class SupportFollowUp(
    ISupportReferrals referrals,
    IMyRequests myRequests,
    IProactiveMessenger messenger,
    SupportCards cards,
    CaseHandlerPolicy handlers,
    IOptions<EscalationOptions> escalation,
    TimeProvider time,
    ILogger<SupportFollowUp> logger)
{
    private const string CorrelationPrefix = "support/";

    public static string ChannelCardCorrelation(SupportReferral referral) => CorrelationPrefix + referral.Reference;

    public static string? ParseCorrelation(string? correlation) =>
        correlation is not null && correlation.StartsWith(CorrelationPrefix, StringComparison.Ordinal) ? correlation[CorrelationPrefix.Length..] : null;

    public async Task RequestedAsync(SupportReferral referral, string serviceUrl, string? tenantId, CancellationToken cancellationToken)
    {
        await myRequests.UpsertAsync(referral.ToMyRequestItem(), cancellationToken);
        if (referral.IsUrgent)
        {
            await TellUrgentAsync(referral, cancellationToken);
        }

        var card = Activity.CreateMessage(attachments: cards.Channel(referral));
        card.Summary = $"{(referral.IsUrgent ? "URGENT support request" : "Support request")} {referral.Reference}";
        await messenger.PostToCommsChannelAsync(serviceUrl, tenantId, card, ChannelCardCorrelation(referral), cancellationToken);
        await TellManagerAsync(referral, cancellationToken);
    }

    /// <summary>A case handler took the case: the channel card in place, the details to them alone, the person told.</summary>
    public async Task<PersonReach> TakenAsync(SupportReferral referral, CancellationToken cancellationToken)
    {
        await myRequests.UpsertAsync(referral.ToMyRequestItem(), cancellationToken);
        await UpdateChannelCardAsync(referral, cancellationToken);
        var handler = referral.Handler!.By;
        var reach = await SendDetailsAsync(referral, cancellationToken);
        await TellPersonAsync(
            referral,
            "A case handler is looking after your request",
            $"{Cards.Markdown.Escape(handler.Name)} from Communications & Engagement took your request and will contact you here in Teams.",
            "good",
            cancellationToken);
        return reach;
    }

    /// <summary>The full details, to the case handler who took the case and nobody else.</summary>
    public Task<PersonReach> SendDetailsAsync(SupportReferral referral, CancellationToken cancellationToken)
    {
        var details = Activity.CreateMessage(attachments: cards.Case(referral));
        details.Summary = $"Support case {referral.Reference}: the details";
        return messenger.SendToPersonAsync(referral.Handler!.By.AadObjectId, details, correlation: null, cancellationToken);
    }

    /// <summary>Relays the newest message to the other side: the person, or the case handler who took the case.</summary>
    public Task<PersonReach> MessagedAsync(SupportReferral referral, CancellationToken cancellationToken)
    {
        var message = referral.Messages[^1];
        var to = message.FromHandler ? referral.Person.AadObjectId : referral.Handler!.By.AadObjectId;
        var activity = Activity.CreateMessage(attachments: cards.Message(referral, message));
        activity.Summary = message.FromHandler
            ? $"A message about your support request {referral.Reference}"
            : $"A reply on support case {referral.Reference}";
        return messenger.SendToPersonAsync(to, activity, correlation: null, cancellationToken);
    }

    public async Task ActionRecordedAsync(SupportReferral referral, CancellationToken cancellationToken)
    {
        await myRequests.UpsertAsync(referral.ToMyRequestItem(), cancellationToken);
        var action = referral.Actions[^1];
        await TellPersonAsync(referral, "An update on your request", $"{Cards.Markdown.Escape(action.Recorded.By.Name)} recorded: {Cards.Markdown.Escape(action.Text)}", "accent", cancellationToken);
    }

    public async Task ClosedAsync(SupportReferral referral, CancellationToken cancellationToken)
    {
        await myRequests.UpsertAsync(referral.ToMyRequestItem(), cancellationToken);
        await UpdateChannelCardAsync(referral, cancellationToken);
        var closed = referral.Closure!;
        var notes = closed.Notes is null ? "" : $"\n\n{Cards.Markdown.Escape(closed.Notes)}";
        await TellPersonAsync(
            referral,
            $"Your request is closed: {SupportChoices.Outcomes.TitleOf(closed.Outcome)}",
            $"{Cards.Markdown.Escape(closed.Closed.By.Name)} closed your support request.{notes}\n\nIf it starts again or you need more support, type \"get support\" at any time. The employee assistance programme and the wellbeing service are there for you too.",
            "good",
            cancellationToken);
    }

    private async Task TellPersonAsync(SupportReferral referral, string headline, string detail, string style, CancellationToken cancellationToken)
    {
        var notice = Activity.CreateMessage(attachments: cards.Notice(referral.Reference, headline, detail, style));
        notice.Summary = $"Your support request {referral.Reference}: {headline}";
        if (!(await messenger.SendToPersonAsync(referral.Person.AadObjectId, notice, correlation: null, cancellationToken)).IsQueued)
        {
            LogPersonUnreachable(logger, referral.Reference);
        }
    }

    public Task UpdateChannelCardAsync(SupportReferral referral, CancellationToken cancellationToken)
    {
        if (referral.ChannelCard is not { } location)
        {
            return Task.CompletedTask;
        }

        var activity = Activity.CreateMessage(attachments: cards.Channel(referral));
        activity.Summary = $"Support request {referral.Reference}: {SupportIndex.StatusText(referral)}";
        return messenger.UpdateAsync(location.ServiceUrl, location.ConversationId, location.ActivityId, activity, cancellationToken);
    }

    private async Task TellManagerAsync(SupportReferral referral, CancellationToken cancellationToken)
    {
        string reason;
        if (referral.Manager.AadObjectId is { } managerId)
        {
            var message = Activity.CreateMessage(attachments: cards.ManagerNotice(referral));
            message.Summary = "A member of your team has asked for support";
            var reach = await messenger.SendToPersonAsync(managerId, message, correlation: null, cancellationToken);
            if (reach.IsQueued)
            {
                await referrals.ApplyAsync(referral.Reference, r => r.RecordManagerTold(time.GetUtcNow()), cancellationToken);
                return;
            }

            reason = $"The bot cannot message the line manager yet ({reach.Reason})";
        }
        else
        {
            reason = "The line manager was typed by the person (not found in the directory), so the bot cannot message them";
        }

        LogManagerUnreachable(logger, referral.Reference);
        await referrals.ApplyAsync(referral.Reference, r => r.RecordManagerNotReached(reason, time.GetUtcNow()), cancellationToken);
        var who = Cards.Markdown.Escape(referral.Manager.Label);
        var sharing = referral.ManagerMaySeeDetails
            ? "They may see the full details (take the case to read them)."
            : "They may know only that a referral exists and how to support the person, not the details.";
        await TellCaseHandlersAsync(
            referral,
            "Please let a line manager know",
            $"The line manager for support request {referral.Reference} could not be told by the bot: {reason.ToLowerInvariant()}. Please let them know another way ({who}). {sharing}",
            "warning",
            cancellationToken);
    }

    private async Task TellUrgentAsync(SupportReferral referral, CancellationToken cancellationToken)
    {
        const string Headline = "Urgent: someone feels unsafe now";
        var detail = $"A member of staff who is being harassed on social media says they feel physically unsafe now (support request {referral.Reference}). A case handler should take it in the Comms channel straight away; the details go to them only.";
        await TellCaseHandlersAsync(referral, Headline, detail, "attention", cancellationToken);
        var unreachable = 0;
        foreach (var contact in escalation.Value.ContactIds)
        {
            var message = Activity.CreateMessage(attachments: cards.Notice(referral.Reference, Headline, detail, "attention"));
            message.Summary = $"URGENT support request {referral.Reference}";
            if (!(await messenger.SendToPersonAsync(contact, message, correlation: null, cancellationToken)).IsQueued)
            {
                unreachable++;
            }
        }

        if (unreachable > 0)
        {
            LogEscalationUnreachable(logger, referral.Reference, unreachable);
        }
    }

    private async Task TellCaseHandlersAsync(SupportReferral referral, string headline, string detail, string style, CancellationToken cancellationToken)
    {
        var unreachable = 0;
        foreach (var handler in handlers.CaseHandlerIds)
        {
            var message = Activity.CreateMessage(attachments: cards.Notice(referral.Reference, headline, detail, style));
            message.Summary = $"Support request {referral.Reference}: {headline}";
            if (!(await messenger.SendToPersonAsync(handler, message, correlation: null, cancellationToken)).IsQueued)
            {
                unreachable++;
            }
        }

        if (unreachable > 0)
        {
            LogCaseHandlersUnreachable(logger, referral.Reference, unreachable, handlers.CaseHandlerIds.Count);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Support request {Reference}: the line manager could not be told by the bot; case handlers asked to follow up")]
    private static partial void LogManagerUnreachable(ILogger logger, string reference);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Support request {Reference}: could not notify the person: the bot has no personal chat with them")]
    private static partial void LogPersonUnreachable(ILogger logger, string reference);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Support request {Reference}: {Count} escalation contact(s) cannot be reached by the bot yet")]
    private static partial void LogEscalationUnreachable(ILogger logger, string reference, int count);

    [LoggerMessage(Level = LogLevel.Error, Message = "Support request {Reference}: {Count} of {Total} case handler(s) cannot be reached by the bot yet")]
    private static partial void LogCaseHandlersUnreachable(ILogger logger, string reference, int count, int total);
}
