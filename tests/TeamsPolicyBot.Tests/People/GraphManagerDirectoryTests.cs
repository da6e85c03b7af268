using System.Net;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Testing;
using TeamsPolicyBot.People;
using TeamsPolicyBot.Tests.TestSupport;

namespace TeamsPolicyBot.Tests.People;

/// <summary>
/// The Graph manager lookup as the app wires it (MSAL client credentials, the Microsoft Graph SDK)
/// against a fake Graph and token endpoint on loopback.
/// </summary>
public sealed class GraphManagerDirectoryTests : ManagerDirectoryContract, IAsyncLifetime
{
    private readonly FakeLogCollector logs = new();
    private readonly List<ServiceProvider> providers = [];
    private FakeGraph graph = null!;

    public async Task InitializeAsync() => graph = await FakeGraph.StartAsync();

    public async Task DisposeAsync()
    {
        foreach (var provider in providers)
        {
            await provider.DisposeAsync();
        }

        await graph.DisposeAsync();
    }

    internal override IManagerDirectory DirectoryWithOneManager()
    {
        // Graph compares object ids case-insensitively; the fake sees the SDK's request as sent.
        graph.Manager = (id, _) => Task.FromResult(string.Equals(id, UserId, StringComparison.OrdinalIgnoreCase)
            ? FakeGraph.UserJson(ManagerId, "Alex Chen", "alex.chen@contoso.example")
            : FakeGraph.Error(HttpStatusCode.NotFound, "Request_ResourceNotFound", "Resource 'manager' does not exist or one of its queried reference-property objects are not present."));
        var services = graph.BuildServices(logs: logs);
        providers.Add(services);
        return services.GetRequiredService<IManagerDirectory>();
    }

