using TeamsPolicyBot.Tests.Cards;
using TeamsPolicyBot.Turns;
using TeamsPolicyBot.Turns.MyRequests;

namespace TeamsPolicyBot.Tests.Turns.MyRequests;

public sealed class MyRequestsCardTests
{
    [Fact]
    public void Lists_each_request_newest_first_with_reference_kind_title_status_and_date()
    {
        var older = new MyRequestLine("SMA-2026-0017", "Official account request", "LinkedIn Centre", "Withdrawn", new DateTimeOffset(2026, 6, 3, 15, 20, 0, TimeSpan.FromHours(1)));
        var newer = new MyRequestLine("SMA-2026-0042", "Official account request", @"Instagram @MRCGambia\_Malaria", "Approved", new DateTimeOffset(2026, 11, 26, 9, 40, 0, TimeSpan.Zero));

        var card = RenderedCard.Of(SharedCardNames.MyRequests, MyRequestsCard.Create([older, newer]));

        var texts = card.Texts();
        Assert.Equal([@"Instagram @MRCGambia\_Malaria", "Official account request · SMA-2026-0042", "Approved", "26 Nov 2026", "LinkedIn Centre", "Official account request · SMA-2026-0017", "Withdrawn", "3 Jun 2026"], texts.SkipWhile(t => !t.StartsWith("Instagram", StringComparison.Ordinal)));
        Assert.DoesNotContain("You have no requests yet", texts);
    }

    [Fact]
    public void With_no_requests_it_says_so_and_offers_the_menu()
    {
        var card = RenderedCard.Of(SharedCardNames.MyRequests, MyRequestsCard.Create([]));

        Assert.Contains("You have no requests yet", card.Texts());
        Assert.Equal(["Back to the menu"], card.TopLevelActionTitles());
        Assert.Equal("help", (string?)card.Card["actions"]![0]!["data"]!["verb"]);
    }
}
