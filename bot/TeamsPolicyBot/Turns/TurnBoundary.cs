using TeamsPolicyBot.Protocol.Hosting;
using TeamsPolicyBot.Protocol.Schema;
using TeamsPolicyBot.Storage;
using TeamsPolicyBot.Turns.CardActions;

namespace TeamsPolicyBot.Turns;

/// <summary>
/// The one exception boundary of the turn pipeline, around the <see cref="ActivityRouter"/>: nothing a
/// client sends reaches the endpoint as an exception (which would be a 500 and a retry from Teams).
/// A card click of the wrong shape (<see cref="CardInput"/>), or whose reference or id turns out not to
/// be a key at all (<see cref="MalformedKeyException"/>), is answered <see cref="CardOutOfDate"/> with a
/// warning; anything else unexpected is answered <see cref="SomethingWentWrong"/> with an error. Logs
/// carry the activity id and the exception's type only: exception messages can quote what people typed.
/// An invoke still gets HTTP 200 with the message; a message gets it as a reply.
/// </summary>
internal sealed partial class TurnBoundary(ActivityRouter router, ILogger<TurnBoundary> logger) : IActivityHandler
{
    public const string CardOutOfDate = "This card is out of date; type help to start again.";
    public const string SomethingWentWrong = "Something went wrong on our side. Nothing was lost: please try again, or type help.";

    public async Task<InvokeResponse?> HandleAsync(ITurnContext turn, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(turn);
        var activityId = turn.Activity.IdForLog();
        if (CardInput.Problem(turn.Activity) is { } problem)
        {
            LogOutOfDate(logger, activityId, problem);
            return await AnswerAsync(turn, CardOutOfDate, cancellationToken);
        }

        try
        {
            return await router.HandleAsync(turn, cancellationToken);
        }
        catch (MalformedKeyException)
        {
            LogOutOfDate(logger, activityId, "a reference or id in the card data is not a valid key");
            return await AnswerAsync(turn, CardOutOfDate, cancellationToken);
        }
        catch (Exception ex) when (!(ex is OperationCanceledException && cancellationToken.IsCancellationRequested))
        {
            LogUnexpected(logger, activityId, ex.GetType().Name, $"{ex.TargetSite?.DeclaringType?.Name}.{ex.TargetSite?.Name}");
            return await AnswerAsync(turn, SomethingWentWrong, cancellationToken);
        }
    }

    private async Task<InvokeResponse?> AnswerAsync(ITurnContext turn, string text, CancellationToken cancellationToken)
    {
        if (turn.Activity.IsType(ActivityTypes.Invoke))
        {
            return InvokeResponse.Message(text);
        }

        if (turn.Activity.IsType(ActivityTypes.Message))
        {
            try
            {
                await turn.SendAsync(Activity.CreateMessage(text), cancellationToken);
            }
            catch (Exception ex) when (!(ex is OperationCanceledException && cancellationToken.IsCancellationRequested))
            {
                LogAnswerNotSent(logger, turn.Activity.IdForLog(), ex.GetType().Name);
            }
        }

        return null;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Activity {ActivityId} carried card data of the wrong shape ({Problem}); answered that the card is out of date")]
    private static partial void LogOutOfDate(ILogger logger, string? activityId, string problem);

    [LoggerMessage(Level = LogLevel.Error, Message = "Activity {ActivityId} failed with {ExceptionType} in {Where}; answered with an apology")]
    private static partial void LogUnexpected(ILogger logger, string? activityId, string exceptionType, string where);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not send the answer to activity {ActivityId}: {ExceptionType}")]
    private static partial void LogAnswerNotSent(ILogger logger, string? activityId, string exceptionType);
}
