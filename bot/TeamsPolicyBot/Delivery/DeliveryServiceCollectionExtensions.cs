using Microsoft.Extensions.DependencyInjection.Extensions;
using TeamsPolicyBot.Configuration;
using TeamsPolicyBot.Delivery.ConversationReferences;
using TeamsPolicyBot.Delivery.Outbox;
using TeamsPolicyBot.People;
using TeamsPolicyBot.Protocol.Connector;
using TeamsPolicyBot.Protocol.Hosting;

namespace TeamsPolicyBot.Delivery;

public static class DeliveryServiceCollectionExtensions
{
    /// <summary>
    /// The durable outbox (<see cref="IOutbox"/>) and its background sender, configured by the
    /// <c>Outbox</c> section (<see cref="OutboxOptions"/>), and the conversation references it reaches people by.
    /// Needs <c>AddTableStorage</c> and
    /// <c>AddBotProtocol</c> (or an <c>IConnectorClient</c>), and <c>AddPolicySettings</c> for
    /// <see cref="IProactiveMessenger"/>; register <see cref="IOutboxDeliveryHandler"/>s to hear about
    /// sends. Failed entries are raised in the Comms channel (<see cref="CommsFailureNotice"/>).
    /// </summary>
    public static IServiceCollection AddOutbox(this IServiceCollection services)
    {
        services.AddOptions<OutboxOptions>()
            .BindConfiguration(OutboxOptions.SectionName)
            .ValidateAnnotations<OutboxOptions, OutboxOptionsValidator>()
            .ValidateOnStart();
        services.TryAddSingleton(TimeProvider.System);
        services.AddConversationReferences();
        services.TryAddSingleton<OutboxSignal>();
        services.TryAddSingleton<OutboxStore>();
        services.TryAddSingleton<IOutbox>(sp => sp.GetRequiredService<OutboxStore>());
        services.TryAddSingleton(_ => new SendPacer());
        services.TryAddSingleton<OutboxProcessor>();
        services.AddHostedService<OutboxWorker>();
        services.TryAddSingleton<CommsTeamLocator>();
        services.TryAddSingleton<CommsRoster>();
        services.TryAddSingleton<TeamsMembers>();
        services.TryAddSingleton<IPersonNames>(sp => sp.GetRequiredService<TeamsMembers>());
        services.TryAddSingleton<PickedPeople>();
        services.TryAddSingleton<IProactiveMessenger, ProactiveMessenger>();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IOutboxDeliveryHandler, PersonalChatDelivery>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IOutboxFailureHandler, CommsFailureNotice>());
        services.TryAddSingleton<IReplyFallback, OutboxReplyFallback>();

        // AddBotProtocol registers the single-attempt connector client the worker uses; a host that
        // brings its own IConnectorClient instead (tests) has it used for the outbox too.
        services.TryAddKeyedTransient<IConnectorClient>(ConnectorClients.SingleAttempt, (sp, _) => sp.GetRequiredService<IConnectorClient>());
        return services;
    }

    /// <summary>How to reach each conversation the bot has seen (stored on every inbound activity, read to message people).</summary>
    public static IServiceCollection AddConversationReferences(this IServiceCollection services)
    {
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<StoredReferenceCache>();
        services.TryAddSingleton<ConversationReferenceRepository>();
        services.TryAddSingleton<IConversationReferences>(sp => sp.GetRequiredService<ConversationReferenceRepository>());
        return services;
    }
}
