using System.Text.Json.Nodes;
using Azure.Data.Tables;
using TeamsPolicyBot.Workflows.HarassmentSupport;
using static TeamsPolicyBot.Tests.EndToEnd.PlaygroundCards;
using F = TeamsPolicyBot.Workflows.HarassmentSupport.SupportFields;

namespace TeamsPolicyBot.Tests.EndToEnd;

/// <summary>The retention schedule as Sam sees it: a withdrawn referral is kept for its period, then gone everywhere.</summary>
public sealed partial class SupportEndToEndTests
{
    // The period, plus a sweep interval, plus time for a slow machine.
    private static readonly TimeSpan SweepDeadline = PlaygroundFixture.SupportReferralRetention + TimeSpan.FromMinutes(2);

    // Words no other test types, so a scan of storage finds this referral's rows only.
    private const string WhatThenDeleted = "A parody account has been posting my lecture slides with insulting captions since the open day";

    [Fact]
    public async Task A_withdrawn_referral_is_listed_in_my_data_then_after_its_retention_period_is_gone_from_storage_my_requests_and_my_data()
    {
        var inputs = ValidInputs();
        inputs[F.What] = WhatThenDeleted;
        var (support, requested, reference, channelCard) = await ReferralOnTheChannelAsync(inputs);
        await ClickAsync(support, People.Staff, SupportVerbs.Withdraw, new JsonObject { [F.WithdrawReason] = WithdrawNote }, shown: requested);
        var mark = Playground.Mark();

        // Until its period ends, "my data" lists it with the day it will be deleted.
        var before = Texts(Content(await SayInPersonalChatAsync("my data")));
        Assert.Contains(before, text => text.Contains(reference, StringComparison.Ordinal));
        Assert.Contains(before, text => text.Contains("Deleted on", StringComparison.Ordinal));
        Assert.NotEmpty(await RowsNamingAsync(WhatThenDeleted));

        // Then the sweep deletes every row of it: My requests first shows it gone.
        var deadline = DateTimeOffset.UtcNow + SweepDeadline;
        while ((await MyRequestsAsync()).Any(item => item.Reference == reference))
        {
            Assert.True(DateTimeOffset.UtcNow < deadline, $"{reference} was still in My requests {SweepDeadline} after it was withdrawn.");
            await Task.Delay(TimeSpan.FromSeconds(5));
        }

        // What Sam typed is nowhere (delivery bookkeeping may name the reference for its own 30 days, never the words).
        Assert.Empty(await RowsNamingAsync(WhatThenDeleted));
        Assert.DoesNotContain(Texts(Content(await SayInPersonalChatAsync("my data"))), text => text.Contains(reference, StringComparison.Ordinal));

        // The Comms channel's card keeps only the reference and says why.
        var replaced = await CardUpdateAsync(mark, channelCard, "Record deleted under the retention schedule");
        Assert.DoesNotContain("Withdrawn", Texts(Content(replaced)));
    }

    /// <summary>Every row, in every table of the bot's storage, with a value containing <paramref name="text"/>.</summary>
    private async Task<List<string>> RowsNamingAsync(string text)
    {
        var service = new TableServiceClient(Stack.TablesConnectionString);
        var found = new List<string>();
        await foreach (var table in service.QueryAsync())
        {
            await foreach (var row in service.GetTableClient(table.Name).QueryAsync<TableEntity>())
            {
                if (row.Select(column => column.Value).OfType<string>().Append(row.PartitionKey).Append(row.RowKey).Any(value => value.Contains(text, StringComparison.Ordinal)))
                {
                    found.Add($"{table.Name}/{row.PartitionKey}/{row.RowKey}");
                }
            }
        }

        return found;
    }
}
