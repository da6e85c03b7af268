using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using TeamsPolicyBot.Cards;
using TeamsPolicyBot.Workflows.HarassmentSupport;
using static TeamsPolicyBot.Tests.EndToEnd.PlaygroundCards;
using F = TeamsPolicyBot.Workflows.HarassmentSupport.SupportFields;

namespace TeamsPolicyBot.Tests.EndToEnd;

/// <summary>
/// The support workflow's other paths: someone who feels unsafe now (the emergency contacts first, the case handler and the
/// escalation contact told at once with nothing personal), someone the directory has no manager for (they choose one), and a
/// form with problems (nothing stored or sent until it is right).
/// </summary>
public sealed partial class SupportEndToEndTests
{
    private const string UrgentHeadline = "Urgent: someone feels unsafe now";

    [Fact]
    public async Task An_urgent_referral_shows_the_emergency_contacts_first_and_alerts_the_case_handler_and_escalation_contact_at_once_with_nothing_personal()
    {
        await InstallInCommsTeamAsync();
        var support = await SayInPersonalChatAsync("get support");
        var form = CardOf(await ClickAsync(support, People.Staff, SupportVerbs.Form));

        // "I feel physically unsafe now", and the line manager may see the full details.
        var inputs = ValidInputs();
        inputs[F.FeelsUnsafe] = "true";
        inputs[F.ManagerSharing] = "full";
        var confirm = CardOf(await ClickAsync(support, People.Staff, SupportVerbs.Review, inputs, shown: form));
        Assert.Contains(Texts(confirm), text => text.StartsWith("**You said you feel unsafe now.** If you are in danger, call 999. When you send this, the support case handlers and the university's senior managers for social media incidents (", StringComparison.Ordinal));
        Assert.Contains("URGENT: feels unsafe now", Strings(confirm));

        var recorded = Stack.Recording.Read().Count;
        var mark = Playground.Mark();
        var requested = CardOf(await ClickAsync(support, People.Staff, SupportVerbs.Confirm, shown: confirm));
        var reference = ReferenceIn(requested);

        // The confirmation opens with the emergency contacts, before the reference and everything else.
        var emergency = SupportResourcesOptions.Defaults.Where(r => r.Emergency).ToList();
        Assert.NotEmpty(emergency);
        Assert.Equal(
            [
                "**If you are in danger now, call 999.**",
                .. emergency.SelectMany(r => new[] { $"**{Markdown.Escape(r.Name)}**: {Markdown.Escape(r.Description)}", Markdown.Escape(r.Contact) }),
                "The support case handlers and the university's senior managers for social media incidents have been told straight away, with your reference only.",
                "Social Media Desk · Support",
                "Your request is with us",
                $"Thank you for telling us. Your reference is **{reference}**.",
            ],
            Texts(requested).Take((2 * emergency.Count) + 5));
        Assert.Equal("attention", requested.GetProperty("body")[0].GetProperty("style").GetString());

        // The Comms channel: URGENT in words, the reference, and nothing personal.
        await NewChannelCardAsync(mark, reference, "URGENT: feels unsafe now");

        // Riley (case handler) and Helen (escalation contact) each get a 1:1 alert straight away, before anyone takes the case,
        // with the reference but none of what Sam wrote, nor Sam's name or email.
        foreach (var person in new[] { People.CaseHandler, People.SeniorManager })
        {
            var alert = (await PrivateCardAsync(recorded, person, reference, card => Texts(card).Contains(UrgentHeadline))).Card;
            Assert.Contains(Texts(alert), text => text.StartsWith($"A member of staff who is being harassed on social media says they feel physically unsafe now (support request {reference}).", StringComparison.Ordinal));
            AssertNothingPersonal(alert.GetRawText());
        }

        // The line manager's notice still follows Sam's choice: here, the full details.
        var managerNotice = await ManagerNoticeAsync(recorded, reference);
        Assert.Contains("What they told us (shared with their agreement)", Texts(managerNotice));
        Assert.Contains(What, Texts(managerNotice));
        Assert.DoesNotContain(Texts(managerNotice), text => text.Contains("chose to share only", StringComparison.Ordinal));

        Assert.Contains(await MyRequestsAsync(), item => item.Reference == reference && item.Title == "Support with harassment · Urgent" && item.Status == "Waiting for a case handler");
    }

