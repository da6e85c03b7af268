using Microsoft.Extensions.DependencyInjection.Extensions;
using TeamsPolicyBot.Delivery;
using TeamsPolicyBot.Protocol.Hosting;
using TeamsPolicyBot.Turns.Dialogs;
using TeamsPolicyBot.Turns.MyRequests;
using TeamsPolicyBot.Turns.PolicyQuestions;
using TeamsPolicyBot.Turns.Welcome;

namespace TeamsPolicyBot.Turns;

public static class ConversationsServiceCollectionExtensions
{
    /// <summary>The router behind the turn's exception boundary, and the commands every conversation understands.</summary>
    public static IServiceCollection AddConversations(this IServiceCollection services)
    {
        services.AddConversationReferences();
        services.AddSingleton<ActivityRouter>();
        services.AddSingleton<IActivityHandler, TurnBoundary>();
        services.AddOptions<WelcomeOptions>().BindConfiguration(WelcomeOptions.Section).ValidateOnStart();
        services.AddSingleton<WelcomeCommand>();
        services.AddSingleton<IBotCommand>(sp => sp.GetRequiredService<WelcomeCommand>());
        services.AddSingleton<IBotCommand, MyRequestsCommand>();
        services.AddSingleton<AskThePolicy>();
        services.TryAddSingleton<OwnChat>();
        return services;
    }
}
