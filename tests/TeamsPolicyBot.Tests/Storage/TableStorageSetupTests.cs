using Azure.Data.Tables;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using TeamsPolicyBot.Storage;
using TeamsPolicyBot.Tests.TestSupport;

namespace TeamsPolicyBot.Tests.Storage;

[Collection(AzuriteTests.Name)]
public class TableStorageSetupTests(AzuriteFixture azurite)
{
    private static IHost BuildHost(Dictionary<string, string?> settings)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Configuration.AddInMemoryCollection(settings);
        builder.Services.AddLogging();
        builder.Services.AddTableStorage(builder.Configuration);
        return builder.Build();
    }

    [Fact]
    public async Task Start_fails_with_the_key_name_when_the_connection_string_is_missing()
    {
        using var host = BuildHost([]);

        var error = await Assert.ThrowsAsync<OptionsValidationException>(() => host.StartAsync());
        Assert.Contains("ConnectionStrings:Tables", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Start_fails_with_the_key_name_when_the_connection_string_is_garbage()
    {
        using var host = BuildHost(new() { ["ConnectionStrings:Tables"] = "not a connection string" });

        var error = await Assert.ThrowsAsync<OptionsValidationException>(() => host.StartAsync());
        Assert.Contains("ConnectionStrings:Tables", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Start_creates_the_tables_and_the_health_check_then_reports_healthy()
    {
        var prefix = AzuriteFixture.NewTablePrefix();
        using var host = BuildHost(new() { ["ConnectionStrings:Tables"] = azurite.ConnectionString, ["TableStorage:TablePrefix"] = prefix });
        var health = host.Services.GetRequiredService<HealthCheckService>();
        Assert.Equal(HealthStatus.Unhealthy, (await health.CheckHealthAsync()).Entries["tables"].Status);

        await host.StartAsync();
        try
        {
            var report = await health.CheckHealthAsync();
            Assert.Equal(HealthStatus.Healthy, report.Entries["tables"].Status);
            var storage = host.Services.GetRequiredService<TableStorage>();
            Assert.Equal(prefix + TableNames.Outbox, storage.GetTable(TableNames.Outbox).Name);
        }
        finally
        {
            await host.StopAsync();
        }
    }

    [Fact]
    public async Task Health_check_reports_unhealthy_when_nothing_listens_on_the_port()
    {
        using var host = BuildHost(new()
        {
            ["ConnectionStrings:Tables"] = AzuriteFixture.ConnectionStringFor(FreePort.Next()),
            ["TableStorage:HealthCheckTimeout"] = "00:00:01",
        });

        var report = await host.Services.GetRequiredService<HealthCheckService>().CheckHealthAsync();

        Assert.Equal(HealthStatus.Unhealthy, report.Entries["tables"].Status);
    }

    [Fact]
    public async Task Start_waits_for_a_slow_storage_service_instead_of_failing()
    {
        // Nothing listens on the port at first; the service "comes up" (the tables get created
        // through the real Azurite) only after the initializer has already failed once.
        var prefix = AzuriteFixture.NewTablePrefix();
        var port = FreePort.Next();
        using var proxy = new DelayedTcpProxy(port, azurite.Port);
        using var host = BuildHost(new()
        {
            ["ConnectionStrings:Tables"] = AzuriteFixture.ConnectionStringFor(port),
            ["TableStorage:TablePrefix"] = prefix,
        });

        var start = host.StartAsync();
        await proxy.FirstConnectionRefused.WaitAsync(TimeSpan.FromSeconds(10));
        proxy.Open();
        await start.WaitAsync(TimeSpan.FromSeconds(20));
        await host.StopAsync();

        var direct = new TableStorage(new TableServiceClient(azurite.ConnectionString), prefix);
        Assert.True(proxy.RefusedConnections > 0);
        Assert.All(TableNames.All, name => Assert.True(ExistsAsync(direct, name).GetAwaiter().GetResult(), name));
    }

    private static async Task<bool> ExistsAsync(TableStorage storage, string name)
    {
        await foreach (var _ in storage.Service.QueryAsync(t => t.Name == storage.TableName(name)))
        {
            return true;
        }

        return false;
    }
}
