using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using TeamsPolicyBot.Configuration;

namespace TeamsPolicyBot.Tests.Configuration;

public sealed class CommsOptionsTests
{
    private static CommsOptions Bind(Dictionary<string, string?> extra)
    {
        var settings = new Dictionary<string, string?>
        {
            ["Comms:TeamId"] = "19:comms-team@thread.tacv2",
            ["Comms:ChannelId"] = "19:comms-approvals@thread.tacv2",
            ["Comms:ApproverIds:0"] = "3f0b9c2e-1111-4a6b-9c1d-000000000001",
        };
        foreach (var (key, value) in extra)
        {
            settings[key] = value;
        }

        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        using var services = new ServiceCollection().AddSingleton<IConfiguration>(configuration).AddPolicySettings().BuildServiceProvider();
        return services.GetRequiredService<IOptions<CommsOptions>>().Value;
    }

    [Fact]
    public void The_contact_email_is_the_address_the_policy_gives_unless_set()
    {
        Assert.Equal("comms@lshtm.ac.uk", Bind([]).ContactEmail);
        Assert.Equal("social@example.ac.uk", Bind(new() { ["Comms:ContactEmail"] = "social@example.ac.uk" }).ContactEmail);
    }

    [Fact]
    public void A_contact_email_that_is_not_an_address_stops_the_start_naming_the_setting()
    {
        var error = Assert.Throws<OptionsValidationException>(() => Bind(new() { ["Comms:ContactEmail"] = "the comms team" }));

        Assert.Contains("Comms:ContactEmail", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Each_workflow_has_its_own_channel_when_set_and_Comms_ChannelId_when_not()
    {
        var options = Bind(new() { ["Comms:Channels:Incidents"] = "19:comms-incidents@thread.tacv2", ["Comms:Channels:Support"] = "" });
        var channels = new CommsChannels(Options.Create(options));

        Assert.Equal("19:comms-incidents@thread.tacv2", channels.IdOf(CommsChannel.Incidents));
        Assert.Equal("19:comms-approvals@thread.tacv2", channels.IdOf(CommsChannel.Support));
        Assert.Equal("19:comms-approvals@thread.tacv2", channels.IdOf(CommsChannel.AccountRequests));
        Assert.Equal("19:comms-approvals@thread.tacv2", channels.IdOf(CommsChannel.General));
        Assert.Equal(["19:comms-approvals@thread.tacv2", "19:comms-incidents@thread.tacv2"], channels.All);

        // A click in a thread of any of them is "in the Comms channel"; another channel is not.
        Assert.True(channels.Includes("19:comms-incidents@thread.tacv2;messageid=1712345678901"));
        Assert.False(channels.Includes("19:general@thread.tacv2"));
    }

    [Fact]
    public void A_workflow_channel_with_spaces_stops_the_start_naming_the_setting()
    {
        var error = Assert.Throws<OptionsValidationException>(() => Bind(new() { ["Comms:Channels:Support"] = "the support channel" }));

        Assert.Contains("Comms:Channels:Support must be a Teams channel id", error.Message, StringComparison.Ordinal);
    }
}