    [Fact]
    public async Task Someone_the_directory_has_no_manager_for_chooses_one_and_nothing_is_sent_until_they_have()
    {
        // Morgan has no Directory:Managers entry. Morgan opens their own 1:1 chat with the bot (the Playground's page shows Sam's only).
        await InstallInCommsTeamAsync();
        var morgan = People.CommsApprover;
        var chat = await OpenPersonalChatAsync(morgan);
        var support = await SayInPrivateChatAsync(morgan, chat, "get support");
        Assert.Contains("You are not alone", Texts(support.Card));
        var form = CardOf(await ClickInPrivateChatAsync(support, morgan, SupportVerbs.Form));
        var confirm = CardOf(await ClickInPrivateChatAsync(support, morgan, SupportVerbs.Review, ValidInputs(), shown: form));

        // The check step names nobody: a people picker and an email box instead.
        Assert.Contains("Check before sending", Texts(confirm));
        Assert.Contains("**Your line manager**: we could not find them in the directory. Please choose them, or enter their work email, so they can be told (Only that I asked for support, and how to support me).", Texts(confirm));
        Assert.DoesNotContain(Texts(confirm), text => text.StartsWith("- **Your line manager", StringComparison.Ordinal));
        var picker = ElementWithId(confirm, F.ManagerId);
        Assert.Equal("Input.ChoiceSet", picker.GetProperty("type").GetString());
        Assert.Equal("graph.microsoft.com/users", picker.GetProperty("choices.data").GetProperty("dataset").GetString());
        Assert.Equal("Input.Text", ElementWithId(confirm, F.ManagerEmail).GetProperty("type").GetString());

        // "Send my request" with nobody chosen: the check step again, the problem next to the email box; nothing stored.
        var recorded = Stack.Recording.Read().Count;
        var mark = Playground.Mark();
        var noChoice = CardOf(await ClickInPrivateChatAsync(support, morgan, SupportVerbs.Confirm, new JsonObject { [F.ManagerId] = "", [F.ManagerEmail] = "" }, shown: confirm));
        Assert.Contains("Check before sending", Texts(noChoice));
        AssertProblemNextTo(noChoice, F.ManagerEmail, "Find your line manager, or enter their work email, so we can let them know.");
        Assert.Single(Texts(noChoice), text => text.StartsWith("⚠ Problem: ", StringComparison.Ordinal));

        // Not an email address: the problem next to the box, with what was typed still in it.
        var badEmail = CardOf(await ClickInPrivateChatAsync(support, morgan, SupportVerbs.Confirm, new JsonObject { [F.ManagerId] = "", [F.ManagerEmail] = "alex chen" }, shown: noChoice));
        AssertProblemNextTo(badEmail, F.ManagerEmail, "Enter one email address, for example name@lshtm.ac.uk.");
        Assert.Equal("alex chen", InputValues(badEmail)[F.ManagerEmail]);
        Assert.DoesNotContain(await MyRequestsAsync(morgan, chat), item => item.Kind == SupportIndex.Kind);

        // Alex chosen with the picker: sent. The first Comms thread since the refused sends is this one, with nothing personal.
        var requested = CardOf(await ClickInPrivateChatAsync(support, morgan, SupportVerbs.Confirm, new JsonObject { [F.ManagerId] = People.LineManager.AadObjectId, [F.ManagerEmail] = "" }, shown: badEmail));
        var reference = ReferenceIn(requested);
        Assert.Contains(Texts(requested), text => text.Contains("- Your line manager is told that you asked for support, and how to support you.", StringComparison.Ordinal));
        await NewChannelCardAsync(mark, reference, "Not marked urgent", morgan);

        // Alex, the manager Morgan chose, gets the 1:1: only that Morgan asked for support.
        var managerNotice = await ManagerNoticeAsync(recorded, reference);
        Assert.Contains(Texts(managerNotice), text => text.StartsWith($"{morgan.Name} chose to share only that they asked for support.", StringComparison.Ordinal));
        AssertNoFreeText(managerNotice.GetRawText());

        // Morgan's "my requests": this one request, once.
        var mine = Assert.Single(await MyRequestsAsync(morgan, chat), item => item.Kind == SupportIndex.Kind);
        Assert.Equal((reference, "Waiting for a case handler"), (mine.Reference, mine.Status));
    }

