using Microsoft.Extensions.Options;
using TeamsPolicyBot.Hosting;
using TeamsPolicyBot.Protocol.Connector;

namespace TeamsPolicyBot.Delivery.Outbox;

/// <summary>
/// One pass over the due outbox entries: claim, send, record. A worker calls
/// <see cref="RunOnceAsync"/> in a loop; tests call it directly under a fake clock.
/// Each claim covers exactly one connector request (the single-attempt client: no retry and no
/// wait inside it). A refusal or a request that never left is recorded at once and the claim
/// released, with the next try as a new due row; so a crash while an entry waits to be tried again
/// leaves it Pending, never InDoubt. Only a request that went out unanswered is InDoubt.
/// Logs carry ids, kinds and status codes only, never message content.
/// </summary>
internal sealed partial class OutboxProcessor(
    OutboxStore store,
    [FromKeyedServices(ConnectorClients.SingleAttempt)] IConnectorClient connector,
    IEnumerable<IOutboxDeliveryHandler> handlers,
    IEnumerable<IOutboxFailureHandler> failureHandlers,
    SendPacer pacer,
    IOptions<OutboxOptions> options,
    TimeProvider time,
    ILogger<OutboxProcessor> logger)
{
    private readonly OutboxOptions settings = options.Value;
    private readonly IOutboxDeliveryHandler[] handlers = handlers.ToArray();
    private readonly IOutboxFailureHandler[] failureHandlers = failureHandlers.ToArray();

    /// <summary>Sends what is due and allowed now; returns when it is worth looking again.</summary>
    public async Task<DateTimeOffset> RunOnceAsync(CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        pacer.Prune(now);
        var next = now + settings.PollInterval;
        var selected = new List<OutboxDueRow>();
        await foreach (var due in store.ReadDueAsync(now, settings.ScanLimit, cancellationToken).ConfigureAwait(false))
        {
            if (selected.Count >= settings.BatchSize)
            {
                next = now; // more is due than one batch holds: come straight back
                break;
            }

            // A lease row means "see whether this claim expired": no send, so no pacing.
            if (due.IsLease || pacer.TryAcquire(due.PacingKey, now, out var notBefore))
            {
                selected.Add(due);
            }
            else if (notBefore < next)
            {
                next = notBefore;
            }
        }

        // One conversation's messages go out one at a time, in order; conversations in parallel.
        var byConversation = selected.GroupBy(d => d.PacingKey, StringComparer.Ordinal);
        await Parallel.ForEachAsync(
            byConversation,
            new ParallelOptions { MaxDegreeOfParallelism = settings.MaxConcurrency, CancellationToken = cancellationToken },
            async (group, ct) =>
            {
                foreach (var due in group)
                {
                    try
                    {
                        // A lease row took no send slot; any other row took one at "now".
                        await ProcessAsync(due, due.IsLease ? null : now, ct).ConfigureAwait(false);
                    }
                    catch (Exception ex) when (ex is not OperationCanceledException || !ct.IsCancellationRequested)
                    {
                        // One unreadable entry or a storage hiccup must not hold up the others. An
                        // entry claimed before the failure stays claimed and ends InDoubt: never resent.
                        LogEntryFailed(logger, due.EntryId, ex.GetType().Name);
                    }
                }
            }).ConfigureAwait(false);
        return next;
    }

    private async Task ProcessAsync(OutboxDueRow due, DateTimeOffset? slotTakenAt, CancellationToken cancellationToken)
    {
        var entry = await store.LoadAsync(due.EntryId, cancellationToken).ConfigureAwait(false);
        if (entry is null || entry.DueRowKey != due.RowKey)
        {
            // The entry moved on since the query (another worker) or never existed: nothing to do here.
            ReleaseSlot(due.PacingKey, slotTakenAt);
            await store.DeleteDueRowAsync(due, cancellationToken).ConfigureAwait(false);
            return;
        }

        switch (entry.Status)
        {
            case OutboxStatus.Pending:
                await ClaimAndSendAsync(entry, due.PacingKey, slotTakenAt, cancellationToken).ConfigureAwait(false);
                break;
            case OutboxStatus.Sending:
                ReleaseSlot(due.PacingKey, slotTakenAt);
                await GiveUpExpiredClaimAsync(entry, cancellationToken).ConfigureAwait(false);
                break;
            default:
                ReleaseSlot(due.PacingKey, slotTakenAt);
                await store.DeleteDueRowAsync(due, cancellationToken).ConfigureAwait(false);
                break;
        }
    }

    private void ReleaseSlot(string pacingKey, DateTimeOffset? slotTakenAt)
    {
        if (slotTakenAt is { } takenAt)
        {
            pacer.Release(pacingKey, takenAt);
        }
    }

    private void MarkAnswered(string pacingKey, DateTimeOffset? slotTakenAt)
    {
        // The send counts against the limits from when it was answered, not from when its batch was picked.
        if (slotTakenAt is { } takenAt)
        {
            pacer.MarkAnswered(pacingKey, takenAt, time.GetUtcNow());
        }
    }

    private async Task GiveUpExpiredClaimAsync(OutboxRecord entry, CancellationToken cancellationToken)
    {
        // Whoever claimed it never reported back within the lease: it may have crashed before,
        // during or after the send. Sending again could post the message twice, so it stops here.
        var now = time.GetUtcNow();
        var marked = await store.TransitionAsync(
            entry,
            entry with { Status = OutboxStatus.InDoubt, CompletedAt = now, FailureReason = "Claim expired before the send was confirmed; not resent." },
            dueAt: null,
            dueIsLease: false,
            cancellationToken).ConfigureAwait(false);
        if (marked is not null)
        {
            LogInDoubt(logger, entry.Id, entry.Kind, entry.Attempts, entry.LeaseUntil);
            await RaiseAsync(marked, cancellationToken).ConfigureAwait(false);
        }
    }

    private async Task ClaimAndSendAsync(OutboxRecord entry, string pacingKey, DateTimeOffset? slotTakenAt, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var leaseUntil = now + settings.LeaseDuration;
        var claimId = Guid.NewGuid().ToString("N");
        var claimed = await store.TransitionAsync(
            entry,
            entry with { Status = OutboxStatus.Sending, Attempts = entry.Attempts + 1, ClaimId = claimId, LeaseUntil = leaseUntil, NextAttemptAt = null },
            dueAt: leaseUntil,
            dueIsLease: true,
            cancellationToken).ConfigureAwait(false);
        if (claimed is null)
        {
            ReleaseSlot(pacingKey, slotTakenAt);
            LogLostClaim(logger, entry.Id);
            return;
        }

        // Past the lease another worker will record the entry InDoubt, so the send is abandoned
        // a little before it. Shutdown cancels neither the send nor the write of its outcome:
        // either would turn an outcome we are about to know into InDoubt for nothing.
        using var budget = new CancellationTokenSource(settings.LeaseDuration * 0.9, time);
        SendOutcome outcome;
        try
        {
            outcome = await SendAsync(claimed, budget.Token).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            MarkAnswered(pacingKey, slotTakenAt);
            // The request may or may not have reached Teams: only a person can tell.
            LogSendThrew(logger, claimed.Id, claimed.Kind, ex.GetType().Name);
            var doubted = await CompleteAsync(claimed, c => c with { Status = OutboxStatus.InDoubt, CompletedAt = time.GetUtcNow(), FailureReason = $"The connector call ended with {ex.GetType().Name}; not resent." }, null, CancellationToken.None).ConfigureAwait(false);
            await RaiseAsync(doubted, CancellationToken.None).ConfigureAwait(false);
            return;
        }

        MarkAnswered(pacingKey, slotTakenAt);
        await RecordAsync(claimed, outcome, CancellationToken.None).ConfigureAwait(false);
    }

    private async Task RecordAsync(OutboxRecord claimed, SendOutcome outcome, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var result = outcome.Result;
        var error = $"{result.Status} (HTTP {result.HttpStatusCode?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "-"}{(result.ErrorCode is null ? "" : ", " + result.ErrorCode)})";
        if (result.Succeeded)
        {
            var conversationId = outcome.ConversationId ?? claimed.ConversationId ?? "";
            var sent = await CompleteAsync(claimed, c => c with { Status = OutboxStatus.Sent, CompletedAt = now, LastError = null, DeliveredConversationId = conversationId, DeliveredActivityId = outcome.ActivityId }, null, cancellationToken).ConfigureAwait(false);
            LogSent(logger, claimed.Id, claimed.Kind, claimed.Attempts);
            if (sent is not null)
            {
                var serviceUrl = outcome.ServiceUrl ?? claimed.ServiceUrl;
                var newChat = claimed.Kind == OutboxMessageKind.CreateConversation ? PersonalChatReference.For(claimed.Payload.Parameters, serviceUrl, conversationId) : null;
                var delivery = new OutboxDelivery(claimed.Id, claimed.Kind, DeliveryTag.Parse(claimed.Correlation), serviceUrl, conversationId, outcome.ActivityId, newChat);
                var told = handlers.Where(handler => handler.Kind is null || handler.Kind == delivery.Tag?.Kind);
                await NotifyAsync(told, claimed.Id, h => h.OnDeliveredAsync(delivery, cancellationToken), cancellationToken).ConfigureAwait(false);
            }

            return;
        }

        if (result.Status == ConnectorStatus.NoAnswer)
        {
            // The request went out and nothing came back: Teams may have it. Sending again could post it twice.
            var doubted = await CompleteAsync(claimed, c => c with { Status = OutboxStatus.InDoubt, CompletedAt = now, FailureReason = $"Sent, but the connector did not answer ({error}); not resent.", LastError = error }, null, cancellationToken).ConfigureAwait(false);
            LogNoAnswer(logger, claimed.Id, claimed.Kind, claimed.Attempts);
            await RaiseAsync(doubted, cancellationToken).ConfigureAwait(false);
            return;
        }

        var deadline = claimed.EnqueuedAt + settings.DeliveryDeadline;
        if (result.IsSafeToRetry && now < deadline)
        {
            // Certainly not delivered: record the attempt and release the claim now, before any waiting.
            // The last try comes at the deadline even if Retry-After asks for later.
            var retryAt = Min(now + RetryDelay(result, claimed.Attempts), deadline);
            if (result.Status == ConnectorStatus.Throttled)
            {
                // Teams is throttling this conversation: everything else queued for it waits too.
                pacer.Defer(claimed.PacingKey, retryAt);
            }

            await CompleteAsync(claimed, c => c with { Status = OutboxStatus.Pending, ClaimId = null, LeaseUntil = null, NextAttemptAt = retryAt, LastError = error }, retryAt, cancellationToken).ConfigureAwait(false);
            LogRetrying(logger, claimed.Id, claimed.Kind, result.Status, result.HttpStatusCode, claimed.Attempts, retryAt);
            return;
        }

        var reason = result.IsSafeToRetry ? $"Not delivered by its deadline {deadline:u} after {claimed.Attempts} attempts: {error}" : error;
        var failed = await CompleteAsync(claimed, c => c with { Status = OutboxStatus.Failed, CompletedAt = now, NextAttemptAt = null, FailureReason = reason, LastError = error }, null, cancellationToken).ConfigureAwait(false);
        LogFailed(logger, claimed.Id, claimed.Kind, result.Status, result.HttpStatusCode, result.ErrorCode, claimed.Attempts);
        await RaiseAsync(failed, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// An entry that ended Failed or InDoubt (null: another worker recorded it, and raises it) goes to the failure
    /// handlers, so nothing stops silently: an in-doubt message may never have reached Teams, and only a person can check.
    /// </summary>
    private async Task RaiseAsync(OutboxRecord? ended, CancellationToken cancellationToken)
    {
        if (ended is { Status: OutboxStatus.Failed or OutboxStatus.InDoubt })
        {
            var entry = ended.ToEntry();
            await NotifyAsync(failureHandlers, entry.Id, h => h.OnFailedAsync(entry, cancellationToken), cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>
    /// Records the outcome of our own claim. If our lease ran out and another worker already
    /// wrote InDoubt, what we actually learned is better information, so it replaces that.
    /// </summary>
    private async Task<OutboxRecord?> CompleteAsync(OutboxRecord claimed, Func<OutboxRecord, OutboxRecord> change, DateTimeOffset? dueAt, CancellationToken cancellationToken)
    {
        var written = await store.TransitionAsync(claimed, change(claimed), dueAt, false, cancellationToken).ConfigureAwait(false);
        if (written is not null)
        {
            return written;
        }

        var current = await store.LoadAsync(claimed.Id, cancellationToken).ConfigureAwait(false);
        if (current is { Status: OutboxStatus.InDoubt } && current.ClaimId == claimed.ClaimId)
        {
            written = await store.TransitionAsync(current, change(current), dueAt, false, cancellationToken).ConfigureAwait(false);
        }

        if (written is null)
        {
            LogOutcomeNotRecorded(logger, claimed.Id, current?.Status);
        }

        return written;
    }

    private async Task<SendOutcome> SendAsync(OutboxRecord entry, CancellationToken cancellationToken)
    {
        var payload = entry.Payload;
        switch (entry.Kind)
        {
            case OutboxMessageKind.Send:
                var sent = await connector.SendAsync(entry.ServiceUrl, entry.ConversationId!, payload.Activity!, cancellationToken).ConfigureAwait(false);
                return new(sent.Status, sent.HttpStatusCode, sent.ErrorCode, sent.RetryAfter, null, entry.ConversationId, sent.Value?.Id);
            case OutboxMessageKind.CreateConversation:
                var created = await connector.CreateConversationAsync(entry.ServiceUrl, payload.Parameters!, cancellationToken).ConfigureAwait(false);
                return new(created.Status, created.HttpStatusCode, created.ErrorCode, created.RetryAfter, created.Value?.ServiceUrl, created.Value?.Id, created.Value?.ActivityId);
            case OutboxMessageKind.Update:
                var updated = await connector.UpdateActivityAsync(entry.ServiceUrl, entry.ConversationId!, entry.ActivityId!, payload.Activity!, cancellationToken).ConfigureAwait(false);
                return new(updated.Status, updated.HttpStatusCode, updated.ErrorCode, updated.RetryAfter, null, entry.ConversationId, updated.Value?.Id ?? entry.ActivityId);
            default:
                throw new InvalidOperationException($"Unknown outbox entry kind {entry.Kind}.");
        }
    }

    /// <summary>Tells every handler in turn; one that throws is logged and does not stop the others or affect the entry.</summary>
    private async Task NotifyAsync<THandler>(IEnumerable<THandler> all, string entryId, Func<THandler, Task> tell, CancellationToken cancellationToken)
        where THandler : notnull
    {
        foreach (var handler in all)
        {
            try
            {
                await tell(handler).ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
            {
                LogHandlerFailed(logger, ex, handler.GetType().Name, entryId);
            }
        }
    }

    /// <summary>
    /// A 429 with Retry-After says when Teams takes the send again (its window has room by then), so it is
    /// waited out as given: a longer backoff on top only stretches a fan-out, and trying sooner (even past
    /// <see cref="OutboxOptions.MaxRetryDelay"/>) only earns another 429. The caller bounds it by the deadline.
    /// Anything else backs off, or waits a longer Retry-After.
    /// </summary>
    private TimeSpan RetryDelay(ConnectorResult<object> result, int attempts) =>
        result is { Status: ConnectorStatus.Throttled, RetryAfter: { } retryAfter }
            ? retryAfter
            : Max(result.RetryAfter ?? TimeSpan.Zero, Backoff(attempts));

    private TimeSpan Backoff(int attempts) => ExponentialBackoff.Delay(settings.FirstRetryDelay, settings.MaxRetryDelay, attempts);

    private static TimeSpan Max(TimeSpan a, TimeSpan b) => a > b ? a : b;

    private static DateTimeOffset Min(DateTimeOffset a, DateTimeOffset b) => a < b ? a : b;

    private sealed record SendOutcome(ConnectorStatus Status, int? HttpStatusCode, string? ErrorCode, TimeSpan? RetryAfter, string? ServiceUrl, string? ConversationId, string? ActivityId)
    {
        public ConnectorResult<object> Result { get; } = new(Status, null, HttpStatusCode, ErrorCode, RetryAfter);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Outbox entry {EntryId} ({Kind}) sent on attempt {Attempt}")]
    private static partial void LogSent(ILogger logger, string entryId, OutboxMessageKind kind, int attempt);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Outbox entry {EntryId} ({Kind}) not delivered: {Status} HTTP {HttpStatus} on attempt {Attempt}; claim released, trying again at {RetryAt:o}")]
    private static partial void LogRetrying(ILogger logger, string entryId, OutboxMessageKind kind, ConnectorStatus status, int? httpStatus, int attempt, DateTimeOffset retryAt);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Outbox entry {EntryId} ({Kind}) is in doubt: attempt {Attempt} was sent but got no answer; it will not be resent")]
    private static partial void LogNoAnswer(ILogger logger, string entryId, OutboxMessageKind kind, int attempt);

    [LoggerMessage(Level = LogLevel.Error, Message = "Outbox entry {EntryId} ({Kind}) failed for good: {Status} HTTP {HttpStatus} {ErrorCode} after {Attempt} attempts")]
    private static partial void LogFailed(ILogger logger, string entryId, OutboxMessageKind kind, ConnectorStatus status, int? httpStatus, string? errorCode, int attempt);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Outbox entry {EntryId} ({Kind}) is in doubt: its claim (attempt {Attempt}) expired at {LeaseUntil:o} without a recorded outcome; it will not be resent")]
    private static partial void LogInDoubt(ILogger logger, string entryId, OutboxMessageKind kind, int attempt, DateTimeOffset? leaseUntil);

    // Only the exception's type: its message could quote the request, and logs never hold content.
    [LoggerMessage(Level = LogLevel.Error, Message = "Outbox entry {EntryId} ({Kind}): the connector call threw {ExceptionType}; recorded as in doubt, not resent")]
    private static partial void LogSendThrew(ILogger logger, string entryId, OutboxMessageKind kind, string exceptionType);

    [LoggerMessage(Level = LogLevel.Error, Message = "Outbox entry {EntryId} could not be processed ({ExceptionType}); it stays where it was")]
    private static partial void LogEntryFailed(ILogger logger, string entryId, string exceptionType);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Outbox entry {EntryId} was claimed by another worker")]
    private static partial void LogLostClaim(ILogger logger, string entryId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Outbox entry {EntryId}: the outcome could not be recorded, the entry changed meanwhile (now {Status})")]
    private static partial void LogOutcomeNotRecorded(ILogger logger, string entryId, OutboxStatus? status);

    [LoggerMessage(Level = LogLevel.Error, Message = "Outbox handler {Handler} failed for outbox entry {EntryId}")]
    private static partial void LogHandlerFailed(ILogger logger, Exception exception, string handler, string entryId);
}
