using TeamsPolicyBot.Conversations.MyRequests;
using TeamsPolicyBot.Conversations.Welcome;
using TeamsPolicyBot.Protocol.Hosting;

namespace TeamsPolicyBot.Conversations;

public static class ConversationsServiceCollectionExtensions
{
    /// <summary>The router and the commands every conversation understands.</summary>
    public static IServiceCollection AddConversations(this IServiceCollection services)
    {
        services.AddSingleton<IActivityHandler, ActivityRouter>();
        services.AddSingleton<WelcomeCommand>();
        services.AddSingleton<IBotCommand>(sp => sp.GetRequiredService<WelcomeCommand>());
        services.AddSingleton<IBotCommand, MyRequestsCommand>();
        return services;
    }
}
