namespace TeamsPolicyBot.Records;

/// <summary>Who did something to a record, and when.</summary>
internal sealed record Stamp(Actor By, DateTimeOffset At);
