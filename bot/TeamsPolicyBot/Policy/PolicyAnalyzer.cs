using Lucene.Net.Analysis;
using Lucene.Net.Analysis.Core;
using Lucene.Net.Analysis.En;
using Lucene.Net.Analysis.Standard;
using Lucene.Net.Analysis.TokenAttributes;
using Lucene.Net.Analysis.Util;
using Lucene.Net.Util;

namespace TeamsPolicyBot.Policy;

/// <summary>
/// English analysis of the policy's clauses and of questions about them: words, lower case, possessives and stop words
/// dropped, Porter stems ("approves", "approval" → "approv"). <see cref="Synonyms"/> maps the words staff use to the
/// words the policy uses ("hacked" → "security breach", "boss" → "line manager"); <see cref="PolicySearch"/> adds them
/// to a question word by word, so that a word and its synonyms count as one word of the question.
/// </summary>
internal sealed class PolicyAnalyzer : Analyzer
{
    internal const LuceneVersion Version = LuceneVersion.LUCENE_48;

    /// <summary>
    /// English stop words, the words of a question ("how", "can", "my"), and the words nearly every clause has
    /// ("staff", "social", "media", "LSHTM"): matching them says nothing about which clause answers the question,
    /// and would let an off-topic question ("can staff have lunch?") look like a match.
    /// </summary>
    private static readonly CharArraySet StopWords = new(Version,
        EnglishAnalyzer.DefaultStopSet.Cast<object>().Select(word => word is char[] chars ? new string(chars) : word.ToString()!).Concat(
        [
            "i", "im", "i'm", "me", "my", "mine", "we", "our", "us", "you", "your", "he", "she", "him", "her", "his", "them", "it's", "its",
            "can", "could", "do", "does", "did", "how", "what", "what's", "whats", "who", "whom", "when", "where", "which", "why",
            "should", "would", "may", "might", "must", "am", "get", "got", "have", "has", "had", "been", "being", "need", "want", "allowed",
            "someone", "somebody", "anyone", "anything", "something", "about", "from", "up", "out", "so", "just", "any", "all", "some",
            "okay", "ok", "please", "thanks", "hi", "hello", "one", "there's", "let", "go", "going", "know", "tell", "happens", "happen",
            "lshtm", "school", "university", "staff", "social", "media", "policy", "say", "says", "online",
        ]),
        ignoreCase: true);

    private readonly bool wordsOnly;

    private PolicyAnalyzer(bool wordsOnly) => this.wordsOnly = wordsOnly;

    /// <summary>The terms of the index: stop words dropped, the rest stemmed.</summary>
    public static PolicyAnalyzer Terms() => new(wordsOnly: false);

    /// <summary>A question's words as typed, in lower case: what <see cref="Synonyms"/> is keyed by.</summary>
    public static PolicyAnalyzer Words() => new(wordsOnly: true);

    protected override TokenStreamComponents CreateComponents(string fieldName, TextReader reader)
    {
        var source = new StandardTokenizer(Version, reader);
        TokenStream stream = new EnglishPossessiveFilter(Version, source);
        stream = new LowerCaseFilter(Version, stream);
        if (!wordsOnly)
        {
            stream = new StopFilter(Version, stream, StopWords);
            stream = new PorterStemFilter(stream);
        }

        return new TokenStreamComponents(source, stream);
    }

    /// <summary>The terms of <paramref name="text"/>, in order.</summary>
    public IEnumerable<string> Analyze(string text)
    {
        using var stream = GetTokenStream("text", text);
        var term = stream.AddAttribute<ICharTermAttribute>();
        stream.Reset();
        var terms = new List<string>();
        while (stream.IncrementToken())
        {
            terms.Add(term.ToString());
        }

        stream.End();
        return terms;
    }

    /// <summary>
    /// Words staff type → the policy's words for the same thing. The original word is kept beside them, so a word the
    /// policy does use ("password") still counts. Keys are single lower-case words in the forms people type.
    /// </summary>
    internal static readonly IReadOnlyDictionary<string, string> Synonyms = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        // Platforms and what is on them
        ["tweet"] = "post",
        ["tweets"] = "post",
        ["tweeting"] = "posting",
        ["tweeted"] = "posted",
        ["retweet"] = "post",
        ["x"] = "twitter",
        ["twitter"] = "x",
        ["insta"] = "instagram",
        ["ig"] = "instagram",
        ["fb"] = "facebook",
        ["whatsapp"] = "platform",
        ["bluesky"] = "platform",
        ["mastodon"] = "platform",
        ["threads"] = "platform",

