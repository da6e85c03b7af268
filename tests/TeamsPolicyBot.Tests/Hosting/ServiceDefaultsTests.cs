using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;
using TeamsPolicyBot.Hosting;

namespace TeamsPolicyBot.Tests.Hosting;

/// <summary>Telemetry is collected only where something receives it (issue 14: listeners with no exporter cost every turn).</summary>
public sealed class ServiceDefaultsTests
{
    private static ServiceProvider Build(params string[] args)
    {
        var builder = WebApplication.CreateBuilder(args);
        builder.AddServiceDefaults();
        return builder.Services.BuildServiceProvider();
    }

    [Fact]
    public void Without_an_exporter_no_traces_or_metrics_are_collected()
    {
        using var services = Build();

        Assert.Null(services.GetService<TracerProvider>());
        Assert.Null(services.GetService<MeterProvider>());
    }

    [Fact]
    public void With_an_OpenTelemetry_collector_traces_and_metrics_are_collected()
    {
        using var services = Build("--OTEL_EXPORTER_OTLP_ENDPOINT=http://127.0.0.1:4317");

        Assert.NotNull(services.GetService<TracerProvider>());
        Assert.NotNull(services.GetService<MeterProvider>());
    }
}
