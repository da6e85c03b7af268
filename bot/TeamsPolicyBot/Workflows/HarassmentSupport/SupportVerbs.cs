namespace TeamsPolicyBot.Workflows.HarassmentSupport;

/// <summary>The verbs the harassment support cards carry (see cards/harassment-support/).</summary>
internal static class SupportVerbs
{
    /// <summary>Action.Submit from the welcome card and the incident form's support offer, and the typed command: the warm support card.</summary>
    public const string Start = "support.start";

    /// <summary>"It's happening to a colleague" on the warm card: how to support them, and the incident form. Nothing is stored or sent.</summary>
    public const string Colleague = "support.colleague";

    /// <summary>"Ask for support" on the warm card: the form (prefilled with what the incident form handed over).</summary>
    public const string Form = "support.form";

    /// <summary>"Check before sending" on the form: the confirm card, or the form again with its problems.</summary>
    public const string Review = "support.review";

    /// <summary>"Change something" on the confirm card: the form again, filled.</summary>
    public const string Edit = "support.edit";

    /// <summary>"Send my request" on the confirm card: stored, and everyone told.</summary>
    public const string Confirm = "support.confirm";

    /// <summary>"Take case" on the Comms channel card (case handlers only).</summary>
    public const string Take = "support.take";

    /// <summary>The channel card's refresh: Teams asks for a case handler's own view, with "Take case".</summary>
    public const string Refresh = "support.refresh";

    /// <summary>The case handler's message to the person (from the case card or a relayed reply), relayed and kept.</summary>
    public const string Message = "support.message";

    /// <summary>The person's reply to the case handler, relayed and kept.</summary>
    public const string Reply = "support.reply";

    /// <summary>The case handler records an action taken; the person is told.</summary>
    public const string RecordAction = "support.action";

    /// <summary>The case handler closes the case with an outcome; the person is told.</summary>
    public const string Close = "support.close";

    /// <summary>"Hand over" on the case card: the case handler who has it gives it to another case handler.</summary>
    public const string HandOver = "support.handover";

    /// <summary>"Tell their line manager now" on a "talk first" case card: the case handler who has it, once.</summary>
    public const string TellManager = "support.tellmanager";

    /// <summary>"Withdraw my request" on the person's confirmation card and the "taken" notice: only the person, while it is open.</summary>
    public const string Withdraw = "support.withdraw";
}
