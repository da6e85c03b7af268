using System.Text.Json;
using TeamsPolicyBot.Delivery;
using TeamsPolicyBot.Delivery.ConversationReferences;
using TeamsPolicyBot.Protocol.Hosting;
using TeamsPolicyBot.Protocol.Schema;
using TeamsPolicyBot.Turns.CardActions;
using TeamsPolicyBot.Turns.Dialogs;
using TeamsPolicyBot.Turns.MessageExtensions;
using TeamsPolicyBot.Turns.PolicyQuestions;
using TeamsPolicyBot.Turns.Welcome;

namespace TeamsPolicyBot.Turns;

/// <summary>
/// The first stop of every authenticated activity: remember how to reach the sender, then send the
/// activity to the command it asks for. Holds no state between turns.
/// </summary>
internal sealed partial class ActivityRouter(
    IEnumerable<IBotCommand> commands,
    IEnumerable<ICardActionHandler> cardActionHandlers,
    IEnumerable<IMessageExtensionCommand> messageExtensionCommands,
    IEnumerable<IDialogForm> dialogForms,
    WelcomeCommand welcome,
    AskThePolicy askThePolicy,
    IConversationReferences conversationReferences,
    ILogger<ActivityRouter> logger) : IActivityHandler
{
    private readonly IReadOnlyList<IBotCommand> commands = commands.ToList();
    private readonly Dictionary<string, ICardActionHandler> cardActions = cardActionHandlers
        .SelectMany(handler => handler.Verbs.Keys.Select(verb => KeyValuePair.Create(verb, handler)))
        .ToDictionary(StringComparer.OrdinalIgnoreCase);

    private readonly Dictionary<string, IMessageExtensionCommand> extensionCommands = messageExtensionCommands
        .ToDictionary(command => command.CommandId, StringComparer.Ordinal);

    private readonly Dictionary<string, IDialogForm> dialogs = dialogForms.ToDictionary(form => form.Name, StringComparer.Ordinal);

    /// <summary>The message extension's command ids this router answers.</summary>
    public IReadOnlyCollection<string> ExtensionCommandIds => extensionCommands.Keys;

    /// <summary>The forms a card button may open in a dialog, by the name its data carries.</summary>
    public IReadOnlyDictionary<string, IDialogForm> DialogForms => dialogs;

    /// <summary>The verbs of the Action.Execute clicks this router answers.</summary>
    public IReadOnlyCollection<string> CardVerbs => cardActions.Keys;

    /// <summary>The verbs of the commands, typed or sent by Action.Submit.</summary>
    public IReadOnlyCollection<string> CommandVerbs => [.. commands.Select(command => command.Verb)];

    /// <summary>
    /// Every verb above with the rule its handler declares beside it, for the role × verb tests to hold each answer to.
    /// A verb that is both a command and a card action throws here: one verb, one rule.
    /// </summary>
    public IReadOnlyDictionary<string, VerbRule> VerbRules => cardActions
        .Select(action => KeyValuePair.Create(action.Key, action.Value.Verbs[action.Key]))
        .Concat(commands.Select(command => KeyValuePair.Create(command.Verb, command.Rule)))
        .ToDictionary(StringComparer.OrdinalIgnoreCase);

    public async Task<InvokeResponse?> HandleAsync(ITurnContext turn, CancellationToken cancellationToken)
    {
        var activity = turn.Activity;
        using var origin = TurnOrigin.Begin(activity.ServiceUrl, turn.TenantId());
        var remembered = RememberConversationAsync(activity, cancellationToken);
        if (activity.IsType(ActivityTypes.Invoke))
        {
            // A click or a command comes from a conversation the bot has already written to, so nothing in answering it
            // needs this save first: the two go out together, and a click waits for one table call instead of two.
            try
            {
                return await OnInvokeAsync(turn, cancellationToken);
            }
            finally
            {
                await remembered;
            }
        }

        // A message or an install may be answered in a chat looked up by its reference: saved first.
        await remembered;
        if (activity.IsType(ActivityTypes.ConversationUpdate) && BotWasAdded(activity))
        {
            await welcome.HandleAsync(turn, cancellationToken);
        }
        else if (activity.IsType(ActivityTypes.Message))
        {
            await OnMessageAsync(turn, cancellationToken);
        }

        return null;
    }

    private async Task<InvokeResponse> OnInvokeAsync(ITurnContext turn, CancellationToken cancellationToken)
    {
        if (CardAction.From(turn.Activity) is { } action && cardActions.TryGetValue(action.Verb, out var handler))
        {
            return await handler.HandleAsync(turn, action, cancellationToken);
        }

        if (turn.Activity.Name is InvokeNames.FetchTask or InvokeNames.SubmitAction or InvokeNames.Query)
        {
            var commandId = MessageExtensionAction.From(turn.Activity)?.CommandId;
            if (commandId is not null && extensionCommands.TryGetValue(commandId, out var command))
            {
                return await command.HandleAsync(turn, cancellationToken);
            }

            LogUnhandledInvoke(logger, turn.Activity.Name);
            return InvokeResponse.ComposeExtension(ComposeExtensionResponse.Message("The Social Media Desk does not know this command. Type \"help\" in a chat with it to see what it can do."));
        }

        if (turn.Activity.Name is InvokeNames.TaskFetch or InvokeNames.TaskSubmit)
        {
            return await OnDialogAsync(turn, cancellationToken);
        }

        LogUnhandledInvoke(logger, turn.Activity.Name);
        return InvokeResponse.Message("That button is no longer available. Type \"help\" to start again.");
    }

    /// <summary>
    /// A form in a dialog: <c>task/fetch</c> names the form in its button's data, <c>task/submit</c> carries the verb of
    /// the dialog's button (each form's verbs are its own). Data no button sends (an unknown form, a verb of another form)
    /// closes the dialog with a polite word, never an error.
    /// </summary>
    private async Task<InvokeResponse> OnDialogAsync(ITurnContext turn, CancellationToken cancellationToken)
    {
        var data = TaskModuleRequest.From(turn.Activity)?.Data is { ValueKind: JsonValueKind.Object } d ? d : JsonDocument.Parse("{}").RootElement.Clone();
        if (string.Equals(turn.Activity.Name, InvokeNames.TaskFetch, StringComparison.Ordinal))
        {
            return Text(data, "form") is { } name && dialogs.TryGetValue(name, out var opened)
                ? opened.Open(turn).AsTask(opened.Title)
                : UnknownDialog(turn);
        }

        var verb = Text(data, "verb");
        var form = verb is null ? null : dialogs.Values.FirstOrDefault(f => f.Verbs.ContainsKey(verb));
        if (form is null)
        {
            return UnknownDialog(turn);
        }

        var step = await form.SubmitAsync(turn, data, cancellationToken);
        return step.AsTask(form.Title);
    }

    private InvokeResponse UnknownDialog(ITurnContext turn)
    {
        LogUnhandledInvoke(logger, turn.Activity.Name);
        return InvokeResponse.Task(TaskResponse.Message("That form is no longer available. Type \"help\" in your chat with the Social Media Desk to start again."));
    }

    private static string? Text(JsonElement data, string name) =>
        data.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    private async Task OnMessageAsync(ITurnContext turn, CancellationToken cancellationToken)
    {
        var activity = turn.Activity;
        var isPersonal = activity.IsInPersonalChat();

        // Teams only delivers channel and group chat messages that @mention the bot; the check
        // still matters for anything else that shares the conversation.
        if (!isPersonal && !MentionsBot(activity) && SubmittedVerb(activity) is null)
        {
            return;
        }

        var command = FindCommand(activity);
        if (command is null && isPersonal && SubmittedVerb(activity) is null && activity.TextWithoutRecipientMention() is { Length: > 0 } question)
        {
            // Commands win; other words in the personal chat are a question for the policy. In a team or group chat
            // the welcome card stays the answer: an answer there would be read by everyone, about one person's worry.
            await askThePolicy.HandleAsync(turn, question, cancellationToken);
            return;
        }

        if (command is null)
        {
            LogUnrecognised(logger, activity.Conversation?.ConversationType);
        }

        await (command ?? welcome).HandleAsync(turn, cancellationToken);
    }

    private IBotCommand? FindCommand(Activity activity)
    {
        if (SubmittedVerb(activity) is { } verb)
        {
            return commands.FirstOrDefault(c => string.Equals(c.Verb, verb, StringComparison.OrdinalIgnoreCase));
        }

        var text = CommandText.Normalize(activity.TextWithoutRecipientMention());
        return commands.FirstOrDefault(c => c.Phrases.Contains(text, StringComparer.Ordinal))
            ?? commands.FirstOrDefault(c => c.TakesWords && c.Phrases.Any(phrase => text.StartsWith(phrase + " ", StringComparison.Ordinal)));
    }

    /// <summary>The verb of the button that sent this message (Action.Submit puts its data in <c>value</c>).</summary>
    private static string? SubmittedVerb(Activity activity) =>
        activity.Value is { ValueKind: JsonValueKind.Object } value &&
        value.TryGetProperty("verb", out var verb) && verb.ValueKind == JsonValueKind.String
            ? verb.GetString()
            : null;

    private static bool MentionsBot(Activity activity) =>
        activity.TextWithoutRecipientMention() != (activity.Text ?? string.Empty).Trim();

    private static bool BotWasAdded(Activity activity) =>
        activity.MembersAdded?.Any(member => member.Id == activity.Recipient?.Id) == true;

    private async Task RememberConversationAsync(Activity activity, CancellationToken cancellationToken)
    {
        try
        {
            await conversationReferences.RememberConversationAsync(activity, cancellationToken);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // Answering the person matters more than remembering the address; the next activity saves it again.
            LogReferenceNotSaved(logger, ex.GetType().Name);
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "No command matched a message in a {ConversationType} conversation; showing the welcome card")]
    private static partial void LogUnrecognised(ILogger logger, string? conversationType);

    [LoggerMessage(Level = LogLevel.Warning, Message = "No handler for invoke {InvokeName}")]
    private static partial void LogUnhandledInvoke(ILogger logger, string? invokeName);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not save the conversation reference: {ErrorType}")]
    private static partial void LogReferenceNotSaved(ILogger logger, string errorType);
}
