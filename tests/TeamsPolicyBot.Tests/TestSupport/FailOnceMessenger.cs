using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using TeamsPolicyBot.Configuration;
using TeamsPolicyBot.Delivery;
using TeamsPolicyBot.Delivery.Outbox;
using TeamsPolicyBot.Protocol.Schema;

namespace TeamsPolicyBot.Tests.TestSupport;

/// <summary>
/// The real messenger, except that the first message matching <paramref name="failWhen"/> throws before anything is
/// queued (it is told the method, e.g. <c>nameof(IProactiveMessenger.PostToCommsChannelAsync)</c>, and the message): the
/// process "crashes" part-way through a follow-up, after the record was saved. Later calls go through.
/// </summary>
internal sealed class FailOnceMessenger(IProactiveMessenger inner, Func<string, Activity, bool> failWhen) : IProactiveMessenger
{
    private int failed;

    /// <summary>Puts it in front of the app's messenger.</summary>
    public static void Register(IServiceCollection services, Func<string, Activity, bool> failWhen)
    {
        services.RemoveAll<IProactiveMessenger>();
        services.AddSingleton<ProactiveMessenger>();
        services.AddSingleton<IProactiveMessenger>(provider => new FailOnceMessenger(provider.GetRequiredService<ProactiveMessenger>(), failWhen));
    }

    public Task<PersonReach> SendToPersonAsync(string aadObjectId, Activity activity, DeliveryTag? tag, CancellationToken cancellationToken, string? idempotencyKey = null)
    {
        FailTheFirstMatch(nameof(SendToPersonAsync), activity);
        return inner.SendToPersonAsync(aadObjectId, activity, tag, cancellationToken, idempotencyKey);
    }

    public Task<bool> PostToCommsChannelAsync(CommsChannel channel, Activity activity, DeliveryTag tag, CancellationToken cancellationToken, string? idempotencyKey = null)
    {
        FailTheFirstMatch(nameof(PostToCommsChannelAsync), activity);
        return inner.PostToCommsChannelAsync(channel, activity, tag, cancellationToken, idempotencyKey);
    }

    public Task ReplyInThreadAsync(MessageLocation thread, Activity activity, CancellationToken cancellationToken, string? idempotencyKey = null)
    {
        FailTheFirstMatch(nameof(ReplyInThreadAsync), activity);
        return inner.ReplyInThreadAsync(thread, activity, cancellationToken, idempotencyKey);
    }

    public Task UpdateAsync(MessageLocation message, Activity activity, CancellationToken cancellationToken, string? idempotencyKey = null)
    {
        FailTheFirstMatch(nameof(UpdateAsync), activity);
        return inner.UpdateAsync(message, activity, cancellationToken, idempotencyKey);
    }

    private void FailTheFirstMatch(string operation, Activity activity)
    {
        if (failWhen(operation, activity) && Interlocked.CompareExchange(ref failed, 1, 0) == 0)
        {
            throw new InvalidOperationException("Simulated crash part-way through a follow-up.");
        }
    }
}
