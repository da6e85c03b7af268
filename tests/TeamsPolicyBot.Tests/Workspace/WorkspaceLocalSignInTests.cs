using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using TeamsPolicyBot.Tests.TestSupport;

namespace TeamsPolicyBot.Tests.Workspace;

/// <summary>The local run (Development, no app id): "Sign in as" issues tokens the same pipeline checks.</summary>
[Collection(AzuriteTests.Name)]
public sealed class WorkspaceLocalSignInTests(AzuriteFixture azurite)
{
    [Fact]
    public async Task On_the_local_run_the_configured_people_are_offered_and_their_token_opens_the_workspace()
    {
        await using var app = new BotApplicationFactory(azurite);
        using var client = app.CreateClient();

        var people = await client.GetFromJsonAsync<JsonElement>(new Uri("/workspace/api/local-sign-in", UriKind.Relative));
        Assert.Equal(
            [BotApplicationFactory.ApproverAadId, BotApplicationFactory.SeniorManagerAadId],
            people.EnumerateArray().Select(person => person.GetProperty("id").GetString()));

        var stranger = await client.PostAsJsonAsync(new Uri("/workspace/api/local-sign-in", UriKind.Relative), new { id = BotApplicationFactory.StaffAadId });
        Assert.Equal(HttpStatusCode.BadRequest, stranger.StatusCode);

        var signIn = await client.PostAsJsonAsync(new Uri("/workspace/api/local-sign-in", UriKind.Relative), new { id = BotApplicationFactory.ApproverAadId });
        var token = (await signIn.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("token").GetString();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        var me = await client.GetFromJsonAsync<JsonElement>(new Uri("/workspace/api/me", UriKind.Relative));
        Assert.Equal(["Comms approver", "Support case handler"], me.GetProperty("roles").EnumerateArray().Select(role => role.GetString()));

        // A token from another process's key (or tampered) is refused by the same validation.
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token![..^4] + "AAAA");
        Assert.Equal(HttpStatusCode.Unauthorized, (await client.GetAsync(new Uri("/workspace/api/me", UriKind.Relative))).StatusCode);
    }
}
