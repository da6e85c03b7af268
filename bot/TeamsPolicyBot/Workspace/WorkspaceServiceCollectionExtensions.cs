using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.FileProviders;
using Microsoft.Extensions.Options;
using TeamsPolicyBot.Configuration;

namespace TeamsPolicyBot.Workspace;

/// <summary>
/// The Comms workspace: a Teams tab (pages under <c>/workspace</c>, a JSON API under <c>/workspace/api</c>) where the Comms
/// team sees what waits for them and the register. Signed in with Teams SSO; only the people the settings name get data.
/// </summary>
public static class WorkspaceServiceCollectionExtensions
{
    public const string Policy = "WorkspaceMember";

    private const string SuppressAutoDefaultScheme = "Microsoft.AspNetCore.Authentication.SuppressAutoDefaultScheme";

    internal const string DataProtectionKeyRingLoader = "Microsoft.AspNetCore.DataProtection.Internal.DataProtectionHostedService";

    public static IServiceCollection AddWorkspace(this IServiceCollection services)
    {
        services.AddOptions<WorkspaceOptions>().BindConfiguration(WorkspaceOptions.Section).ValidateAnnotations<WorkspaceOptions, WorkspaceOptionsValidator>().ValidateOnStart();
        services.TryAddSingleton<LocalSignIn>();
        services.TryAddSingleton<WorkspaceViewers>();
        services.TryAddSingleton<WorkspaceQueue>();
        services.TryAddSingleton<WorkspaceRegister>();
        services.TryAddSingleton<WorkspaceTrends>();
        services.TryAddSingleton<LocalSignInPeople>();
        services.AddSingleton<IConfigureOptions<JwtBearerOptions>, WorkspaceSignIn>();

        // Not the default scheme (ASP.NET Core makes a lone scheme the default unless told not to): the bot's own endpoint
        // checks Bot Framework tokens itself, and a default scheme would run the workspace's token check on every turn too.
        AppContext.SetSwitch(SuppressAutoDefaultScheme, true);
        services.AddAuthentication().AddJwtBearer(WorkspaceSignIn.Scheme, _ => { });

        // AddAuthentication brings data protection (for cookies, which nothing here uses) with a hosted service that
        // loads its key ring, and the XML and crypto libraries with it, before the app answers: megabytes of memory and
        // a slice of the cold start for nothing (issue 14). Should anything use data protection, it loads on first use.
        foreach (var loader in services.Where(descriptor => descriptor.ServiceType == typeof(IHostedService)
            && descriptor.ImplementationType?.FullName == DataProtectionKeyRingLoader).ToList())
        {
            services.Remove(loader);
        }
        services.AddAuthorizationBuilder().AddPolicy(Policy, policy => policy.AddAuthenticationSchemes(WorkspaceSignIn.Scheme).RequireAuthenticatedUser());
        return services;
    }

    public static WebApplication MapWorkspace(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);

        // The pages sit beside the app (copied to its output), so they are found whatever the content root is.
        var pages = new PhysicalFileProvider(Path.Combine(AppContext.BaseDirectory, "wwwroot"));
        app.UseStaticFiles(new StaticFileOptions
        {
            FileProvider = pages,
            OnPrepareResponse = context => WorkspaceHeaders.Apply(context.Context.Response),
        });
        app.MapGet("/workspace", (HttpResponse response) => Page(response, pages, "workspace/index.html"));
        app.MapGet("/workspace/config", (HttpResponse response) => Page(response, pages, "workspace/config.html"));

        var api = app.MapGroup("/workspace/api");
        api.MapGet("/local-sign-in", LocalSignInPeople.ListAsync);
        api.MapPost("/local-sign-in", LocalSignInPeople.SignInAsync);

        var members = api.MapGroup("").RequireAuthorization(Policy).AddEndpointFilter(WorkspaceEndpoints.MembersOnly);
        members.MapGet("/me", WorkspaceEndpoints.Me);
        members.MapGet("/queue", WorkspaceEndpoints.QueueAsync);
        members.MapGet("/trends", WorkspaceEndpoints.TrendsAsync);
        members.MapGet("/register", WorkspaceEndpoints.RegisterAsync);
        members.MapGet("/register.csv", WorkspaceEndpoints.RegisterCsvAsync);
        return app;
    }

    private static IResult Page(HttpResponse response, PhysicalFileProvider pages, string path)
    {
        WorkspaceHeaders.Apply(response);
        return Results.Stream(pages.GetFileInfo(path).CreateReadStream(), "text/html; charset=utf-8");
    }
}

/// <summary>What every workspace page and file is sent with.</summary>
internal static class WorkspaceHeaders
{
    /// <summary>
    /// Scripts and styles from this app only (teams-js is vendored, never a CDN); framed only by Teams and Microsoft 365,
    /// where the tab lives, and this app (the local run's page).
    /// </summary>
    public const string ContentSecurityPolicy =
        "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; object-src 'none'; base-uri 'none'; " +
        "frame-ancestors 'self' https://teams.microsoft.com https://*.teams.microsoft.com https://teams.cloud.microsoft https://*.cloud.microsoft https://*.office.com https://*.microsoft365.com";

    public static void Apply(HttpResponse response)
    {
        response.Headers.ContentSecurityPolicy = ContentSecurityPolicy;
        response.Headers.XContentTypeOptions = "nosniff";
        response.Headers["Referrer-Policy"] = "no-referrer";
    }
}