    [Fact]
    public async Task Found_manager_comes_from_users_id_manager_with_the_bots_client_credentials_token()
    {
        graph.Manager = (_, _) => Task.FromResult(FakeGraph.UserJson(ManagerId, "Alex Chen", "alex.chen@contoso.example"));

        var result = await FindAsync(UserId);

        var found = Assert.IsType<ManagerFound>(result);
        Assert.Equal(new Manager(ManagerId, "Alex Chen", "alex.chen@contoso.example"), found.Manager);
        var request = Assert.Single(graph.GraphRequests);
        Assert.Equal("GET", request.Method);
        Assert.Equal($"/v1.0/users/{UserId}/manager", request.PathAndQuery.Split('?')[0]);
        Assert.Equal($"Bearer {FakeGraph.AccessToken}", request.Authorization);

        var tokenRequest = Assert.Single(graph.TokenRequests);
        Assert.StartsWith($"/{FakeGraph.TenantId}/oauth2/v2.0/token", tokenRequest.PathAndQuery, StringComparison.Ordinal);
        Assert.Contains($"client_id={FakeGraph.AppId}", tokenRequest.Body, StringComparison.Ordinal);
        Assert.Contains("grant_type=client_credentials", tokenRequest.Body, StringComparison.Ordinal);
        Assert.Contains("scope=https%3A%2F%2Fgraph.microsoft.com%2F.default", tokenRequest.Body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Logs_carry_ids_only()
    {
        graph.Manager = (_, _) => Task.FromResult(FakeGraph.UserJson(ManagerId, "Alex Chen", "alex.chen@contoso.example"));

        await FindAsync(UserId);

        Assert.Contains(logs.GetSnapshot(), log => log.Message.Contains(ManagerId, StringComparison.Ordinal));
        Assert.DoesNotContain(logs.GetSnapshot(), log => log.Message.Contains("Alex", StringComparison.Ordinal) || log.Message.Contains("contoso", StringComparison.Ordinal));
    }

    [Fact]
    public async Task The_token_is_asked_for_once_and_reused()
    {
        await FindAsync(UserId, UserId);

        Assert.Equal(2, graph.GraphRequests.Count);
        Assert.Single(graph.TokenRequests);
    }

    [Fact]
    public async Task Manager_without_mail_or_name_is_still_found()
    {
        graph.Manager = (_, _) => Task.FromResult(FakeGraph.UserJson(ManagerId, null, null));

        var found = Assert.IsType<ManagerFound>(await FindAsync(UserId));

        Assert.Equal(new Manager(ManagerId), found.Manager);
    }

    [Fact]
    public async Task Graph_404_Request_ResourceNotFound_means_no_manager()
    {
        graph.Manager = (_, _) => Task.FromResult(FakeGraph.Error(HttpStatusCode.NotFound, "Request_ResourceNotFound", "Resource 'manager' does not exist or one of its queried reference-property objects are not present."));

        Assert.IsType<NoManager>(await FindAsync(UserId));
    }

    [Fact]
    public async Task Another_404_is_unavailable_not_no_manager()
    {
        graph.Manager = (_, _) => Task.FromResult(Results.NotFound());

        Assert.IsType<ManagerUnavailable>(await FindAsync(UserId));
    }

    [Fact]
    public async Task Graph_403_missing_permission_is_unavailable_and_names_the_permission()
    {
        graph.Manager = (_, _) => Task.FromResult(FakeGraph.Error(HttpStatusCode.Forbidden, "Authorization_RequestDenied", "Insufficient privileges to complete the operation."));

        var unavailable = Assert.IsType<ManagerUnavailable>(await FindAsync(UserId));

        Assert.Contains("403", unavailable.Reason, StringComparison.Ordinal);
        Assert.Contains("User.Read.All", unavailable.Reason, StringComparison.Ordinal);
        Assert.Contains(logs.GetSnapshot(), log => log.Message.Contains(UserId, StringComparison.Ordinal) && log.Message.Contains("403", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Graph_500_is_unavailable()
    {
        graph.Manager = (_, _) => Task.FromResult(FakeGraph.Error(HttpStatusCode.InternalServerError, "generalException", "Something went wrong."));

        var unavailable = Assert.IsType<ManagerUnavailable>(await FindAsync(UserId));

        Assert.Contains("500", unavailable.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Graph_500_without_a_body_is_unavailable()
    {
        graph.Manager = (_, _) => Task.FromResult(Results.StatusCode(500));

        Assert.IsType<ManagerUnavailable>(await FindAsync(UserId));
    }

    [Fact]
    public async Task No_token_for_a_rejected_client_secret_is_unavailable_and_Graph_is_not_called()
    {
        graph.RejectClientSecret = true;

        var unavailable = Assert.IsType<ManagerUnavailable>(await FindAsync(UserId));

        Assert.Contains("invalid_client", unavailable.Reason, StringComparison.Ordinal);
        Assert.Empty(graph.GraphRequests);
    }

    [Fact]
    public async Task Graph_that_does_not_answer_in_time_is_unavailable()
    {
        graph.Manager = async (_, aborted) =>
        {
            await Task.Delay(TimeSpan.FromSeconds(30), aborted);
            return Results.Ok();
        };
        await using var services = graph.BuildServices(timeout: TimeSpan.FromMilliseconds(500), logs: logs);
        var started = TimeProvider.System.GetTimestamp();

        var result = await services.GetRequiredService<IManagerDirectory>().FindManagerAsync(UserId, CancellationToken.None);

        Assert.IsType<ManagerUnavailable>(result);
        Assert.True(TimeProvider.System.GetElapsedTime(started) < TimeSpan.FromSeconds(10));
    }

    [Fact]
    public async Task Graph_on_a_closed_port_is_unavailable()
    {
        await using var services = graph.BuildServices(graphBaseUrl: new Uri($"http://127.0.0.1:{FreePort.Next()}/v1.0"), logs: logs);

        var result = await services.GetRequiredService<IManagerDirectory>().FindManagerAsync(UserId, CancellationToken.None);

        Assert.IsType<ManagerUnavailable>(result);
    }

    [Fact]
    public async Task The_callers_own_cancellation_is_not_swallowed()
    {
        graph.Manager = async (_, aborted) =>
        {
            await Task.Delay(TimeSpan.FromSeconds(30), aborted);
            return Results.Ok();
        };
        await using var services = graph.BuildServices(logs: logs);
        using var cancel = new CancellationTokenSource(TimeSpan.FromMilliseconds(300));

        await Assert.ThrowsAnyAsync<OperationCanceledException>(
            () => services.GetRequiredService<IManagerDirectory>().FindManagerAsync(UserId, cancel.Token));
    }

    private async Task<ManagerLookup> FindAsync(params string[] userIds)
    {
        await using var services = graph.BuildServices(logs: logs);
        var directory = services.GetRequiredService<IManagerDirectory>();
        ManagerLookup result = null!;
        foreach (var userId in userIds)
        {
            result = await directory.FindManagerAsync(userId, CancellationToken.None);
        }

        return result;
    }
}
