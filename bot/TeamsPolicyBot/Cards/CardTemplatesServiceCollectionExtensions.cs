using Microsoft.Extensions.DependencyInjection.Extensions;

namespace TeamsPolicyBot.Cards;

internal static class CardTemplatesServiceCollectionExtensions
{
    /// <summary>
    /// Registers <see cref="CardTemplates"/> as a singleton, loaded here and now so that a broken or missing
    /// template stops the app from starting instead of failing the first user who needs it.
    /// </summary>
    /// Clause numbers link to the policy as the settings say (<see cref="Policy.PolicyLinks"/>), added once they are read.
    public static IServiceCollection AddCardTemplates(this IServiceCollection services, string? directory = null)
    {
        var loaded = CardTemplates.Load(directory ?? CardTemplates.DefaultDirectory, DeclaredCardNames.All);
        services.AddOptions();
        services.TryAddSingleton<Policy.PolicyLinks>();
        return services.AddSingleton(provider => loaded.WithPolicyLinks(provider.GetRequiredService<Policy.PolicyLinks>().Clause));
    }
}
