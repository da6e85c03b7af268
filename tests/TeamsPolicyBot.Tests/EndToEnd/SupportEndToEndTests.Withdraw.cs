using System.Text.Json;
using System.Text.Json.Nodes;
using TeamsPolicyBot.Workflows.HarassmentSupport;
using static TeamsPolicyBot.Tests.EndToEnd.PlaygroundCards;
using F = TeamsPolicyBot.Workflows.HarassmentSupport.SupportFields;

namespace TeamsPolicyBot.Tests.EndToEnd;

/// <summary>Sam no longer needs support: withdrawn from the confirmation card before anyone took it.</summary>
public sealed partial class SupportEndToEndTests
{
    private const string WithdrawNote = "A colleague helped me block the account and it has stopped";

    [Fact]
    public async Task Sam_withdraws_a_referral_nobody_took_and_the_channel_card_says_withdrawn_with_nothing_personal_and_my_requests_says_Withdrawn()
    {
        var (support, requested, reference, channelCard) = await ReferralOnTheChannelAsync();

        // "I no longer need support" opens the withdrawal with an optional note; "Withdraw my request" sends it.
        Assert.Contains("I no longer need support", ActionTitles(requested));
        var mark = Playground.Mark();
        var withdrawn = CardOf(await ClickAsync(support, People.Staff, SupportVerbs.Withdraw, new JsonObject { [F.WithdrawReason] = WithdrawNote }, shown: requested));
        Assert.Contains("You withdrew your request", Texts(withdrawn));
        Assert.Contains(Texts(withdrawn), text => text.Contains("**You can ask for support again at any time**", StringComparison.Ordinal));
        Assert.Contains("Support you can use at any time", Texts(withdrawn));
        Assert.Empty(ActionTitles(withdrawn));

        // The Comms channel card, in place: withdrawn, no buttons for anyone, and neither Sam nor the note in it.
        var update = await CardUpdateAsync(mark, channelCard, "**Not marked urgent** · Withdrawn");
        Assert.Empty(ButtonTitles(Content(update)));
        Assert.Empty(RefreshUserIds(Content(update)));
        AssertNothingPersonal(update.Message.GetRawText());
        Assert.DoesNotContain("block the account", update.Message.GetRawText(), StringComparison.Ordinal);

        Assert.Equal("Withdrawn", await MyRequestStatusAsync(reference));
    }

    /// <summary>Sam sends a valid, non-urgent referral from "get support"; its card is in the Comms channel.</summary>
    private async Task<(PlaygroundEvent Support, JsonElement Requested, string Reference, PlaygroundEvent ChannelCard)> ReferralOnTheChannelAsync(JsonObject? inputs = null)
    {
        await InstallInCommsTeamAsync();
        var support = await SayInPersonalChatAsync("get support");
        var form = CardOf(await ClickAsync(support, People.Staff, SupportVerbs.Form));
        var confirm = CardOf(await ClickAsync(support, People.Staff, SupportVerbs.Review, inputs ?? ValidInputs(), shown: form));
        var mark = Playground.Mark();
        var requested = CardOf(await ClickAsync(support, People.Staff, SupportVerbs.Confirm, shown: confirm));
        var reference = ReferenceIn(requested);
        return (support, requested, reference, await NewChannelCardAsync(mark, reference, "Not marked urgent"));
    }
}
