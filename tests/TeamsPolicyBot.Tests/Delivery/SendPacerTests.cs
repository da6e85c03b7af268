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

    [Fact]
    public void A_send_counts_from_when_it_was_answered_not_from_when_its_slot_was_taken()
    {
        var window = TimeSpan.FromSeconds(1);
        var pacer = new SendPacer([], [new SendLimit(2, window)]);
        Assert.True(pacer.TryAcquire("a:1", T0, out _));
        Assert.True(pacer.TryAcquire("a:2", T0, out _));

        // The second send went out late: Teams holds it in its window until 1.5 s, so must we.
        pacer.MarkAnswered("a:2", T0, T0.AddMilliseconds(500));

        Assert.True(pacer.TryAcquire("a:3", T0.AddSeconds(1), out _));
        Assert.False(pacer.TryAcquire("a:4", T0.AddSeconds(1), out var notBefore));
        Assert.Equal(T0.AddMilliseconds(1500), notBefore);
        Assert.True(pacer.TryAcquire("a:4", T0.AddMilliseconds(1500), out _));
    }

    [Fact]
    public void A_send_moved_past_later_ones_keeps_the_windows_in_order()
    {
        var pacer = new SendPacer([], [new SendLimit(2, TimeSpan.FromSeconds(1))]);
        Assert.True(pacer.TryAcquire("a:1", T0, out _));
        Assert.True(pacer.TryAcquire("a:2", T0.AddMilliseconds(200), out _));
        pacer.MarkAnswered("a:1", T0, T0.AddMilliseconds(700));

        // Sends now at 0.2 s and 0.7 s: the 0.2 s one leaves first, and one more fits from 1.2 s.
        Assert.False(pacer.TryAcquire("a:3", T0.AddMilliseconds(1100), out var notBefore));
        Assert.Equal(T0.AddMilliseconds(1200), notBefore);
        Assert.True(pacer.TryAcquire("a:3", T0.AddMilliseconds(1200), out _));
        Assert.False(pacer.TryAcquire("a:4", T0.AddMilliseconds(1200), out notBefore));
        Assert.Equal(T0.AddMilliseconds(1700), notBefore);
    }

    [Fact]
    public void A_slot_given_back_because_the_send_was_not_made_frees_the_conversation_and_the_app()
    {
        var pacer = new SendPacer([new SendLimit(1, TimeSpan.FromSeconds(1))], [new SendLimit(1, TimeSpan.FromSeconds(1))]);
        Assert.True(pacer.TryAcquire("a:1", T0, out _));
        Assert.False(pacer.TryAcquire("a:1", T0, out _));

        pacer.Release("a:1", T0);

        Assert.True(pacer.TryAcquire("a:1", T0, out _));
    }
}
