using Azure.Monitor.OpenTelemetry.AspNetCore;
using Microsoft.Extensions.Logging.Console;
using OpenTelemetry;
using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;

namespace TeamsPolicyBot.Hosting;

/// <summary>Cross-cutting set-up every deployment wants: telemetry and health checks.</summary>
public static class ServiceDefaults
{
    public static WebApplicationBuilder AddServiceDefaults(this WebApplicationBuilder builder)
    {
        // Telemetry only where something listens: an OpenTelemetry collector (OTEL_EXPORTER_OTLP_ENDPOINT) and/or
        // Application Insights (APPLICATIONINSIGHTS_CONNECTION_STRING, set by infra/ on Azure). Without an exporter
        // the SDK's listeners would record every request for nobody, and cost start-up and each turn their time.
        var otlp = !string.IsNullOrWhiteSpace(builder.Configuration["OTEL_EXPORTER_OTLP_ENDPOINT"]);
        var azureMonitor = !string.IsNullOrWhiteSpace(builder.Configuration["APPLICATIONINSIGHTS_CONNECTION_STRING"]);
        if (otlp || azureMonitor)
        {
            AddTelemetry(builder, otlp, azureMonitor);
        }

        // The slim builder (Program.cs) pins the console's formatter to "simple"; the one configured wins again, so that
        // appsettings.Production.json's "json" writes one object per line for App Service's log stream and Log Analytics.
        if (builder.Configuration["Logging:Console:FormatterName"] is { Length: > 0 } formatter)
        {
            builder.Services.Configure<ConsoleLoggerOptions>(options => options.FormatterName = formatter);
        }

        builder.Services.AddHealthChecks();
        return builder;
    }

    private static void AddTelemetry(WebApplicationBuilder builder, bool otlp, bool azureMonitor)
    {
        var telemetry = builder.Services.AddOpenTelemetry()
            .WithTracing(tracing => tracing
                .AddSource(builder.Environment.ApplicationName)
                // Request paths carry no user text; query strings and bodies are not recorded.
                .AddAspNetCoreInstrumentation(options => options.Filter = context => context.Request.Path != "/healthz")
                .AddHttpClientInstrumentation())
            .WithMetrics(metrics => metrics
                .AddAspNetCoreInstrumentation()
                .AddHttpClientInstrumentation()
                .AddRuntimeInstrumentation());
        if (otlp)
        {
            telemetry.UseOtlpExporter();
        }

        if (azureMonitor)
        {
            telemetry.UseAzureMonitor();
        }
    }

    public static WebApplication MapServiceDefaults(this WebApplication app)
    {
        app.MapHealthChecks("/healthz");
        return app;
    }
}
