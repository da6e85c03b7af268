using System.Text.Json;
using System.Text.Json.Nodes;
using TeamsPolicyBot.Workflows.AccountRequests;
using TeamsPolicyBot.Workflows.OfficialAccounts;
using static TeamsPolicyBot.Tests.EndToEnd.PlaygroundCards;
using F = TeamsPolicyBot.Workflows.AccountRequests.AccountRequestFields;

namespace TeamsPolicyBot.Tests.EndToEnd;

/// <summary>
/// Replacing an administrator of an official account (policy 4.20, 4.21) from "my accounts": the account never has fewer
/// than two accepted administrators, the newcomer counts once they accept in their own chat, and Comms hears of each step.
/// </summary>
public sealed partial class AccountRequestEndToEndTests
{
    [Fact]
    public async Task Sam_replaces_the_second_administrator_only_once_Jordan_has_accepted_and_Comms_is_told_each_step()
    {
        // The bot reaches Alex and Jordan, who never messaged it, through the Comms team's roster.
        await InstallInCommsTeamAsync();

        // Sam's request names Alex in the people picker: on approval Alex is asked, and counts once he accepts.
        var form = await RequestFormAsync();
        var mark = Playground.Mark();
        var inputs = ValidInputs("@e2e_admins", People.LineManager);
        inputs[F.SecondAdmin] = People.LineManager.AadObjectId;
        var reference = ReferenceIn(CardOf(await SubmitFormAsync(form, Content(form), inputs)));
        var channelCard = await ApprovalCardPostedAsync(mark);
        // Alex was picked in Sam's personal chat, where Teams does not know him: the Comms roster names him for Comms.
        Assert.Contains(Strings(Content(channelCard)), text => text.Contains(People.LineManager.Name, StringComparison.Ordinal));
        var recorded = Stack.Recording.Read().Count;
        CardOf(await DecideAsync(channelCard, People.CommsApprover, AccountRequestVerbs.Approve));
        var alexInvited = await PrivateCardAsync(recorded, People.LineManager, reference, card => ExecuteVerbs(card).Contains(OfficialAccountVerbs.AcceptAdministrator));
        CardOf(await ClickInPrivateChatAsync(alexInvited, People.LineManager, OfficialAccountVerbs.AcceptAdministrator));

        // Sam and Alex are the two it must have: removing Alex is refused, and says what to do instead.
        var refused = MessageOf(await RemoveAsync(reference, People.LineManager));
        Assert.Equal(
            $"Instagram @e2e_admins has two administrators, the fewest it may have (policy 4.21). Add a new administrator and have them accept before removing {People.LineManager.Name}, or choose \"Replace\" when you add them.",
            refused);

        // Sam asks Jordan (the people picker sends his Entra object id): Comms is told, Jordan gets the card in his chat.
        mark = Playground.Mark();
        recorded = Stack.Recording.Read().Count;
        var myAccounts = await MyAccountsAsync();
        var asked = MessageOf(await ClickAsync(myAccounts, People.Staff, OfficialAccountVerbs.AddAdministrator, new JsonObject
        {
            [$"newAdmin_{reference}"] = People.OtherStaff.AadObjectId,
            [$"replaces_{reference}"] = "",
        }, AccountLine(myAccounts, reference)));
        Assert.Equal($"I have asked {People.OtherStaff.Name} to accept. They count as an administrator of Instagram @e2e_admins once they do.", asked);
        await CommsLineAsync(mark, $"{People.Staff.Name} asked {People.OtherStaff.Name} to become an administrator of Instagram @e2e_admins ({reference}). They count once they accept.");
        var jordanInvited = await PrivateCardAsync(recorded, People.OtherStaff, reference, card => ExecuteVerbs(card).Contains(OfficialAccountVerbs.AcceptAdministrator));

        // Until Jordan accepts, Alex still cannot be removed.
        Assert.Equal(refused, MessageOf(await RemoveAsync(reference, People.LineManager)));

        // Jordan accepts in his own chat: he counts, and Comms is told.
        mark = Playground.Mark();
        CardOf(await ClickInPrivateChatAsync(jordanInvited, People.OtherStaff, OfficialAccountVerbs.AcceptAdministrator));
        await CommsLineAsync(mark, $"{People.OtherStaff.Name} accepted and is now an administrator of Instagram @e2e_admins ({reference}).");

        // Now Sam removes Alex: the account keeps Sam and Jordan, and Comms is told.
        mark = Playground.Mark();
        var removed = MessageOf(await RemoveAsync(reference, People.LineManager));
        Assert.StartsWith($"{People.LineManager.Name} is no longer an administrator of Instagram @e2e_admins ({reference}).", removed, StringComparison.Ordinal);
        await CommsLineAsync(mark, $"{People.LineManager.Name} is no longer an administrator of Instagram @e2e_admins ({reference}).");
        var line = AccountLine(await MyAccountsAsync(), reference);
        Assert.Contains(Texts(line), text => text == People.OtherStaff.Name);
        Assert.DoesNotContain(Texts(line), text => text == People.LineManager.Name);
    }

    /// <summary>Types "my accounts" in Sam's personal chat.</summary>
    private Task<PlaygroundEvent> MyAccountsAsync() => SayInPersonalChatAsync("my accounts");

    /// <summary>The line of a register card (its container) for <paramref name="reference"/>: its facts, administrators and buttons.</summary>
    private static JsonElement AccountLine(PlaygroundEvent listing, string reference) =>
        Assert.Single(
            Elements(Content(listing).GetProperty("body")),
            e => e.GetProperty("type").GetString() == "Container" && e.TryGetProperty("items", out var items) &&
                 items.EnumerateArray().Any(item => item.GetProperty("type").GetString() == "FactSet" &&
                     item.GetProperty("facts").EnumerateArray().Any(fact => fact.GetProperty("title").GetString() == "Reference" && fact.GetProperty("value").GetString() == reference)));

    /// <summary>Sam clicks Remove beside <paramref name="person"/> among the account's administrators on a fresh "my accounts".</summary>
    private async Task<JsonElement> RemoveAsync(string reference, PlaygroundPerson person)
    {
        var listing = await MyAccountsAsync();
        var row = Assert.Single(
            Elements(AccountLine(listing, reference)),
            e => e.GetProperty("type").GetString() == "ColumnSet" && Texts(e).Contains(person.Name) && ExecuteVerbs(e).Contains(OfficialAccountVerbs.RemoveAdministrator));
        return await ClickAsync(listing, People.Staff, OfficialAccountVerbs.RemoveAdministrator, shown: row);
    }

    /// <summary>The next line the bot posts in the Comms approvals channel that starts with <paramref name="text"/>.</summary>
    private Task<PlaygroundEvent> CommsLineAsync(long mark, string text) =>
        NextAsync(() => Playground.NextBotMessageAsync(
            mark, e => e.ConversationId == Tenant.CommsChannelId && e.Text?.StartsWith(text, StringComparison.Ordinal) == true, Timeout));
}
