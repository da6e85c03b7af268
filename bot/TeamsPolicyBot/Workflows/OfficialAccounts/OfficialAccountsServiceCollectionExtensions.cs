using Microsoft.Extensions.DependencyInjection.Extensions;
using TeamsPolicyBot.Delivery.Reminders;
using TeamsPolicyBot.Records;
using TeamsPolicyBot.Turns;
using TeamsPolicyBot.Turns.CardActions;
using TeamsPolicyBot.Turns.MessageExtensions;

namespace TeamsPolicyBot.Workflows.OfficialAccounts;

public static class OfficialAccountsServiceCollectionExtensions
{
    /// <summary>
    /// The register of official accounts: its store, its commands ("accounts", "audits", "my accounts", "register account" and its Comms card), the
    /// start-up indexing of handles added before the index existed, the yearly audit (its cards' clicks, its three reminders), the link reminder, and with Graph the daily leaver check.
    /// Its settings (<c>Accounts</c>) come with <c>AddPolicySettings</c>; the reminders need <c>AddReminders</c>.
    /// </summary>
    public static IServiceCollection AddOfficialAccounts(this IServiceCollection services)
    {
        services.TryAddSingleton<IOfficialAccounts, OfficialAccountRepository>();
        services.TryAddSingleton<ConfiguredPeople>();
        services.TryAddSingleton<RegisterPages>();
        services.TryAddSingleton<AuditCards>();
        services.TryAddSingleton<AuditFollowUp>();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<ICardActionHandler, OfficialAccountActions>());
        services.TryAddSingleton<AdministratorFollowUp>();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<ICardActionHandler, AdministratorChanges>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IReminderHandler, AuditDueReminder>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IReminderHandler, AuditChaseReminder>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IReminderHandler, AuditEscalationReminder>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IBotCommand, AccountsCommand>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IBotCommand, AuditsCommand>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IBotCommand, MyAccountsCommand>());
        services.TryAddSingleton<RegistrationCards>();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<ICardActionHandler, AccountLinks>());
        services.TryAddSingleton<LinkReminder>();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IReminderHandler, LinkReminder>(provider => provider.GetRequiredService<LinkReminder>()));
        services.TryAddEnumerable(ServiceDescriptor.Singleton<ICardActionHandler, AccountRegistrations>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IBotCommand, RegisterAccountCommand>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IMessageExtensionCommand, FindOfficialAccountCommand>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IHostedService, HandleIndexing>());

        // The leaver check needs the staff directory, which only Graph gives; without it the one instance schedules nothing.
        services.TryAddSingleton<LeaverCheck>();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IReminderHandler, LeaverCheck>(provider => provider.GetRequiredService<LeaverCheck>()));
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IHostedService, LeaverCheck>(provider => provider.GetRequiredService<LeaverCheck>()));
        return services;
    }
}
