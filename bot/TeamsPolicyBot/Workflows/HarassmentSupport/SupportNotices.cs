using Microsoft.Extensions.Options;
using TeamsPolicyBot.Configuration;
using TeamsPolicyBot.Delivery;
using TeamsPolicyBot.Protocol.Schema;
using TeamsPolicyBot.Records;

namespace TeamsPolicyBot.Workflows.HarassmentSupport;

/// <summary>
/// The short notices several steps of a referral send (policy 6.3), all through the durable outbox, each under its
/// step's key (<see cref="StepKey"/>): to the person, to the case handlers, to the case handler who has the case, and
/// the urgent ones to the case handlers and the escalation contacts. Logs name references only, never typed text.
/// </summary>
internal sealed partial class SupportNotices(
    IProactiveMessenger messenger,
    SupportCards cards,
    ConfiguredPeople people,
    IOptions<EscalationOptions> escalation,
    ILogger<SupportNotices> logger)
{
    public static string StepKey(SupportReferral referral, string step) => ReferralChannelCard.StepKey(referral, step);

    public async Task TellPersonAsync(SupportReferral referral, string step, string headline, string detail, string style, CancellationToken cancellationToken, bool canWithdraw = false)
    {
        var notice = Activity.CreateMessage(attachments: cards.Notice(referral.Reference, headline, detail, style, canWithdraw));
        notice.Summary = $"Your support request {referral.Reference}: {headline}";
        if (!(await messenger.SendToPersonAsync(referral.Person.AadObjectId, notice, tag: null, cancellationToken, StepKey(referral, step))).IsQueued)
        {
            LogPersonUnreachable(logger, referral.Reference);
        }
    }

    /// <summary>The case handler who took the case, and nobody else.</summary>
    public async Task TellCaseHandlerAsync(SupportReferral referral, string step, string summary, string headline, string detail, string style, CancellationToken cancellationToken)
    {
        var notice = Activity.CreateMessage(attachments: cards.Notice(referral.Reference, headline, detail, style));
        notice.Summary = summary;
        if (!(await messenger.SendToPersonAsync(referral.Handler!.By.AadObjectId, notice, tag: null, cancellationToken, StepKey(referral, step))).IsQueued)
        {
            LogCaseHandlersUnreachable(logger, referral.Reference, 1, 1);
        }
    }

    public async Task TellCaseHandlersAsync(SupportReferral referral, string step, string headline, string detail, string style, CancellationToken cancellationToken)
    {
        var unreachable = await TellEachAsync(people.CaseHandlerIds, referral, step, headline, detail, style, cancellationToken);
        if (unreachable > 0)
        {
            LogCaseHandlersUnreachable(logger, referral.Reference, unreachable, people.CaseHandlerIds.Count);
        }
    }

    /// <summary>The case handlers and the escalation contacts, each once (someone on both lists shares one key).</summary>
    public async Task TellUrgentAudienceAsync(SupportReferral referral, string step, string headline, string detail, string style, CancellationToken cancellationToken)
    {
        await TellCaseHandlersAsync(referral, step, headline, detail, style, cancellationToken);
        var unreachable = await TellEachAsync(escalation.Value.ContactIds, referral, step, headline, detail, style, cancellationToken);
        if (unreachable > 0)
        {
            LogEscalationUnreachable(logger, referral.Reference, unreachable);
        }
    }

    /// <summary>Each of <paramref name="aadObjectIds"/>, keyed by the step and the person; how many the bot cannot reach yet.</summary>
    private async Task<int> TellEachAsync(IEnumerable<string> aadObjectIds, SupportReferral referral, string step, string headline, string detail, string style, CancellationToken cancellationToken)
    {
        var unreachable = 0;
        foreach (var id in aadObjectIds)
        {
            var message = Activity.CreateMessage(attachments: cards.Notice(referral.Reference, headline, detail, style));
            message.Summary = $"Support request {referral.Reference}: {headline}";
            if (!(await messenger.SendToPersonAsync(id, message, tag: null, cancellationToken, StepKey(referral, $"{step}/{id}"))).IsQueued)
            {
                unreachable++;
            }
        }

        return unreachable;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Support request {Reference}: could not notify the person: the bot has no personal chat with them")]
    private static partial void LogPersonUnreachable(ILogger logger, string reference);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Support request {Reference}: {Count} escalation contact(s) cannot be reached by the bot yet")]
    private static partial void LogEscalationUnreachable(ILogger logger, string reference, int count);

    [LoggerMessage(Level = LogLevel.Error, Message = "Support request {Reference}: {Count} of {Total} case handler(s) cannot be reached by the bot yet")]
    private static partial void LogCaseHandlersUnreachable(ILogger logger, string reference, int count, int total);
}
