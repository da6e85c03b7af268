using Microsoft.Extensions.DependencyInjection.Extensions;

namespace TeamsPolicyBot.DataProtection;

public static class PersonalDataServiceCollectionExtensions
{
    /// <summary>
    /// A person's data across the record kinds (the "my data" command and the admin tool). The kinds register their
    /// <see cref="IPersonalDataParticipant"/> with their workflow; needs <c>AddTableStorage</c>, <c>AddPolicySettings</c> and
    /// <c>AddCardTemplates</c>.
    /// </summary>
    public static IServiceCollection AddPersonalData(this IServiceCollection services)
    {
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<PersonalData>();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<Turns.IBotCommand, MyDataCommand>());
        return services;
    }
}
