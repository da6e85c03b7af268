using System.Globalization;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using TeamsPolicyBot.Protocol.Authentication;
using TeamsPolicyBot.Protocol.Connector;
using TeamsPolicyBot.Protocol.Schema;

namespace TeamsPolicyBot.Protocol.Hosting;

/// <summary>
/// The HTTP edge of the bot: read one activity, authenticate it, check its tenant, hand it to the
/// <see cref="IActivityHandler"/>, and answer as the connector expects: 400 for a body that is not
/// an activity (or addresses no conversation), 401 for a failed token, 403 for another tenant, 413 for a body far beyond Teams'
/// message size, 503 (retry) when the signing keys cannot be fetched. A handled activity's answer says how long the bot took
/// to handle it, from reading the request to the answer, in a W3C <c>Server-Timing</c> header (<c>turn;dur=12.3</c>, in
/// milliseconds): what the benchmark and a browser's network panel read as the server's own time.
/// </summary>
public static partial class BotEndpoint
{
    /// <summary>Teams caps a bot message at about 100 KB; anything far beyond that is not a real activity.</summary>
    public const int MaxBodyBytes = 512 * 1024;

    private const string RetryAfterSeconds = "5";

    public static IEndpointConventionBuilder MapBotEndpoint(this IEndpointRouteBuilder endpoints, string pattern = "/api/messages") =>
        endpoints.MapPost(pattern, HandleAsync).DisableAntiforgery();

    private static async Task<IResult> HandleAsync(
        HttpContext http,
        IInboundAuthenticator authenticator,
        TenantGate tenantGate,
        IActivityHandler handler,
        IConnectorClient connector,
        ILoggerFactory loggerFactory)
    {
        var started = System.Diagnostics.Stopwatch.GetTimestamp();
        var logger = loggerFactory.CreateLogger(typeof(BotEndpoint).FullName!);
        var cancellationToken = http.RequestAborted;

        if (http.Request.ContentLength > MaxBodyBytes)
        {
            return Results.StatusCode(StatusCodes.Status413PayloadTooLarge);
        }

        byte[]? body;
        try
        {
            body = await ReadBoundedAsync(http.Request.Body, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is BadHttpRequestException || (ex is OperationCanceledException or IOException && cancellationToken.IsCancellationRequested))
        {
            // The sender stopped part-way through the body (its timeout, a dropped connection): nothing was read to act
            // on, and it is not the bot's error to log with a stack trace. Kestrel reports it as a bad request or, when it
            // saw the connection go first, by aborting the request (a cancelled or failed read): the same event either way.
            LogBodyEndedEarly(logger);
            return Results.BadRequest("The request body ended before its stated length.");
        }

        if (body is null)
        {
            return Results.StatusCode(StatusCodes.Status413PayloadTooLarge);
        }

        Activity? activity;
        try
        {
            activity = JsonSerializer.Deserialize<Activity>(body, BotJson.Options);
        }
        catch (JsonException)
        {
            return Results.BadRequest("The request body is not a JSON activity.");
        }

        if (activity is null || string.IsNullOrWhiteSpace(activity.Type))
        {
            return Results.BadRequest("The activity has no type.");
        }

        if (string.IsNullOrWhiteSpace(activity.Conversation?.Id))
        {
            // Every activity the connector sends addresses a conversation; without one nothing could be answered.
            return Results.BadRequest("The activity has no conversation.");
        }

        var auth = await authenticator.AuthenticateAsync(
            http.Request.Headers.Authorization.FirstOrDefault(), activity.ChannelId, activity.ServiceUrl, cancellationToken).ConfigureAwait(false);
        if (auth.IsUnavailable)
        {
            // Not a refusal: the token could not be checked. Teams retries a 503.
            LogUnavailable(logger, auth.FailureReason);
            http.Response.Headers.RetryAfter = RetryAfterSeconds;
            return Results.StatusCode(StatusCodes.Status503ServiceUnavailable);
        }

        if (!auth.IsAuthenticated)
        {
            LogRejected(logger, auth.FailureReason);
            return Results.Unauthorized();
        }

        if (tenantGate.Refusal(activity) is { } refusal)
        {
            LogOtherTenant(logger, activity.IdForLog(), refusal);
            return Results.StatusCode(StatusCodes.Status403Forbidden);
        }

        LogReceived(logger, activity.Type, activity.Name, activity.Conversation?.ConversationType);
        var response = await handler.HandleAsync(new TurnContext(activity, connector, http.RequestServices.GetService<IReplyFallback>()), cancellationToken).ConfigureAwait(false);
        http.Response.Headers["Server-Timing"] = string.Create(CultureInfo.InvariantCulture, $"turn;dur={System.Diagnostics.Stopwatch.GetElapsedTime(started).TotalMilliseconds:F1}");

        if (activity.IsType(ActivityTypes.Invoke))
        {
            return response?.Body is { } answer
                ? Results.Json(answer, BotJson.Options, statusCode: StatusCodes.Status200OK)
                : Results.Json(response ?? InvokeResponse.Ok(), BotJson.Options, statusCode: StatusCodes.Status200OK);
        }

        return Results.Ok();
    }

    /// <summary>Reads at most <see cref="MaxBodyBytes"/>; null when the body is longer (chunked bodies carry no Content-Length).</summary>
    private static async Task<byte[]?> ReadBoundedAsync(Stream body, CancellationToken cancellationToken)
    {
        using var buffer = new MemoryStream();
        var chunk = new byte[16 * 1024];
        int read;
        while ((read = await body.ReadAsync(chunk, cancellationToken).ConfigureAwait(false)) > 0)
        {
            if (buffer.Length + read > MaxBodyBytes)
            {
                return null;
            }

            buffer.Write(chunk, 0, read);
        }

        return buffer.ToArray();
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "A request's body ended before its stated length; answered 400")]
    private static partial void LogBodyEndedEarly(ILogger logger);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Rejected an unauthenticated activity: {Reason}")]
    private static partial void LogRejected(ILogger logger, string? reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not check an activity's token, answered 503 for a retry: {Reason}")]
    private static partial void LogUnavailable(ILogger logger, string? reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Refused activity {ActivityId}: {Reason}")]
    private static partial void LogOtherTenant(ILogger logger, string? activityId, string reason);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Received {ActivityType} {ActivityName} in a {ConversationType} conversation")]
    private static partial void LogReceived(ILogger logger, string activityType, string? activityName, string? conversationType);
}
