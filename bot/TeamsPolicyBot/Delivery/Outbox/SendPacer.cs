namespace TeamsPolicyBot.Delivery.Outbox;

/// <summary>A rate limit: at most <paramref name="Limit"/> sends in any window of <paramref name="Window"/>.</summary>
public readonly record struct SendLimit(int Limit, TimeSpan Window);

/// <summary>
/// Sliding-window limits for sends, per conversation and for the app as a whole. A send at time
/// t counts against every window that contains t, i.e. until t + window. It is pure bookkeeping
/// (the caller passes "now"), so the same logic runs under a fake clock in tests. A slot is taken
/// before the send and moved to when the send was answered (<see cref="MarkAnswered"/>), or given
/// back if the send was not made (<see cref="Release"/>).
/// It is per process: two instances each pace themselves, and Teams' 429s (retried with
/// Retry-After) cover the overlap.
/// </summary>
public sealed class SendPacer
{
    /// <summary>Teams: per bot per thread, 7/1 s, 8/2 s, 60/30 s, 1800/1 h.</summary>
    public static IReadOnlyList<SendLimit> TeamsPerConversation { get; } =
    [
        new(7, TimeSpan.FromSeconds(1)),
        new(8, TimeSpan.FromSeconds(2)),
        new(60, TimeSpan.FromSeconds(30)),
        new(1800, TimeSpan.FromHours(1)),
    ];

    /// <summary>Teams: about 50 requests per second per app (per tenant) overall.</summary>
    public static IReadOnlyList<SendLimit> TeamsPerApp { get; } = [new(50, TimeSpan.FromSeconds(1))];

    private readonly IReadOnlyList<SendLimit> perConversation;
    private readonly Bucket app;
    private readonly Dictionary<string, Bucket> conversations = new(StringComparer.Ordinal);
    private readonly Lock gate = new();

    public SendPacer()
        : this(TeamsPerConversation, TeamsPerApp)
    {
    }

    public SendPacer(IReadOnlyList<SendLimit> perConversation, IReadOnlyList<SendLimit> perApp)
    {
        ArgumentNullException.ThrowIfNull(perConversation);
        ArgumentNullException.ThrowIfNull(perApp);
        this.perConversation = perConversation;
        app = new Bucket(perApp);
    }

    /// <summary>
    /// Takes a send slot for <paramref name="conversationKey"/> at <paramref name="now"/> if every
    /// limit allows it; otherwise takes nothing and says when to ask again.
    /// </summary>
    public bool TryAcquire(string conversationKey, DateTimeOffset now, out DateTimeOffset notBefore)
    {
        ArgumentException.ThrowIfNullOrEmpty(conversationKey);
        lock (gate)
        {
            if (!conversations.TryGetValue(conversationKey, out var bucket))
            {
                bucket = new Bucket(perConversation);
                conversations.Add(conversationKey, bucket);
            }

            notBefore = Max(bucket.NextAllowed(now), app.NextAllowed(now));
            if (notBefore > now)
            {
                return false;
            }

            bucket.Record(now);
            app.Record(now);
            return true;
        }
    }

    /// <summary>
    /// The send taken at <paramref name="takenAt"/> was answered at <paramref name="answeredAt"/>: it now counts
    /// from then. Teams counts a request when it arrives, somewhere between the two, so counting from the
    /// answer keeps it in our windows at least as long as in Teams'. A batch is reserved all at once, but
    /// its sends go out over the following moments; counting them from the reservation would free the
    /// next batch's slots before Teams frees them, and Teams would refuse the overlap with 429.
    /// </summary>
    public void MarkAnswered(string conversationKey, DateTimeOffset takenAt, DateTimeOffset answeredAt)
    {
        ArgumentException.ThrowIfNullOrEmpty(conversationKey);
        lock (gate)
        {
            if (conversations.TryGetValue(conversationKey, out var bucket))
            {
                bucket.Move(takenAt, answeredAt);
            }

            app.Move(takenAt, answeredAt);
        }
    }

