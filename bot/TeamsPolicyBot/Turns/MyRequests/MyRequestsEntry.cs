using Microsoft.Extensions.DependencyInjection.Extensions;
using TeamsPolicyBot.Records;

namespace TeamsPolicyBot.Turns.MyRequests;

/// <summary>A workflow's record as its starter sees it in "My requests", upserted after every change.</summary>
internal sealed class MyRequestsEntry<TRecord>(IMyRequests myRequests, Func<TRecord, MyRequestItem> entryOf) : IRecordProjection<TRecord>
{
    public Task ShowAsync(TRecord record, CancellationToken cancellationToken) => myRequests.UpsertAsync(entryOf(record), cancellationToken);
}

internal static class MyRequestsEntryServiceCollectionExtensions
{
    /// <summary>Lists the workflow's records in their starters' "My requests", as <paramref name="entryOf"/> describes them.</summary>
    public static IServiceCollection AddMyRequestsEntry<TRecord>(this IServiceCollection services, Func<TRecord, MyRequestItem> entryOf)
    {
        services.TryAddSingleton<IMyRequests, MyRequestsRepository>();
        if (services.Any(service => service.ServiceType == typeof(MyRequestsEntry<TRecord>)))
        {
            return services; // a second registration of the workflow: one entry, one upsert
        }

        services.AddSingleton(provider => new MyRequestsEntry<TRecord>(provider.GetRequiredService<IMyRequests>(), entryOf));
        services.AddSingleton<IRecordProjection<TRecord>>(provider => provider.GetRequiredService<MyRequestsEntry<TRecord>>());
        return services;
    }
}
