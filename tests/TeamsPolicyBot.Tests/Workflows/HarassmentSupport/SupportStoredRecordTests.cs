using System.Text.Json.Nodes;
using TeamsPolicyBot.Storage;
using TeamsPolicyBot.Tests.Cards;
using TeamsPolicyBot.Workflows.HarassmentSupport;
using static TeamsPolicyBot.Tests.Workflows.HarassmentSupport.SupportSamples;

namespace TeamsPolicyBot.Tests.Workflows.HarassmentSupport;

/// <summary>Requests stored before "since when" became a choice (with the day it started) still load and read well.</summary>
public sealed class SupportStoredRecordTests
{
    /// <summary>A request as the table held it when the form asked for a day and every question was required.</summary>
    private static SupportReferral StoredWithADay()
    {
        var json = JsonNode.Parse(RecordColumns.ToJson(Requested())!)!.AsObject();
        var details = json["details"]!.AsObject();
        details.Remove("sinceWhen");
        details["since"] = "2026-02-20";
        var entity = SupportReferralRow.ToEntity(Requested());
        RecordColumns.WriteChunked(entity, "Record", json.ToJsonString());
        return SupportReferralRow.FromEntity(entity);
    }

    [Fact]
    public void A_request_stored_with_the_day_it_started_loads_and_shows_that_day()
    {
        var old = StoredWithADay();

        Assert.Equal(new DateOnly(2026, 2, 20), old.Details.Since);
        Assert.Null(old.Details.SinceWhen);
        Assert.Equal("20 Feb 2026", SupportSummary.From(old.Details).Since);
        Assert.Contains("20 Feb 2026", RenderedCard.Of(Templates.Case(old.Take(Handler, Later).Next!)).AllText, StringComparison.Ordinal);
        Assert.Equal(StillHappening.Yes, old.Details.Ongoing);
        Assert.Equal(WorkRelation.Research, old.Details.WorkRelation);
    }

    [Fact]
    public void A_new_request_stores_the_choice_and_reads_it_back()
    {
        var entity = SupportReferralRow.ToEntity(Requested());

        var loaded = SupportReferralRow.FromEntity(entity);

        Assert.Equal(SinceWhen.ThisMonth, loaded.Details.SinceWhen);
        Assert.Null(loaded.Details.Since);
        Assert.Equal("This month", SupportSummary.From(loaded.Details).Since);
    }
}
