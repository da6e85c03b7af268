using Microsoft.Extensions.DependencyInjection.Extensions;
using TeamsPolicyBot.DataProtection;
using TeamsPolicyBot.Delivery.Reminders;
using TeamsPolicyBot.Records;
using TeamsPolicyBot.Retention;
using TeamsPolicyBot.Turns;
using TeamsPolicyBot.Turns.CardActions;
using TeamsPolicyBot.Turns.Dialogs;
using TeamsPolicyBot.Workflows.OfficialAccounts;

namespace TeamsPolicyBot.Workflows.AccountRequests;

public static class AccountRequestsServiceCollectionExtensions
{
    /// <summary>
    /// The account request workflow: its commands, card actions and channel-card tracking, and its domain and storage: reference numbers, the request records,
    /// "My requests", the official account directory, the approval policy, and both under the retention schedule. Needs
    /// <c>AddTableStorage</c> (the tables) and <c>AddPolicySettings</c> (<c>Comms:ApproverIds</c>).
    /// The shared stores are TryAdd'ed so incidents and referrals can register them again safely.
    /// </summary>
    public static IServiceCollection AddAccountRequests(this IServiceCollection services)
    {
        services.AddRecordKind<AccountRequest, ApprovalChannelCard, ApprovalCardDelivery>(request => request.ToMyRequestItem());
        services.AddOfficialAccounts();
        services.TryAddSingleton<IAccountRequests, AccountRequestRepository>();
        services.TryAddSingleton<OfficialAccountRepository>();
        services.TryAddSingleton<AccountRequestRetention>();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IRetentionParticipant, AccountRequestRetention>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IRetentionParticipant, OfficialAccountRetention>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IPersonalDataParticipant, AccountRequestRetention>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IPersonalDataParticipant, OfficialAccountRetention>());
        services.TryAddSingleton<ApprovalPolicy>();
        services.TryAddSingleton<AccountRequestCards>();
        services.TryAddSingleton<AccountRequestFollowUp>();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IReminderHandler, AccountRequestTargetReminder>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IBotCommand, RequestAccountCommand>());
        // One instance behind both the chat's form (a card action) and the dialog's.
        services.TryAddSingleton<AccountRequestSubmission>();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<ICardActionHandler, AccountRequestSubmission>(sp => sp.GetRequiredService<AccountRequestSubmission>()));
        services.TryAddSingleton<OwnChat>();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IDialogForm, RequestAccountDialog>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<ICardActionHandler, AccountRequestDecisions>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<ICardActionHandler, AccountRequestNotes>());
        return services;
    }
}
