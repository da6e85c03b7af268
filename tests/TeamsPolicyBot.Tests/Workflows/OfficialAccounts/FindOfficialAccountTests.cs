using System.Globalization;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using TeamsPolicyBot.Tests.TestSupport;
using TeamsPolicyBot.Workflows.AccountRequests;
using TeamsPolicyBot.Workflows.OfficialAccounts;
using static TeamsPolicyBot.Tests.Workflows.AccountRequests.AccountRequestSamples;

namespace TeamsPolicyBot.Tests.Workflows.OfficialAccounts;

/// <summary>The "Find an official account" search (composeExtension/query) through the whole app, against the register in Azurite.</summary>
[Collection(AzuriteTests.Name)]
public sealed class FindOfficialAccountTests(AzuriteFixture azurite) : IAsyncLifetime
{
    private WorkflowHarness harness = null!;

    public async Task InitializeAsync() => harness = await WorkflowHarness.StartAsync(azurite);

    public async Task DisposeAsync() => await harness.DisposeAsync();

    private IOfficialAccounts Register => harness.App.Services.GetRequiredService<IOfficialAccounts>();

    private async Task RegisterAsync(int number, string overrides, Func<OfficialAccount, OfficialAccount>? change = null)
    {
        var reference = string.Create(CultureInfo.InvariantCulture, $"SMA-2026-{number:D4}");
        var approvedAt = DateTimeOffset.UtcNow.AddDays(-number);
        var request = AccountRequest.Submit(reference, Ada, Details(overrides), approvedAt.AddHours(-1)).Approve(Approver, approvedAt).Next!;
        await Register.AddFromApprovedRequestAsync(request);
        if (change is not null)
        {
            await Register.ApplyAsync(reference, account => AccountTransition.To(change(account)));
        }
    }

    private Task<JsonNode> SearchAsync(string? text) => harness.PostAsync(harness.ExtensionInvoke(
        "composeExtension/query",
        new JsonObject
        {
            ["commandId"] = "findOfficialAccount",
            ["parameters"] = new JsonArray(text is null
                ? new JsonObject { ["name"] = "initialRun", ["value"] = "true" }
                : new JsonObject { ["name"] = "account", ["value"] = text }),
            ["queryOptions"] = new JsonObject { ["skip"] = 0, ["count"] = 25 },
        },
        "29:staff",
        BotApplicationFactory.StaffAadId,
        "Grace Hopper"));

    private static string Message(JsonNode answer)
    {
        Assert.Equal("message", (string?)answer["composeExtension"]!["type"]);
        return (string)answer["composeExtension"]!["text"]!;
    }

    [Fact]
    public async Task A_name_or_handle_lists_the_matching_accounts_as_cards_to_insert_official_first_and_closed_said_as_closed()
    {
        await RegisterAsync(1, "platform=instagram|handle=@lshtm_malaria|unitName=Malaria Centre");
        await RegisterAsync(2, "platform=linkedin|handle=@malaria-old|unitName=Malaria Centre", a => a with { Status = OfficialAccountStatus.Closed, ClosedAt = DateTimeOffset.UtcNow });
        await RegisterAsync(3, "platform=instagram|handle=@lshtm_tb|unitName=TB Centre");

        var answer = await SearchAsync("malaria");

        var result = answer["composeExtension"]!;
        Assert.Equal(("result", "list"), ((string?)result["type"], (string?)result["attachmentLayout"]));
        var found = result["attachments"]!.AsArray();
        Assert.Equal(2, found.Count);
        Assert.Equal("application/vnd.microsoft.card.adaptive", (string?)found[0]!["contentType"]);
        Assert.Equal("application/vnd.microsoft.card.thumbnail", (string?)found[0]!["preview"]!["contentType"]);
        Assert.Equal("Instagram · @lshtm_malaria", (string?)found[0]!["preview"]!["content"]!["title"]);
        var official = found[0]!["content"]!.ToJsonString();
        Assert.Contains(FindOfficialAccountCommand.OfficialStatus, official, StringComparison.Ordinal);
        Assert.True(official.Contains("Malaria Centre", StringComparison.Ordinal), official);
        Assert.Contains("Status: Closed on ", found[1]!["content"]!.ToJsonString(), StringComparison.Ordinal);
        Assert.Contains("No longer an official account", found[1]!["content"]!.ToJsonString(), StringComparison.Ordinal);

        // Administrators are neither shown nor searchable: a result may be pasted into any chat.
        Assert.DoesNotContain("Lovelace", answer.ToJsonString(), StringComparison.Ordinal);
        Assert.Equal("No official university account matches \"Lovelace\".", Message(await SearchAsync("Lovelace")).Split(" If ")[0]);
    }

    [Fact]
    public async Task An_empty_search_gets_a_hint_and_nothing_found_says_so()
    {
        await RegisterAsync(1, "platform=instagram|handle=@lshtm_malaria|unitName=Malaria Centre");

        Assert.Equal(FindOfficialAccountCommand.Hint, Message(await SearchAsync(null)));
        Assert.Equal(FindOfficialAccountCommand.Hint, Message(await SearchAsync("  @ ")));
        Assert.StartsWith("No official university account matches \"@lshtm_cholera\".", Message(await SearchAsync("@lshtm_cholera")), StringComparison.Ordinal);
    }
}
