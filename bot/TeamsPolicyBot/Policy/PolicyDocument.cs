using System.Text.RegularExpressions;

namespace TeamsPolicyBot.Policy;

/// <summary>One part of the policy, in order: a section heading ("4. ROLES AND RESPONSIBILITIES"), a clause ("4.18. ..."), or a paragraph.</summary>
/// <param name="Number">"4" for a heading, "4.18" for a clause, "" for a paragraph.</param>
internal sealed record PolicyPart(PolicyPartKind Kind, string Number, string Text)
{
    /// <summary>"section-4", "clause-4-18": the page's anchor for this part, "" for a paragraph.</summary>
    public string Anchor => Kind switch
    {
        PolicyPartKind.Heading => "section-" + Number,
        PolicyPartKind.Clause => PolicyDocument.ClauseAnchor(Number),
        _ => "",
    };
}

internal enum PolicyPartKind
{
    Heading,
    Clause,
    Paragraph,
}

/// <summary>
/// The social media policy, read from the copy kept in the repository (<c>policy/social-media-policy.txt</c>, a text
/// export of the published policy): the document's details table, then numbered sections and clauses.
/// </summary>
internal sealed partial class PolicyDocument
{
    private PolicyDocument(string title, IReadOnlyList<(string Name, string Value)> details, IReadOnlyList<PolicyPart> parts)
    {
        Title = title;
        Details = details;
        Parts = parts;
    }

    /// <summary>Where the app's build puts the policy: beside the app.</summary>
    public static string DefaultFile => Path.Combine(AppContext.BaseDirectory, "policy", "social-media-policy.txt");

    public string Title { get; }

    /// <summary>The details table before section 1 (owner, approval date, version...).</summary>
    public IReadOnlyList<(string Name, string Value)> Details { get; }

    public IReadOnlyList<PolicyPart> Parts { get; }

    /// <summary>"clause-4-18" for "4.18".</summary>
    public static string ClauseAnchor(string number) => "clause-" + number.Replace('.', '-');

    public static PolicyDocument Load(string file) => Parse(File.ReadAllText(file));

    public static PolicyDocument Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var lines = text.Split('\n').Select(line => line.Trim()).Where(line => line.Length > 0).ToList();
        var title = lines.FirstOrDefault() ?? "Social media policy";
        var details = new List<(string, string)>();
        var parts = new List<PolicyPart>();
        foreach (var line in lines.Skip(1))
        {
            if (Heading().Match(line) is { Success: true } heading)
            {
                parts.Add(new PolicyPart(PolicyPartKind.Heading, heading.Groups[1].Value, heading.Groups[2].Value));
            }
            else if (Clause().Match(line) is { Success: true } clause)
            {
                parts.Add(new PolicyPart(PolicyPartKind.Clause, clause.Groups[1].Value, clause.Groups[2].Value));
            }
            else if (parts.Count == 0 && line.Split('\t', 2) is [var name, var value])
            {
                details.Add((name, Tags().Replace(value, " ").Trim()));
            }
            else if (parts.Count > 0 && parts[^1].Kind == PolicyPartKind.Clause && char.IsLower(line[0]))
            {
                // The export breaks a clause across a page: a line starting in lower case goes on with the clause before it.
                parts[^1] = parts[^1] with { Text = parts[^1].Text + " " + line };
            }
            else if (parts.Count > 0)
            {
                parts.Add(new PolicyPart(PolicyPartKind.Paragraph, "", line));
            }
        }

        return new PolicyDocument(title, details, parts);
    }

    [GeneratedRegex(@"^(\d{1,2})\.\s+([A-Z][A-Z ,&'-]+)$")]
    private static partial Regex Heading();

    [GeneratedRegex(@"^-\s*(\d{1,2}\.\d{1,2})\.?\s+(.+)$")]
    private static partial Regex Clause();

    [GeneratedRegex("<[^>]*>")]
    private static partial Regex Tags();
}
