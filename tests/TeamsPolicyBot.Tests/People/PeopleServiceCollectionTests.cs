using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using TeamsPolicyBot.People;

namespace TeamsPolicyBot.Tests.People;

public sealed class PeopleServiceCollectionTests
{
    private static readonly Dictionary<string, string?> BotIdentity = new()
    {
        ["MicrosoftAppId"] = FakeGraph.AppId,
        ["MicrosoftAppPassword"] = FakeGraph.AppPassword,
        ["MicrosoftAppTenantId"] = FakeGraph.TenantId,
    };

    [Fact]
    public async Task Without_Graph_settings_the_static_map_is_used()
    {
        await using var services = PeopleServices.Build(new Dictionary<string, string?>(BotIdentity));

        Assert.IsType<StaticManagerDirectory>(services.GetRequiredService<IManagerDirectory>());
        var graph = services.GetRequiredService<IOptions<GraphOptions>>().Value;
        Assert.False(graph.Enabled);
        Assert.Equal("https://graph.microsoft.com/v1.0", graph.BaseUrl);
    }

    [Fact]
    public async Task Graph_disabled_uses_the_static_map()
    {
        await using var services = PeopleServices.Build(new Dictionary<string, string?>(BotIdentity) { ["Graph:Enabled"] = "false" });

        Assert.IsType<StaticManagerDirectory>(services.GetRequiredService<IManagerDirectory>());
    }

    [Fact]
    public async Task Graph_enabled_uses_Graph()
    {
        await using var services = PeopleServices.Build(new Dictionary<string, string?>(BotIdentity) { ["Graph:Enabled"] = "true" });

        Assert.IsType<GraphManagerDirectory>(services.GetRequiredService<IManagerDirectory>());
    }

    [Theory]
    [InlineData("MicrosoftAppId")]
    [InlineData("MicrosoftAppPassword")]
    [InlineData("MicrosoftAppTenantId")]
    public async Task Graph_enabled_without_the_bots_identity_fails_validation_naming_the_settings(string missing)
    {
        var settings = new Dictionary<string, string?>(BotIdentity) { ["Graph:Enabled"] = "true" };
        settings.Remove(missing);
        await using var services = PeopleServices.Build(settings);

        var error = Assert.Throws<OptionsValidationException>(() => services.GetRequiredService<IOptions<GraphOptions>>().Value);

        Assert.Contains("Graph:Enabled", error.Message, StringComparison.Ordinal);
        Assert.Contains(missing, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Graph_disabled_needs_no_bot_identity()
    {
        await using var services = PeopleServices.Build(new Dictionary<string, string?>());

        Assert.False(services.GetRequiredService<IOptions<GraphOptions>>().Value.Enabled);
    }

    [Fact]
    public async Task A_base_url_that_is_not_a_url_fails_validation_naming_the_setting()
    {
        await using var services = PeopleServices.Build(new Dictionary<string, string?>(BotIdentity) { ["Graph:Enabled"] = "true", ["Graph:BaseUrl"] = "graph.microsoft.com" });

        var error = Assert.Throws<OptionsValidationException>(() => services.GetRequiredService<IOptions<GraphOptions>>().Value);

        Assert.Contains("Graph:BaseUrl", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("https://graph.microsoft.com/v1.0/users/x/manager", true)]
    [InlineData("https://evil.example/v1.0/users/x/manager", false)]
    [InlineData("http://graph.microsoft.com/v1.0/users/x/manager", false)]
    public async Task The_token_goes_only_to_the_configured_Graph_host_over_https(string url, bool sendsToken)
    {
        await using var services = PeopleServices.Build(new Dictionary<string, string?>(BotIdentity) { ["Graph:Enabled"] = "true" });
        var provider = services.GetRequiredService<GraphTokenProvider>();

        if (sendsToken)
        {
            Assert.True(provider.AllowedHostsValidator.IsUrlHostValid(new Uri(url)));
        }
        else
        {
            // Answered without asking Entra: a request to Entra would fail in this test.
            Assert.Equal(string.Empty, await provider.GetAuthorizationTokenAsync(new Uri(url)));
        }
    }
}
