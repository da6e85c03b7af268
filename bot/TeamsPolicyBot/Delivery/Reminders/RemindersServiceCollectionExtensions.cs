using Microsoft.Extensions.DependencyInjection.Extensions;
using TeamsPolicyBot.Configuration;

namespace TeamsPolicyBot.Delivery.Reminders;

public static class RemindersServiceCollectionExtensions
{
    /// <summary>
    /// Durable one-shot timers (<see cref="IReminders"/>) and the background worker that fires them,
    /// configured by the <c>Reminders</c> section (<see cref="ReminderOptions"/>). Needs
    /// <c>AddTableStorage</c>; register <see cref="IReminderHandler"/>s to act on them.
    /// </summary>
    public static IServiceCollection AddReminders(this IServiceCollection services)
    {
        services.AddOptions<ReminderOptions>()
            .BindConfiguration(ReminderOptions.SectionName)
            .ValidateAnnotations<ReminderOptions, ReminderOptionsValidator>()
            .ValidateOnStart();
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<ReminderStore>();
        services.TryAddSingleton<IReminders, ReminderScheduler>();
        services.TryAddSingleton<ReminderProcessor>();
        services.AddHostedService<ReminderWorker>();
        return services;
    }
}
