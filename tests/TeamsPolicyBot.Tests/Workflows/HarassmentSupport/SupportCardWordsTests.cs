using TeamsPolicyBot.Tests.Cards;
using TeamsPolicyBot.Workflows.HarassmentSupport;
using static TeamsPolicyBot.Tests.Workflows.HarassmentSupport.SupportSamples;

namespace TeamsPolicyBot.Tests.Workflows.HarassmentSupport;

/// <summary>What the support cards promise and the numbers they give, from the settings and matching what happens.</summary>
public sealed class SupportCardWordsTests
{
    private static readonly SupportCards Cards112 = TemplatesWith(new SupportResourcesOptions
    {
        EmergencyNumber = "112",
        ReplyExpectation = "Someone replies within a working day. In danger now? Call {EmergencyNumber}.",
    });

    private static SupportReferral Urgent() => Requested(inputs => inputs["feelsUnsafe"] = "true");

    private static SupportConfirmCard ConfirmCard(SupportReferral referral, string seniorManagers = "") =>
        new("submission-1", Form(), SupportSummary.From(referral.Details), "Alex Morgan", "3f0b9c2e-5555-4a6b-9c1d-000000000005") { SeniorManagers = seniorManagers };

    [Fact]
    public void Every_card_that_gives_an_emergency_number_gives_the_configured_one()
    {
        var urgent = Urgent();
        var cards = new[]
        {
            Cards112.Welcome(new SupportForm()),
            Cards112.Form(new SupportFormCard("submission-1", Form())),
            Cards112.Confirm(ConfirmCard(urgent, "Helen Okafor")),
            Cards112.Requested(urgent),
            Cards112.Case(urgent.Take(Handler, Later).Next!),
        };

        foreach (var card in cards)
        {
            var text = Text(card);
            Assert.Contains("call 112", text, StringComparison.OrdinalIgnoreCase);
            // As a number of its own: the card's ids (random GUIDs) may well contain "999".
            Assert.DoesNotMatch(@"(?<![0-9a-f])999(?![0-9a-f])", text);
        }
    }

    [Fact]
    public void The_support_card_and_the_request_sent_card_say_when_a_case_handler_replies_with_the_number_in_it()
    {
        const string expected = "Someone replies within a working day. In danger now? Call 112.";

        Assert.Contains(expected, RenderedCard.Of(Cards112.Welcome(new SupportForm())).Texts());
        Assert.Contains(expected, RenderedCard.Of(Cards112.Requested(Requested())).Texts());
    }

    [Fact]
    public void The_check_step_promises_the_channel_exactly_what_its_card_shows_and_nothing_personal()
    {
        var taken = Requested().Take(Handler, Later).Next!;
        var channel = RenderedCard.Of(Templates.Channel(taken, ChannelCardViewer.Anyone)).AllText;

        // What the check step says the channel sees: a reference, the urgency, the status, and the case handler's name.
        Assert.Contains(taken.Reference, channel, StringComparison.Ordinal);
        Assert.Contains("Not marked urgent", channel, StringComparison.Ordinal);
        Assert.Contains("Taken by Sam Carter", channel, StringComparison.Ordinal);

        // And nothing more: not the person, what they wrote, where, their needs or their manager.
        foreach (var never in new[] { Person.Name, What, "Mastodon", "X (Twitter)", "Help reporting it", "Alex Morgan", "research" })
        {
            Assert.DoesNotContain(never, channel, StringComparison.OrdinalIgnoreCase);
        }

        var promise = "**The Comms channel**: only a reference number, whether it is urgent, its status, and the name of the case handler who takes it. Never your name or what you wrote.";
        Assert.Contains(promise, RenderedCard.Of(Templates.Confirm(ConfirmCard(taken))).AllText, StringComparison.Ordinal);
        Assert.Contains("The Comms channel sees only your reference, whether it is urgent, its status, and the name of the case handler who takes it.", RenderedCard.Of(Templates.Requested(taken)).AllText, StringComparison.Ordinal);
    }

    [Fact]
    public void An_urgent_check_step_names_the_senior_managers_who_will_be_told_and_a_normal_one_does_not_mention_them()
    {
        var urgent = RenderedCard.Of(Templates.Confirm(ConfirmCard(Urgent(), "Helen Okafor and Tom Price"))).AllText;
        var normal = RenderedCard.Of(Templates.Confirm(ConfirmCard(Requested()))).AllText;

        Assert.Contains($"{SeniorManagers.Phrase} (Helen Okafor and Tom Price) are told straight away", urgent, StringComparison.Ordinal);
        Assert.DoesNotContain(SeniorManagers.Phrase, normal, StringComparison.Ordinal);
        Assert.Contains(SeniorManagers.Phrase, RenderedCard.Of(Templates.Requested(Urgent())).AllText, StringComparison.Ordinal);
        Assert.Contains(SeniorManagers.Phrase, RenderedCard.Of(Templates.Form(new SupportFormCard("submission-1", Form()))).AllText, StringComparison.Ordinal);
    }

    [Fact]
    public void The_withdrawn_card_thanks_the_person_and_says_to_type_get_support_to_come_back()
    {
        var withdrawn = Requested().Withdraw(Person, null, Later).Next!;
        var text = RenderedCard.Of(Templates.Withdrawn(withdrawn)).AllText;

        Assert.Contains("Thank you for letting us know.", text, StringComparison.Ordinal);
        Assert.Contains("type \"get support\"", text, StringComparison.Ordinal);
    }

    [Fact]
    public void The_managers_notice_names_the_case_handler_once_taken_and_before_that_the_case_handlers_with_the_contact_address_when_set()
    {
        var withAddress = TemplatesWith(new SupportResourcesOptions { ContactEmail = "support@example.ac.uk" });
        var details = Requested(inputs => inputs["managerSharing"] = "full");

        var waiting = RenderedCard.Of(withAddress.ManagerNotice(details)).AllText;
        Assert.Contains("**Who to contact**: the Comms team's case handlers, at support@example.ac.uk.", waiting, StringComparison.Ordinal);
        Assert.Contains("About their work", waiting, StringComparison.Ordinal);
        Assert.DoesNotContain("About your work", waiting, StringComparison.Ordinal);
        Assert.Contains("How you can support them", waiting, StringComparison.Ordinal);
        Assert.DoesNotContain("expects of you", waiting, StringComparison.Ordinal);

        var noAddress = RenderedCard.Of(Templates.ManagerNotice(details)).AllText;
        Assert.Contains("**Who to contact**: the Comms team's case handlers, in the Communications & Engagement team.", noAddress, StringComparison.Ordinal);

        var taken = RenderedCard.Of(withAddress.ManagerNotice(details.Take(Handler, Later).Next!)).AllText;
        Assert.Contains("**Who to contact**: Sam Carter, the case handler", taken, StringComparison.Ordinal);
        Assert.DoesNotContain("support@example.ac.uk", taken, StringComparison.Ordinal);
    }

    [Fact]
    public void The_managers_notice_links_the_dignity_at_work_policy_only_when_it_is_set()
    {
        var linked = TemplatesWith(new SupportResourcesOptions { DignityPolicyUrl = "https://www.example.ac.uk/dignity-at-work" });

        Assert.Contains("[dignity at work policy](https://www.example.ac.uk/dignity-at-work)", RenderedCard.Of(linked.ManagerNotice(Requested())).AllText, StringComparison.Ordinal);
        Assert.DoesNotContain("dignity at work", RenderedCard.Of(Templates.ManagerNotice(Requested())).AllText, StringComparison.Ordinal);
    }
}
