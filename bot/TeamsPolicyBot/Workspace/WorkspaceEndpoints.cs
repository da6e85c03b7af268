using System.Text;

namespace TeamsPolicyBot.Workspace;

/// <summary>The workspace's JSON API. Every answer is for one signed-in person, so none is cached.</summary>
internal static class WorkspaceEndpoints
{
    /// <summary>A valid token is not enough: the person must be on one of the lists the policy names, else the polite refusal (403).</summary>
    public static async ValueTask<object?> MembersOnly(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var http = context.HttpContext;
        http.Response.Headers.CacheControl = "no-store";
        var viewer = http.RequestServices.GetRequiredService<WorkspaceViewers>().Of(http.User);
        if (!viewer.IsMember)
        {
            return Results.Json(new { message = WorkspaceViewer.Refusal }, statusCode: StatusCodes.Status403Forbidden);
        }

        http.Items[typeof(WorkspaceViewer)] = viewer;
        return await next(context);
    }

    public static IResult Me(HttpContext http)
    {
        var viewer = ViewerOf(http);
        return Results.Json(new { name = viewer.Name, roles = viewer.Roles, mayExportRegister = viewer.IsApprover, maySeeTrends = viewer.IsApprover || viewer.IsCaseHandler });
    }

    public static async Task<IResult> QueueAsync(HttpContext http, WorkspaceQueue queue, CancellationToken cancellationToken) =>
        Results.Json(await queue.ForAsync(ViewerOf(http), cancellationToken));

    public static async Task<IResult> TrendsAsync(HttpContext http, WorkspaceTrends trends, CancellationToken cancellationToken) =>
        await trends.ForAsync(ViewerOf(http), cancellationToken) is { } view
            ? Results.Json(view)
            : Results.Json(new { message = WorkspaceViewer.TrendsRefusal }, statusCode: StatusCodes.Status403Forbidden);

    public static async Task<IResult> RegisterAsync(HttpContext http, WorkspaceRegister register, int? page, CancellationToken cancellationToken) =>
        ViewerOf(http).IsApprover
            ? Results.Json(await register.PageAsync(WorkspaceRegister.QueryFrom(http.Request.Query), page ?? 0, cancellationToken))
            : Results.Json(new { message = WorkspaceViewer.RegisterRefusal }, statusCode: StatusCodes.Status403Forbidden);

    public static async Task<IResult> RegisterCsvAsync(HttpContext http, WorkspaceRegister register, TimeProvider time, CancellationToken cancellationToken)
    {
        if (!ViewerOf(http).IsApprover)
        {
            return Results.Json(new { message = WorkspaceViewer.RegisterRefusal }, statusCode: StatusCodes.Status403Forbidden);
        }

        var csv = await register.CsvAsync(WorkspaceRegister.QueryFrom(http.Request.Query), cancellationToken);
        var name = $"official-accounts-{time.GetUtcNow():yyyy-MM-dd}.csv";
        return Results.File(Encoding.UTF8.GetPreamble().Concat(Encoding.UTF8.GetBytes(csv)).ToArray(), "text/csv; charset=utf-8", name);
    }

    private static WorkspaceViewer ViewerOf(HttpContext http) => (WorkspaceViewer)http.Items[typeof(WorkspaceViewer)]!;
}
