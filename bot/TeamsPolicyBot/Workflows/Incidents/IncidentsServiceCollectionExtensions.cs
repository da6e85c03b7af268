using Microsoft.Extensions.DependencyInjection.Extensions;
using TeamsPolicyBot.Configuration;
using TeamsPolicyBot.DataProtection;
using TeamsPolicyBot.Delivery.Reminders;
using TeamsPolicyBot.Records;
using TeamsPolicyBot.Retention;
using TeamsPolicyBot.Turns;
using TeamsPolicyBot.Turns.CardActions;
using TeamsPolicyBot.Turns.Dialogs;
using TeamsPolicyBot.Turns.MessageExtensions;

namespace TeamsPolicyBot.Workflows.Incidents;

public static class IncidentsServiceCollectionExtensions
{
    /// <summary>
    /// The incident workflow: the "report incident" command, the report and triage card actions, the
    /// triage card's delivery tracking, and its storage. Needs <c>AddTableStorage</c>, <c>AddOutbox</c>
    /// and <c>AddPolicySettings</c> (<c>Comms:ApproverIds</c>, <c>Escalation:ContactIds</c>).
    /// </summary>
    public static IServiceCollection AddIncidents(this IServiceCollection services)
    {
        services.AddOptions<IncidentOptions>().BindConfiguration(IncidentOptions.Section).ValidateAnnotations<IncidentOptions, IncidentOptionsValidator>().ValidateOnStart();
        services.AddRecordKind<Incident, TriageChannelCard, TriageCardDelivery>(incident => incident.ToMyRequestItem());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IRetentionParticipant, IncidentRetention>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IPersonalDataParticipant, IncidentRetention>());
        services.TryAddSingleton<IIncidents, IncidentRepository>();

        services.TryAddSingleton<IncidentCards>();
        services.TryAddSingleton<IncidentThread>();
        services.TryAddSingleton<IncidentReported>();
        services.TryAddSingleton<IncidentSubmission>();
        services.TryAddSingleton<IncidentAccountMatch>();
        services.TryAddSingleton<OfficialAccountNotice>();
        services.TryAddSingleton<IncidentTriaged>();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IBotCommand, ReportIncidentCommand>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<ICardActionHandler, IncidentReporting>());
        services.TryAddSingleton<OwnChat>();
        services.TryAddSingleton<IncidentDialogSubmission>();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IMessageExtensionCommand, ReportToCommsCommand>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IDialogForm, ReportIncidentDialog>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<ICardActionHandler, IncidentTriage>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<ICardActionHandler, IncidentAnswers>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<ICardActionHandler, IncidentNotes>());
        services.TryAddSingleton<NotTakenInTimeNotices>();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IReminderHandler, UnacknowledgedIncidentReminder>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IReminderHandler, IncidentTargetReminder>());
        return services;
    }
}
