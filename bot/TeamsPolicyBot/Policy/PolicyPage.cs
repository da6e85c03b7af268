using System.Net;
using System.Text;

namespace TeamsPolicyBot.Policy;

/// <summary>
/// The policy as an accessible web page at <see cref="Path"/>: one heading per section and a paragraph per clause, each
/// with its anchor (<c>section-4</c>, <c>clause-4-18</c>) and a visible link to itself, so a clause number on a card
/// opens at that clause. Served from the copy in the repository, so it works before the intranet page is known.
/// </summary>
internal static class PolicyPage
{
    public const string Path = "/policy";

    public static string Render(PolicyDocument document)
    {
        ArgumentNullException.ThrowIfNull(document);
        var html = new StringBuilder();
        html.Append("<!DOCTYPE html>\n<html lang=\"en-GB\">\n<head>\n<meta charset=\"utf-8\">\n<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
            .Append("<title>").Append(Encode(document.Title)).Append("</title>\n")
            .Append("<style>body{font-family:system-ui,sans-serif;max-width:46rem;margin:0 auto;padding:1rem;line-height:1.5;color:#1b1b1b}")
            .Append("a{color:#0b57d0}:target{background:#fff4c2;outline:2px solid #b58900}dt{font-weight:bold}dd{margin:0 0 .5rem 0}")
            .Append(".number{font-weight:bold;margin-right:.4rem}</style>\n</head>\n<body>\n<main>\n")
            .Append("<h1>").Append(Encode(document.Title)).Append("</h1>\n<dl>\n");
        foreach (var (name, value) in document.Details)
        {
            html.Append("<dt>").Append(Encode(name)).Append("</dt><dd>").Append(Encode(value)).Append("</dd>\n");
        }

        html.Append("</dl>\n");
        foreach (var part in document.Parts)
        {
            switch (part.Kind)
            {
                case PolicyPartKind.Heading:
                    html.Append("<h2 id=\"").Append(part.Anchor).Append("\">").Append(Encode(part.Number)).Append(". ").Append(Encode(part.Text)).Append("</h2>\n");
                    break;
                case PolicyPartKind.Clause:
                    html.Append("<p id=\"").Append(part.Anchor).Append("\"><a class=\"number\" href=\"#").Append(part.Anchor).Append("\" aria-label=\"Clause ")
                        .Append(Encode(part.Number)).Append("\">").Append(Encode(part.Number)).Append("</a>").Append(Encode(part.Text)).Append("</p>\n");
                    break;
                default:
                    html.Append("<p>").Append(Encode(part.Text)).Append("</p>\n");
                    break;
            }
        }

        return html.Append("</main>\n</body>\n</html>\n").ToString();
    }

    private static string Encode(string text) => WebUtility.HtmlEncode(text);
}

internal static class PolicyPageEndpoints
{
    /// <summary>
    /// The policy's clauses, read once at start-up (a missing copy stops the app from starting): rendered as the page,
    /// and searched for "Ask the policy" (<see cref="PolicySearch"/>, whose index is built on the first question).
    /// </summary>
    public static IServiceCollection AddPolicyPage(this IServiceCollection services, string? file = null)
    {
        var document = PolicyDocument.Load(file ?? PolicyDocument.DefaultFile);
        services.AddSingleton(new RenderedPolicyPage(PolicyPage.Render(document)));
        services.AddSingleton(new PolicySearch(document));
        return services;
    }

    /// <summary>GET /policy, open to anyone: the policy is a public document, and no record or person is in it.</summary>
    public static IEndpointRouteBuilder MapPolicyPage(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet(PolicyPage.Path, (RenderedPolicyPage page) => Results.Content(page.Html, "text/html; charset=utf-8"));
        return endpoints;
    }
}

internal sealed record RenderedPolicyPage(string Html);
