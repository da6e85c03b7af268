using System.Net;
using Azure.Core;
using Azure.Identity;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Http.Resilience;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Polly;
using Polly.Timeout;
using TeamsPolicyBot.Protocol.Authentication;
using TeamsPolicyBot.Protocol.Connector;

namespace TeamsPolicyBot.Protocol.Hosting;

public static class BotProtocolServiceCollectionExtensions
{
    /// <summary>
    /// Inbound token validation and the tenant gate, the outbound token provider and the connector
    /// client, configured from the Bot Framework settings at the configuration root (and the
    /// <c>Bot</c> section) and checked at start-up.
    /// </summary>
    public static IServiceCollection AddBotProtocol(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        services.AddOptions<BotFrameworkOptions>().Bind(configuration).ValidateOnStart();
        services.AddSingleton<IValidateOptions<BotFrameworkOptions>, BotFrameworkOptionsValidator>();
        services.AddOptions<BotOptions>().Bind(configuration.GetSection(BotOptions.SectionName)).ValidateOnStart();
        services.AddSingleton<IValidateOptions<BotOptions>, BotOptionsValidator>();
        services.AddSingleton<TenantGate>();
        services.AddSingleton(TimeProvider.System);

        services.AddHttpClient(SigningKeyCache.HttpClientName).AddStandardResilienceHandler();
        services.AddSingleton<SigningKeyCache>();
        services.AddBotIdentity();

        // Without an app id (a local run: the options validator allows it only in Development) no token is checked or sent,
        // so neither the token validator nor the bot's identity is built, and their libraries are never loaded.
        services.AddSingleton<IInboundAuthenticator>(provider => IsAuthenticationDisabled(provider)
            ? UnauthenticatedLocalRun.Instance
            : ActivatorUtilities.CreateInstance<BotFrameworkTokenValidator>(provider));
        services.AddSingleton<IConnectorTokenProvider>(provider => IsAuthenticationDisabled(provider)
            ? ConnectorTokenProvider.Anonymous
            : new ConnectorTokenProvider(provider.GetRequiredService<IAppTokenSource>()));

        // Turns (and roster reads): a few quick retries inside the call, since a person is waiting for the answer. Built by
        // this factory rather than by the typed-client activator, which compiles an expression tree on the first turn.
        services.AddHttpClient<IConnectorClient, ConnectorClient>((http, sp) => new ConnectorClient(http, sp.GetRequiredService<IConnectorTokenProvider>(), sp.GetRequiredService<ILogger<ConnectorClient>>()))
            .ConfigurePrimaryHttpMessageHandler(ConnectorTransport.CreateHandler)
            .AddResilienceHandler("connector", ConfigureConnectorResilience);

        // Callers that keep their own durable retry schedule (the outbox): one attempt per call, so
        // no wait ever happens inside the call; the caller records the refusal and waits on its own terms.
        services.AddHttpClient(ConnectorClients.SingleAttempt)
            .ConfigurePrimaryHttpMessageHandler(ConnectorTransport.CreateHandler)
            .AddResilienceHandler(ConnectorClients.SingleAttempt, pipeline => pipeline.AddTimeout(AttemptTimeout));
        services.AddKeyedTransient<IConnectorClient>(ConnectorClients.SingleAttempt, (sp, _) => new ConnectorClient(
            sp.GetRequiredService<IHttpClientFactory>().CreateClient(ConnectorClients.SingleAttempt),
            sp.GetRequiredService<IConnectorTokenProvider>(),
            sp.GetRequiredService<ILogger<ConnectorClient>>()));
        return services;
    }

    private static bool IsAuthenticationDisabled(IServiceProvider provider) =>
        provider.GetRequiredService<IOptions<BotFrameworkOptions>>().Value.IsAuthenticationDisabled;

    /// <summary>How long one request may take to be answered.</summary>
    internal static readonly TimeSpan AttemptTimeout = TimeSpan.FromSeconds(15);

    /// <summary>
    /// The bot's identity as a token source (<see cref="IAppTokenSource"/>) and as an Azure <see cref="TokenCredential"/>,
    /// chosen by <c>MicrosoftAppType</c>. Needs <see cref="BotFrameworkOptions"/> bound.
    /// </summary>
    public static IServiceCollection AddBotIdentity(this IServiceCollection services)
    {
        services.TryAddSingleton<TokenCredential>(provider => BotCredential(provider.GetRequiredService<IOptions<BotFrameworkOptions>>().Value));
        services.TryAddSingleton<IAppTokenSource>(provider => provider.GetRequiredService<IOptions<BotFrameworkOptions>>().Value.UsesManagedIdentity
            ? new ManagedIdentityTokenSource(provider.GetRequiredService<TokenCredential>())
            : ActivatorUtilities.CreateInstance<ClientSecretTokenSource>(provider));
        return services;
    }

    /// <summary>
    /// The credential for Azure resources the bot reaches as itself (Table Storage by endpoint, and through
    /// <see cref="IAppTokenSource"/> the Bot Connector and Graph): its user-assigned managed identity when it runs as one,
    /// else whatever the machine offers (DefaultAzureCredential: a developer's Azure CLI sign-in, workload identity ...).
    /// </summary>
    internal static TokenCredential BotCredential(BotFrameworkOptions options) => options.UsesManagedIdentity
        ? new ManagedIdentityCredential(ManagedIdentityId.FromUserAssignedClientId(options.MicrosoftAppId!))
        : new DefaultAzureCredential();

    /// <summary>
    /// Retry only what the connector documents as transient (429 honouring a short Retry-After, 502, 503, 504)
    /// and what certainly never reached it (no connection). A request that went out and got no answer
    /// is repeated only when repeating is harmless (GET, PUT): a repeated POST could post twice.
    /// 403 roster and 404 conversation errors are permanent and return at once.
    /// </summary>
    internal static void ConfigureConnectorResilience(ResiliencePipelineBuilder<HttpResponseMessage> pipeline)
    {
        pipeline
            .AddTimeout(TimeSpan.FromSeconds(60))
            .AddRetry(new HttpRetryStrategyOptions
            {
                MaxRetryAttempts = 3,
                Delay = TimeSpan.FromMilliseconds(500),
                MaxDelay = TimeSpan.FromSeconds(30),
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = true,
                ShouldRetryAfterHeader = true,
                ShouldHandle = args => ValueTask.FromResult(ShouldRetry(args.Outcome, args.Context.GetRequestMessage()?.Method)),
            })
            .AddTimeout(AttemptTimeout);
    }

    /// <summary>
    /// The longest Retry-After waited out inside a call. Teams gives a turn 5 to 15 s; a longer wait would
    /// outlast it (and Teams would send the activity again), so the throttled result comes back at once and
    /// the turn's reply goes to the outbox instead.
    /// </summary>
    internal static readonly TimeSpan MaxRetryAfterInCall = TimeSpan.FromSeconds(3);

    internal static bool ShouldRetry(Outcome<HttpResponseMessage> outcome, HttpMethod? method) => outcome switch
    {
        { Result: { StatusCode: HttpStatusCode.TooManyRequests } throttled } => !(throttled.Headers.RetryAfter?.Delta > MaxRetryAfterInCall),
        { Result.StatusCode: HttpStatusCode.BadGateway or HttpStatusCode.ServiceUnavailable or HttpStatusCode.GatewayTimeout } => true,
        { Exception: { } exception } when ConnectorTransport.NeverSent(exception) => true,
        { Exception: HttpRequestException or TimeoutRejectedException } => method == HttpMethod.Get || method == HttpMethod.Put,
        _ => false,
    };
}
