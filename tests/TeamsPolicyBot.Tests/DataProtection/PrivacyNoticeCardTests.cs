using System.Text.Json.Nodes;
using Microsoft.Extensions.Options;
using TeamsPolicyBot.Cards;
using TeamsPolicyBot.Configuration;
using TeamsPolicyBot.DataProtection;
using TeamsPolicyBot.Tests.Cards;
using TeamsPolicyBot.Workflows.AccountRequests;
using TeamsPolicyBot.Workflows.HarassmentSupport;
using TeamsPolicyBot.Workflows.Incidents;

namespace TeamsPolicyBot.Tests.DataProtection;

/// <summary>The short privacy notice at the top of each kind's first form and on the support card, from one place.</summary>
public sealed class PrivacyNoticeCardTests
{
    private static readonly CardTemplates Loaded = CardTemplates.Load(CardTemplates.DefaultDirectory, DeclaredCardNames.All);

    public static TheoryData<string> FirstCards => [AccountRequestCardNames.Form, IncidentCardNames.ReportForm, SupportCardNames.Form, SupportCardNames.Welcome];

    /// <summary>The card's sample data without its sample notice, so what shows is what the engine gives.</summary>
    private static JsonObject SampleData(string name)
    {
        var data = JsonNode.Parse(File.ReadAllText(Path.Combine(CardPaths.Cards, name + ".data.json")))!.AsObject();
        data.Remove("privacy");
        return data;
    }

    [Theory]
    [MemberData(nameof(FirstCards))]
    public void The_notice_with_its_link_tops_the_card_as_the_settings_say(string name)
    {
        var notice = new PrivacyNotice(Options.Create(new DataProtectionOptions { PrivacyNoticeUrl = "https://www.lshtm.ac.uk/privacy" }), Options.Create(new RetentionOptions { Incidents = TimeSpan.FromDays(3653) }));

        var card = Loaded.WithPrivacyNotice(notice.Data()).Render(name, SampleData(name)).GetRawText();

        Assert.Contains("What you send here is seen only by the people who handle it", card, StringComparison.Ordinal);
        Assert.Contains("then for up to ten years, and then deleted. [Read the full privacy notice](https://www.lshtm.ac.uk/privacy).", card, StringComparison.Ordinal);
        var header = JsonNode.Parse(card)!["body"]![0]!.ToJsonString();
        Assert.Contains("seen only by", header, StringComparison.Ordinal); // at the top, before anything is asked
    }

    [Theory]
    [MemberData(nameof(FirstCards))]
    public void Without_a_notice_the_card_shows_none_and_no_unbound_text(string name)
    {
        var card = Loaded.Render(name, SampleData(name)).GetRawText();

        Assert.DoesNotContain("seen only by", card, StringComparison.Ordinal);
        Assert.DoesNotContain("${", card, StringComparison.Ordinal);
    }
}