    /// <summary>The send taken at <paramref name="takenAt"/> was never made (another worker had the entry): it frees its slot.</summary>
    public void Release(string conversationKey, DateTimeOffset takenAt)
    {
        ArgumentException.ThrowIfNullOrEmpty(conversationKey);
        lock (gate)
        {
            if (conversations.TryGetValue(conversationKey, out var bucket))
            {
                bucket.Remove(takenAt);
            }

            app.Remove(takenAt);
        }
    }

    /// <summary>Holds a conversation back until <paramref name="until"/> (Teams said 429 with Retry-After).</summary>
    public void Defer(string conversationKey, DateTimeOffset until)
    {
        ArgumentException.ThrowIfNullOrEmpty(conversationKey);
        lock (gate)
        {
            if (!conversations.TryGetValue(conversationKey, out var bucket))
            {
                bucket = new Bucket(perConversation);
                conversations.Add(conversationKey, bucket);
            }

            bucket.BlockedUntil = Max(bucket.BlockedUntil, until);
        }
    }

    /// <summary>Forgets conversations with no send inside any window, so memory follows current traffic.</summary>
    public void Prune(DateTimeOffset now)
    {
        lock (gate)
        {
            app.Forget(now);
            foreach (var (key, bucket) in conversations.ToList())
            {
                bucket.Forget(now);
                if (bucket.IsIdle(now))
                {
                    conversations.Remove(key);
                }
            }
        }
    }

    internal int TrackedConversations
    {
        get
        {
            lock (gate)
            {
                return conversations.Count;
            }
        }
    }

    private static DateTimeOffset Max(DateTimeOffset a, DateTimeOffset b) => a > b ? a : b;

    private sealed class Bucket(IReadOnlyList<SendLimit> limits)
    {
        private readonly TimeSpan longest = limits.Count == 0 ? TimeSpan.Zero : limits.Max(l => l.Window);
        private readonly List<DateTimeOffset> sends = [];

        public DateTimeOffset BlockedUntil { get; set; } = DateTimeOffset.MinValue;

        public DateTimeOffset NextAllowed(DateTimeOffset now)
        {
            Forget(now);
            var next = Max(now, BlockedUntil);
            foreach (var limit in limits)
            {
                // Sends are kept in order; the ones inside this window are a suffix of the list.
                var inWindow = sends.Count - FirstIndexAfter(now - limit.Window);
                if (inWindow >= limit.Limit)
                {
                    // The oldest send that must leave the window before one more fits.
                    var blocking = sends[sends.Count - limit.Limit];
                    next = Max(next, blocking + limit.Window);
                }
            }

            return next;
        }

        public void Record(DateTimeOffset now) => sends.Add(now);

        /// <summary>Replaces one send at <paramref name="from"/> with one at <paramref name="to"/>, keeping the list in order.</summary>
        public void Move(DateTimeOffset from, DateTimeOffset to)
        {
            // A slot already forgotten (its whole window passed while the send ran) still counts again from its answer.
            Remove(from);
            sends.Insert(FirstIndexAfter(to), to);
        }

        public void Remove(DateTimeOffset at)
        {
            var index = sends.LastIndexOf(at);
            if (index >= 0)
            {
                sends.RemoveAt(index);
            }
        }

        public void Forget(DateTimeOffset now)
        {
            var keepFrom = FirstIndexAfter(now - longest);
            if (keepFrom > 0)
            {
                sends.RemoveRange(0, keepFrom);
            }
        }

        public bool IsIdle(DateTimeOffset now) => sends.Count == 0 && BlockedUntil <= now;

        private int FirstIndexAfter(DateTimeOffset time)
        {
            int lo = 0, hi = sends.Count;
            while (lo < hi)
            {
                var mid = (lo + hi) / 2;
                if (sends[mid] > time)
                {
                    hi = mid;
                }
                else
                {
                    lo = mid + 1;
                }
            }

            return lo;
        }
    }
}
