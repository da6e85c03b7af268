using Microsoft.Extensions.DependencyInjection.Extensions;

namespace TeamsPolicyBot.Retention;

public static class RetentionServiceCollectionExtensions
{
    /// <summary>
    /// The retention sweep and its worker. The record kinds register their <see cref="IRetentionParticipant"/> with
    /// their workflow; needs <c>AddTableStorage</c>, <c>AddOutbox</c>, <c>AddReminders</c>, <c>AddCardTemplates</c> and
    /// <c>AddPolicySettings</c> (<c>Retention</c> section).
    /// </summary>
    public static IServiceCollection AddRetention(this IServiceCollection services)
    {
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<RetentionSweep>();
        services.AddHostedService<RetentionWorker>();
        return services;
    }
}