        ["page"] = "account",
        ["pages"] = "accounts",
        ["profile"] = "account",
        ["channel"] = "account",
        ["feed"] = "account",
        ["photo"] = "copyright work",
        ["photos"] = "copyright work",
        ["picture"] = "copyright work",
        ["pictures"] = "copyright work",
        ["image"] = "copyright work",
        ["images"] = "copyright work",
        ["music"] = "copyright",
        ["song"] = "copyright",
        ["songs"] = "copyright",
        ["video"] = "copyright",
        ["ad"] = "paid promotion",
        ["ads"] = "paid promotion",
        ["advert"] = "paid promotion",
        ["adverts"] = "paid promotion",
        ["advertising"] = "paid promotion",
        ["boost"] = "paid promotion",
        ["sponsored"] = "paid promotion",
        ["promote"] = "promotion",
        // Starting, running and closing an account
        ["setup"] = "establish creation",
        ["set"] = "establish",
        ["start"] = "establish creation",
        ["launch"] = "establish creation",
        ["create"] = "creation",
        ["open"] = "establish",
        ["new"] = "new creation",
        ["close"] = "closed",
        ["shut"] = "closed",
        ["delete"] = "closed removing",
        ["inactive"] = "inactive closed",
        ["dormant"] = "inactive",
        ["viva"] = "yammer",
        ["takedown"] = "removing",
        ["remove"] = "removing",
        ["signoff"] = "sign off",
        ["check"] = "audit",
        ["review"] = "audit",
        ["yearly"] = "annual annually",
        ["holiday"] = "absence",
        ["leave"] = "absence leaves",
        ["away"] = "absence",
        ["handover"] = "changes responsible",
        ["handing"] = "changes responsible",
        ["replaced"] = "changes",
        ["replacing"] = "changes",
        ["quit"] = "leaves",
        ["quitting"] = "leaves",
        ["leaving"] = "leaves",
        ["runs"] = "responsible",
        ["run"] = "responsible",
        ["running"] = "responsible",
        ["moving"] = "leaves",
        ["list"] = "directory",
        ["track"] = "log",
        ["watch"] = "monitoring",
        ["watches"] = "monitoring",
        ["watching"] = "monitoring",
        ["register"] = "directory",
        ["permission"] = "approval",
        ["ok"] = "approval",
        ["approve"] = "approval",
        ["plan"] = "strategy plan",
        ["goals"] = "strategy aims objectives",
        ["logo"] = "branding",
        // Security
        ["hacked"] = "security breach",
        ["hack"] = "security breach",
        ["hacker"] = "security breach",
        ["hackers"] = "security breach",
        ["compromised"] = "security breach",
        ["breached"] = "breach",
        ["login"] = "password",
        ["logins"] = "password",
        ["passcode"] = "password",
        ["locked"] = "security password",
        ["scam"] = "phishing",
        ["email"] = "phishing",
        ["broken"] = "breach",
        ["broke"] = "breach",
        ["breaking"] = "breach",
        ["suspicious"] = "phishing malware",
        ["virus"] = "malware",
        ["dodgy"] = "phishing",
        ["phone"] = "devices phones",
        ["laptop"] = "devices laptops",
        ["secret"] = "confidential",
        ["unpublished"] = "confidential sensitive information",
        ["figures"] = "information",
        ["internal"] = "confidential",
        ["sensitive"] = "sensitive confidential",
        ["names"] = "personal data",
        ["patient"] = "personal data",
        ["patients"] = "personal data",
        ["privacy"] = "personal data privacy",
        ["consent"] = "consent personal data",
        // People
        ["boss"] = "line manager",
        ["manager"] = "line manager",
        ["supervisor"] = "line manager",
        ["comms"] = "communications engagement",
        ["press"] = "reputation management",
        ["journalist"] = "reputation management",
        ["journalists"] = "reputation management",
        ["handles"] = "management",
        ["colleague"] = "member",
        // Harassment and conduct
        ["troll"] = "harassment",
        ["trolls"] = "harassment",
        ["trolled"] = "harassment",
        ["trolling"] = "harassment",
        ["abuse"] = "harassment offensive",
        ["abusive"] = "harassment offensive",
        ["abused"] = "harassment",
        ["harassed"] = "harassment",
        ["harass"] = "harassment",
        ["bullied"] = "bullying harassment",
        ["attacked"] = "harassment",
        ["threats"] = "threatening harassment",
        ["threatened"] = "threatening harassment",
        ["targeted"] = "harassment",
        ["pile"] = "harassment",
        ["piling"] = "harassment",
        ["hate"] = "harassment offensive",
        ["racist"] = "offensive discriminatory",
        ["sexist"] = "offensive discriminatory",
        ["rude"] = "offensive",
        ["nasty"] = "offensive",
        ["fired"] = "disciplinary",
        ["disciplined"] = "disciplinary",
        ["threatening"] = "harassment offensive",
        ["sacked"] = "disciplinary",
        ["trouble"] = "disciplinary",
        ["punished"] = "disciplinary",
        ["consequences"] = "disciplinary",
        ["embarrassing"] = "damaging reputation",
        ["embarrass"] = "damaging reputation",
        ["backlash"] = "damaging reputation",
        ["controversial"] = "damaging reputation",
        ["viral"] = "reputation",
        ["angry"] = "damaging reputation",
        ["messages"] = "content",
        ["comments"] = "content",
        ["mistake"] = "incidents",
        ["wrong"] = "incidents",
        ["problem"] = "issues",
        ["crisis"] = "incidents",
        // Personal use
        ["own"] = "personal capacity",
        ["spare"] = "personal capacity",
        ["weekend"] = "personal capacity",
        ["private"] = "personal private",
        ["personally"] = "personal capacity",
        ["myself"] = "personal individual",
        ["opinion"] = "views",
        ["opinions"] = "views",
        ["politics"] = "political views",
        ["political"] = "political views",
        ["religion"] = "religion belief",
        ["controversy"] = "radical ideas",
        ["speech"] = "freedom speech expression",
        ["identify"] = "identified",
        ["bio"] = "identified associated",
        ["employer"] = "identified associated",
    };
}
