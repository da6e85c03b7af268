using System.Globalization;
using Lucene.Net.Documents;
using Lucene.Net.Index;
using Lucene.Net.Search;
using Lucene.Net.Store;

namespace TeamsPolicyBot.Policy;

/// <summary>A clause found for a question, with the heading of its section ("Incidents and response").</summary>
internal sealed record PolicyHit(string Number, string Heading, string Text, float Score);

/// <summary>
/// "Ask the policy": finds the clauses that answer a question, from a search index over the copy of the policy in
/// the repository. The index (Lucene, a few MB of code and memory) is built on the first question, not at start-up:
/// most processes answer cards and commands only, and a cold start should not pay for it. One instance serves every turn.
/// </summary>
internal sealed class PolicySearch : IDisposable
{
    /// <summary>
    /// The top clause's score below which a question is taken to be about something the policy does not cover.
    /// Calibrated on tests/TeamsPolicyBot.Tests/Policy/questions.json (PolicySearchTests prints both sides): the
    /// questions whose top clause answers them scored 0.20 and up, the off-topic ones nothing or at most 0.14
    /// ("annual leave" reaches 4.21 through "leave" and "annual"). Change it only with those numbers in front of you.
    /// </summary>
    internal const float MatchThreshold = 0.17f;

    /// <summary>Clauses after the first are shown only when they score at least this share of the first's score.</summary>
    internal const float RelatedShare = 0.5f;

    private readonly Lazy<PolicyIndex> index;

    public PolicySearch(PolicyDocument document)
    {
        ArgumentNullException.ThrowIfNull(document);
        index = new Lazy<PolicyIndex>(() => new PolicyIndex(document), LazyThreadSafetyMode.ExecutionAndPublication);
    }

    /// <summary>How many clauses are indexed.</summary>
    public int Count => index.Value.Count;

    /// <summary>The clauses that best answer <paramref name="question"/>, best first (at most <paramref name="limit"/>); empty when no word of it is in the policy.</summary>
    public IReadOnlyList<PolicyHit> Search(string question, int limit = 3) => index.Value.Search(question, limit);

    /// <summary>
    /// What to show for <paramref name="question"/>: the best clause and up to two more that score nearly as well,
    /// or nothing when even the best is below <see cref="MatchThreshold"/>.
    /// </summary>
    public IReadOnlyList<PolicyHit> Answer(string question)
    {
        var hits = Search(question);
        if (hits.Count == 0 || hits[0].Score < MatchThreshold)
        {
            return [];
        }

        return [.. hits.Where(hit => hit.Score >= hits[0].Score * RelatedShare)];
    }

    public void Dispose()
    {
        if (index.IsValueCreated)
        {
            index.Value.Dispose();
        }
    }
}

/// <summary>
/// The Lucene index over the policy's clauses, in memory. Searching is thread-safe (Lucene's searcher and analyzers
/// are), so one instance serves every turn. Only <see cref="PolicySearch"/> builds it, on the first question.
/// </summary>
internal sealed class PolicyIndex : IDisposable
{
    private const string NumberField = "number";
    private const string TextField = "text";

    // The section heading and the sentence that opens a list of clauses ("Staff members responsible for official
    // LSHTM locally managed social media accounts are required to:"): they say what a clause is about, less strongly than its own words.
    private const string ContextField = "context";
    private const float ContextBoost = 0.3f;

    private readonly RAMDirectory directory = new();
    private readonly DirectoryReader reader;
    private readonly IndexSearcher searcher;
    private const int MaxWords = 60;

    private readonly PolicyAnalyzer words = PolicyAnalyzer.Words();
    private readonly PolicyAnalyzer stems = PolicyAnalyzer.Terms();
    private readonly Dictionary<string, (string Heading, string Text)> clauses = new(StringComparer.Ordinal);

    public PolicyIndex(PolicyDocument document)
    {
        ArgumentNullException.ThrowIfNull(document);
        using (var writer = new IndexWriter(directory, new IndexWriterConfig(PolicyAnalyzer.Version, stems)))
        {
            var heading = "";
            var context = "";
            foreach (var part in document.Parts)
            {
                switch (part.Kind)
                {
                    case PolicyPartKind.Heading:
                        heading = SentenceCase(part.Text);
                        context = heading;
                        break;
                    case PolicyPartKind.Paragraph:
                        context = heading + ". " + part.Text;
                        break;
                    default:
                        clauses[part.Number] = (heading, part.Text);
                        writer.AddDocument(
                        [
                            new StringField(NumberField, part.Number, Field.Store.YES),
                            new TextField(TextField, part.Text, Field.Store.NO),
                            new TextField(ContextField, context, Field.Store.NO),
                        ]);
                        break;
                }
            }

            writer.Commit();
        }

        reader = DirectoryReader.Open(directory);
        searcher = new IndexSearcher(reader);
    }

    /// <summary>How many clauses are indexed.</summary>
    public int Count => clauses.Count;

    /// <summary>The clauses that best answer <paramref name="question"/>, best first (at most <paramref name="limit"/>); empty when no word of it is in the policy.</summary>
    public IReadOnlyList<PolicyHit> Search(string question, int limit = 3)
    {
        var query = QueryFor(question);
        if (query.Clauses.Count == 0)
        {
            return [];
        }

        return [.. searcher.Search(query, limit).ScoreDocs.Select(hit =>
        {
            var number = searcher.Doc(hit.Doc).Get(NumberField, CultureInfo.InvariantCulture);
            var (heading, text) = clauses[number];
            return new PolicyHit(number, heading, text, hit.Score);
        })];
    }

    /// <summary>
    /// One optional clause per word of the question, matching the word or any of its synonyms in a clause (or, less
    /// strongly, in its context). A clause then scores by how many of the question's words it has and how rare they
    /// are: a synonym does not count as another word the clause lacks.
    /// </summary>
    private BooleanQuery QueryFor(string question)
    {
        var query = new BooleanQuery();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        // A pasted page must not exceed Lucene's limit of 1024 clauses in a query; a question is far shorter.
        foreach (var word in words.Analyze(question ?? "").Distinct(StringComparer.Ordinal).Take(MaxWords))
        {
            var alike = PolicyAnalyzer.Synonyms.TryGetValue(word, out var synonyms) ? word + " " + synonyms : word;
            var terms = stems.Analyze(alike).Distinct(StringComparer.Ordinal).ToList();
            if (terms.Count == 0 || !seen.Add(string.Join(' ', terms.Order(StringComparer.Ordinal))))
            {
                continue;
            }

            var anyOf = new BooleanQuery(disableCoord: true);
            foreach (var term in terms)
            {
                var inContext = new TermQuery(new Term(ContextField, term)) { Boost = ContextBoost };
                anyOf.Add(new DisjunctionMaxQuery([new TermQuery(new Term(TextField, term)), inContext], 0f), Occur.SHOULD);
            }

            query.Add(anyOf, Occur.SHOULD);
        }

        return query;
    }

    /// <summary>"INCIDENTS AND RESPONSE" → "Incidents and response".</summary>
    private static string SentenceCase(string heading) =>
        heading.Length == 0 ? heading : heading[0] + heading[1..].ToLowerInvariant();

    public void Dispose()
    {
        reader.Dispose();
        directory.Dispose();
        words.Dispose();
        stems.Dispose();
    }
}
