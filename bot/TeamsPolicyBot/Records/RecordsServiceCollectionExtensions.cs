using Microsoft.Extensions.DependencyInjection.Extensions;
using TeamsPolicyBot.Delivery.Outbox;
using TeamsPolicyBot.Records;
using TeamsPolicyBot.Storage.Counters;
using TeamsPolicyBot.Turns.MyRequests;

namespace TeamsPolicyBot.Records;

internal static class RecordsServiceCollectionExtensions
{
    /// <summary>
    /// What every workflow's records need: the clock, reference numbers and who sees what (shared, so TryAdd'ed); the
    /// record's projections, in this order: its entry in its starter's "My requests" (<paramref name="entryOf"/>) and its
    /// Comms channel card; and the delivery handler that records where that card landed.
    /// </summary>
    public static IServiceCollection AddRecordKind<TRecord, TChannelCard, TCardDelivery>(this IServiceCollection services, Func<TRecord, MyRequestItem> entryOf)
        where TChannelCard : class, IRecordProjection<TRecord>
        where TCardDelivery : class, IOutboxDeliveryHandler
    {
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<IReferenceNumbers, ReferenceNumbers>();
        services.TryAddSingleton<Visibility>();
        services.TryAddSingleton<ConfiguredPeople>();
        services.AddMyRequestsEntry(entryOf);
        services.TryAddSingleton<TChannelCard>();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IRecordProjection<TRecord>, TChannelCard>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IOutboxDeliveryHandler, TCardDelivery>());
        return services;
    }
}