    [Fact]
    public async Task A_form_with_problems_comes_back_with_each_problem_next_to_its_field_and_everything_typed_kept_and_nothing_is_stored_or_sent()
    {
        await InstallInCommsTeamAsync();
        var support = await SayInPersonalChatAsync("get support");
        var form = CardOf(await ClickAsync(support, People.Staff, SupportVerbs.Form));
        var submissionId = ExecuteData(form, SupportVerbs.Review)[F.SubmissionId]!.GetValue<string>();
        var requestsBefore = (await MyRequestsAsync()).Count;
        var mark = Playground.Mark();

        // Empty: the two required fields (what is happening, the manager choice) say what to do; the rest may stay empty.
        var empty = CardOf(await ClickAsync(support, People.Staff, SupportVerbs.Review, EmptyInputs(), shown: form));
        AssertSameForm(empty, submissionId, "**Please check 2 things below**");
        AssertProblemNextTo(empty, F.What, "Tell us what is happening, in your own words. A few sentences is enough.");
        AssertProblemNextTo(empty, F.ManagerSharing, "Choose what your line manager may see.");
        Assert.Equal(2, Texts(empty).Count(text => text.StartsWith("⚠ Problem: ", StringComparison.Ordinal)));

        // A link that is not a web address and a day where the form now offers a choice (an old card): those two problems only, everything typed still there.
        var typed = ValidInputs();
        typed[F.Links] = $"{Link}\nx.com/{LinkHandle}";
        typed[F.Since] = UkDay(-2);
        typed[F.FeelsUnsafe] = "true";
        var wrong = CardOf(await ClickAsync(support, People.Staff, SupportVerbs.Review, typed, shown: empty));
        AssertSameForm(wrong, submissionId, "**Please check 2 things below**");
        AssertProblemNextTo(wrong, F.Links, $"\"x.com/{LinkHandle}\" is not a web address. {Forms.FieldRules.NotAWebAddress}");
        AssertProblemNextTo(wrong, F.Since, "Choose roughly when it started from the list, or leave it empty.");
        Assert.Equal(2, Texts(wrong).Count(text => text.StartsWith("⚠ Problem: ", StringComparison.Ordinal)));
        var kept = InputValues(wrong);
        foreach (var (field, value) in typed)
        {
            Assert.Equal(value!.GetValue<string>(), kept[field]);
        }

        // A check step whose form was changed since (a stale or altered card): sending it brings the form back, storing nothing.
        var confirm = CardOf(await ClickAsync(support, People.Staff, SupportVerbs.Review, ValidInputs(), shown: wrong));
        var altered = ExecuteData(confirm, SupportVerbs.Confirm)["form"]!.DeepClone().AsObject();
        altered[F.Since] = UkDay(-2);
        var refused = CardOf(await ClickAsync(support, People.Staff, SupportVerbs.Confirm, new JsonObject { ["form"] = altered }, shown: confirm));
        AssertSameForm(refused, submissionId, "**Please check 1 thing below**");
        AssertProblemNextTo(refused, F.Since, "Choose roughly when it started from the list, or leave it empty.");

        // Nothing was stored: "my requests" lists what it did before.
        Assert.Equal(requestsBefore, (await MyRequestsAsync()).Count);

        // Nothing was sent: once it is right and sent, the first Comms thread since the first try is this request's.
        var requested = CardOf(await ClickAsync(support, People.Staff, SupportVerbs.Confirm, shown: confirm));
        var reference = ReferenceIn(requested);
        await NewChannelCardAsync(mark, reference, "Not marked urgent");
        Assert.Equal(requestsBefore + 1, (await MyRequestsAsync()).Count);
    }

    /// <summary>The referral form again, for the same submission, with its problems summed up and what was typed kept.</summary>
    private static void AssertSameForm(JsonElement card, string submissionId, string summary)
    {
        Assert.Contains("Ask for support", Texts(card));
        Assert.Equal(submissionId, ExecuteData(card, SupportVerbs.Review)[F.SubmissionId]!.GetValue<string>());
        Assert.Contains(summary, Texts(card));
        Assert.Contains("Everything you typed is still here.", Texts(card));
    }

    /// <summary>Every input as Teams sends it when nothing was filled in.</summary>
    private static JsonObject EmptyInputs() =>
        new(ValidInputs().Select(input => KeyValuePair.Create(input.Key, (JsonNode?)(input.Key == F.FeelsUnsafe ? "false" : ""))));

    /// <summary>The UK day <paramref name="days"/> from today, as Input.Date sends it.</summary>
    private static string UkDay(int days) =>
        CardDates.UkDay(DateTimeOffset.UtcNow).AddDays(days).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}
