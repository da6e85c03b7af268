using TeamsPolicyBot.Workflows.Incidents;
using static TeamsPolicyBot.Tests.Workflows.Incidents.IncidentSamples;

namespace TeamsPolicyBot.Tests.Workflows.Incidents;

public sealed class IncidentStateMachineTests
{
    private static readonly DateTimeOffset Later = ReportedAt.AddMinutes(8);

    private static Incident Ok(IncidentTransition transition)
    {
        Assert.True(transition.Succeeded, transition.Refusal?.Message);
        return transition.Next;
    }

    [Fact]
    public void A_report_starts_new_with_one_audit_entry()
    {
        var incident = Reported();

        Assert.Equal(IncidentStatus.New, incident.Status);
        var entry = Assert.Single(incident.Audit);
        Assert.Equal((IncidentAuditActions.Reported, "Urgent"), (entry.Action, entry.Detail));
    }

    [Fact]
    public void Taking_records_the_owner_and_a_second_take_is_refused_naming_the_owner()
    {
        var taken = Ok(Reported().Take(Triager, Later));

        var again = taken.Take(OtherTriager, Later.AddSeconds(1));

        Assert.Equal(IncidentStatus.Taken, taken.Status);
        Assert.Equal(Triager, taken.Owner!.By);
        Assert.Equal(IncidentRefusalKind.NotAllowedInStatus, again.Refusal!.Kind);
        Assert.Contains("Sam Carter", again.Refusal.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Questions_are_numbered_and_answered_once_by_the_reporter_only()
    {
        var asked = Ok(Ok(Reported().Ask(Triager, "Who else has seen it?", Later)).Ask(Triager, "Is it still up?", Later));

        var byOther = asked.AnswerQuestion(Triager, 2, "Yes", Later);
        var answered = Ok(asked.AnswerQuestion(Reporter, 2, "Yes, still up.", Later));
        var twice = answered.AnswerQuestion(Reporter, 2, "Again", Later);

        Assert.Equal([1, 2], asked.Questions.Select(q => q.Number));
        Assert.Equal(IncidentRefusalKind.NotTheReporter, byOther.Refusal!.Kind);
        Assert.Equal("Yes, still up.", answered.Questions[1].Answer);
        Assert.False(answered.Questions[0].IsAnswered);
        Assert.Equal(IncidentRefusalKind.AlreadyAnswered, twice.Refusal!.Kind);
        Assert.Equal(IncidentAuditActions.Answered, answered.Audit[^1].Action);
    }

    [Fact]
    public void An_empty_question_or_answer_is_refused()
    {
        Assert.Equal(IncidentRefusalKind.InvalidInput, Reported().Ask(Triager, "  ", Later).Refusal!.Kind);
        var asked = Ok(Reported().Ask(Triager, "Who?", Later));
        Assert.Equal(IncidentRefusalKind.InvalidInput, asked.AnswerQuestion(Reporter, 1, "", Later).Refusal!.Kind);
        Assert.Equal(IncidentRefusalKind.InvalidInput, asked.AnswerQuestion(Reporter, 9, "x", Later).Refusal!.Kind);
    }

    [Fact]
    public void Escalation_happens_once_and_does_not_change_ownership()
    {
        var escalated = Ok(Reported().Escalate(Triager, Later));

        Assert.Equal(IncidentStatus.New, escalated.Status);
        Assert.NotNull(escalated.Escalation);
        Assert.Contains("already escalated", escalated.Escalate(OtherTriager, Later).Refusal!.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Resolving_needs_an_outcome_and_closes_every_other_action()
    {
        var incident = Ok(Reported().Take(Triager, Later));

        var noOutcome = incident.Resolve(Triager, null, null, Later);
        var resolved = Ok(incident.Resolve(Triager, "disciplinary", "Referred to HR.", Later));

        Assert.Equal(IncidentRefusalKind.InvalidInput, noOutcome.Refusal!.Kind);
        Assert.Equal(IncidentStatus.Resolved, resolved.Status);
        Assert.Equal(ResolutionOutcome.DisciplinaryReferral, resolved.Resolution!.Outcome);
        Assert.Contains("Referred under the disciplinary policy", resolved.Audit[^1].Detail, StringComparison.Ordinal);
        Assert.All(
            new[] { resolved.Take(OtherTriager, Later), resolved.Ask(Triager, "?", Later), resolved.Escalate(Triager, Later), resolved.Resolve(Triager, "noAction", null, Later) },
            t => Assert.Contains("already resolved by Sam Carter", t.Refusal!.Message, StringComparison.Ordinal));
    }

    [Fact]
    public void An_undelivered_escalation_is_recorded_on_the_audit_trail()
    {
        var incident = Ok(Ok(Reported().Escalate(Triager, Later)).RecordEscalationNotDelivered(["3f0b9c2e-4444-4a6b-9c1d-000000000004"], Later));

        Assert.Equal(IncidentAuditActions.EscalationNotDelivered, incident.Audit[^1].Action);
        Assert.Contains("3f0b9c2e-4444", incident.Audit[^1].Detail, StringComparison.Ordinal);
    }

    [Fact]
    public void Every_change_is_on_the_audit_trail_in_order()
    {
        var incident = Ok(Ok(Ok(Ok(Ok(Reported().Take(Triager, Later)).Ask(Triager, "Q?", Later)).AnswerQuestion(Reporter, 1, "A.", Later)).Escalate(Triager, Later)).Resolve(Triager, "contentRemoved", null, Later));

        Assert.Equal(
            [IncidentAuditActions.Reported, IncidentAuditActions.Taken, IncidentAuditActions.Asked, IncidentAuditActions.Answered, IncidentAuditActions.Escalated, IncidentAuditActions.Resolved],
            incident.Audit.Select(a => a.Action));
    }
}
