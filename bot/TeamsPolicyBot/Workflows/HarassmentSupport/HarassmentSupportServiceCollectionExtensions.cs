using Microsoft.Extensions.DependencyInjection.Extensions;
using TeamsPolicyBot.Configuration;
using TeamsPolicyBot.DataProtection;
using TeamsPolicyBot.Delivery.Outbox;
using TeamsPolicyBot.Delivery.Reminders;
using TeamsPolicyBot.Records;
using TeamsPolicyBot.Retention;
using TeamsPolicyBot.Turns;
using TeamsPolicyBot.Turns.CardActions;
using TeamsPolicyBot.Turns.Dialogs;

namespace TeamsPolicyBot.Workflows.HarassmentSupport;

public static class HarassmentSupportServiceCollectionExtensions
{
    /// <summary>
    /// The harassment support workflow (issue 5): "get support", the referral form and its check step, the Comms
    /// channel card and "Take case", the person's withdrawal, handing a case over, the reminder when an urgent one is not taken in time, and its own table. Needs
    /// <c>AddTableStorage</c>, <c>AddOutbox</c>, <c>AddReminders</c> and <c>AddPolicySettings</c> (<c>Support:CaseHandlerIds</c>,
    /// <c>Support:TakeWithinMinutes</c>, <c>Escalation:ContactIds</c>, <c>Directory:Managers</c>).
    /// </summary>
    public static IServiceCollection AddHarassmentSupport(this IServiceCollection services)
    {
        services.AddOptions<SupportResourcesOptions>().BindConfiguration(SupportResourcesOptions.Section).ValidateAnnotations<SupportResourcesOptions, SupportResourcesOptionsValidator>().ValidateOnStart();
        services.AddRecordKind<SupportReferral, ReferralChannelCard, SupportChannelCardDelivery>(referral => referral.ToMyRequestItem());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IRetentionParticipant, SupportReferralRetention>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IPersonalDataParticipant, SupportReferralRetention>());
        services.TryAddSingleton<ISupportReferrals, SupportReferralRepository>();
        services.TryAddSingleton<SupportCards>();
        services.TryAddSingleton<CaseHandlerChoices>();
        services.TryAddSingleton<SupportNotices>();
        services.TryAddSingleton<PrivateCaseCards>();
        services.TryAddSingleton<SupportRequested>();
        services.TryAddSingleton<SeniorManagers>();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IBotCommand, GetSupportCommand>());
        services.TryAddSingleton<SupportRequesting>();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<ICardActionHandler, SupportRequesting>(sp => sp.GetRequiredService<SupportRequesting>()));
        services.TryAddSingleton<OwnChat>();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IDialogForm, SupportDialog>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<ICardActionHandler, SupportCaseHandling>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<ICardActionHandler, SupportCaseWork>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<ICardActionHandler, SupportWithdrawal>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<ICardActionHandler, SupportHandOver>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<ICardActionHandler, SupportManagerTelling>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IOutboxDeliveryHandler, SupportCaseCardDelivery>());
        services.TryAddSingleton<NotTakenInTimeNotices>();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IReminderHandler, UntakenReferralReminder>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IReminderHandler, ReferralTargetReminder>());
        return services;
    }
}
