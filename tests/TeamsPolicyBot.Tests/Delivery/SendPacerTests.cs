using TeamsPolicyBot.Delivery.Outbox;

namespace TeamsPolicyBot.Tests.Delivery;

public class SendPacerTests
{
    private static readonly DateTimeOffset T0 = new(2026, 3, 2, 9, 0, 0, TimeSpan.Zero);

    /// <summary>Sends as fast as the pacer allows, jumping the clock to each "not before".</summary>
    private static List<DateTimeOffset> GreedySends(SendPacer pacer, string conversation, int count)
    {
        var sends = new List<DateTimeOffset>();
        var now = T0;
        while (sends.Count < count)
        {
            if (pacer.TryAcquire(conversation, now, out var notBefore))
            {
                sends.Add(now);
            }
            else
            {
                Assert.True(notBefore > now, "a refusal must name a later time");
                now = notBefore;
            }
        }

        return sends;
    }

    private static void AssertNoWindowExceeds(List<DateTimeOffset> sends, SendLimit limit)
    {
        for (var i = 0; i + limit.Limit < sends.Count; i++)
        {
            Assert.True(
                sends[i + limit.Limit] - sends[i] >= limit.Window,
                $"sends {i}..{i + limit.Limit} fall inside {limit.Window}: more than {limit.Limit}");
        }
    }

    [Fact]
    public void A_burst_to_one_conversation_gets_seven_sends_then_waits_a_second()
    {
        var pacer = new SendPacer();
        var allowed = Enumerable.Range(0, 20).Count(i => pacer.TryAcquire("19:c@thread.tacv2", T0, out _));

        Assert.Equal(7, allowed);
        Assert.False(pacer.TryAcquire("19:c@thread.tacv2", T0, out var notBefore));
        Assert.Equal(T0.AddSeconds(1), notBefore);
    }

    [Fact]
    public void Greedy_sending_respects_every_Teams_per_thread_window()
    {
        var sends = GreedySends(new SendPacer(), "a:1", 2000);

        Assert.All(SendPacer.TeamsPerConversation, limit => AssertNoWindowExceeds(sends, limit));
    }

    [Fact]
    public void Greedy_sending_is_no_slower_than_the_limits_require()
    {
        var sends = GreedySends(new SendPacer(), "a:1", 16);

        // 7 at once; the 8th when the first second ends; the 9th when the 2-second window lets
        // go of the first burst; then the next 7 at once.
        Assert.Equal(T0, sends[6]);
        Assert.Equal(T0.AddSeconds(1), sends[7]);
        Assert.Equal(T0.AddSeconds(2), sends[8]);
        Assert.Equal(T0.AddSeconds(2), sends[14]);
        Assert.Equal(T0.AddSeconds(3), sends[15]);
    }

    [Fact]
    public void Conversations_are_paced_independently()
    {
        var pacer = new SendPacer();
        for (var i = 0; i < 7; i++)
        {
            Assert.True(pacer.TryAcquire("a:busy", T0, out _));
        }

        Assert.False(pacer.TryAcquire("a:busy", T0, out _));
        Assert.True(pacer.TryAcquire("a:quiet", T0, out _));
    }

    [Fact]
    public void The_app_as_a_whole_is_held_to_fifty_sends_a_second()
    {
        var pacer = new SendPacer();
        var allowed = Enumerable.Range(0, 60).Count(i => pacer.TryAcquire($"a:{i}", T0, out _));

        Assert.Equal(50, allowed);
        Assert.False(pacer.TryAcquire("a:new", T0, out var notBefore));
        Assert.Equal(T0.AddSeconds(1), notBefore);
    }

    [Fact]
    public void A_refused_attempt_takes_no_slot()
    {
        var pacer = new SendPacer([new SendLimit(1, TimeSpan.FromSeconds(1))], []);
        Assert.True(pacer.TryAcquire("a:1", T0, out _));
        for (var i = 0; i < 5; i++)
        {
            Assert.False(pacer.TryAcquire("a:1", T0.AddMilliseconds(500), out _));
        }

        Assert.True(pacer.TryAcquire("a:1", T0.AddSeconds(1), out _));
    }

    [Fact]
    public void Deferring_a_conversation_holds_it_back_until_then()
    {
        var pacer = new SendPacer();
        pacer.Defer("a:throttled", T0.AddSeconds(30));

        Assert.False(pacer.TryAcquire("a:throttled", T0.AddSeconds(29), out var notBefore));
        Assert.Equal(T0.AddSeconds(30), notBefore);
        Assert.True(pacer.TryAcquire("a:throttled", T0.AddSeconds(30), out _));
    }

    [Fact]
    public void Conversations_idle_for_longer_than_every_window_are_forgotten()
    {
        var pacer = new SendPacer();
        pacer.TryAcquire("a:old", T0, out _);
        pacer.TryAcquire("a:recent", T0.AddMinutes(30), out _);

        pacer.Prune(T0.AddHours(1));

        Assert.Equal(1, pacer.TrackedConversations);
    }
}
