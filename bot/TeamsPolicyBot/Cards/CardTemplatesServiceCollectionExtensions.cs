namespace TeamsPolicyBot.Cards;

internal static class CardTemplatesServiceCollectionExtensions
{
    /// <summary>
    /// Registers <see cref="CardTemplates"/> as a singleton, loaded here and now so that a broken or missing
    /// template stops the app from starting instead of failing the first user who needs it.
    /// </summary>
    public static IServiceCollection AddCardTemplates(this IServiceCollection services, string? directory = null) =>
        services.AddSingleton(CardTemplates.Load(directory ?? CardTemplates.DefaultDirectory, DeclaredCardNames.All));
}
