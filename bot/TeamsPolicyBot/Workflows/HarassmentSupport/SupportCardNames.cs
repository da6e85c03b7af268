using TeamsPolicyBot.Cards;

namespace TeamsPolicyBot.Workflows.HarassmentSupport;

/// <summary>The harassment support cards (cards/harassment-support/).</summary>
[CardTemplateNames]
internal static class SupportCardNames
{
    /// <summary>The warm support card shown before any form: not alone, what happens, support now, safety advice, "Ask for support".</summary>
    public const string Welcome = "harassment-support/support";

    /// <summary>For someone asking on a colleague's behalf: how to support them, support resources, "Report an incident".</summary>
    public const string Colleague = "harassment-support/colleague";

    /// <summary>The harassment support referral form (new, prefilled from an incident report, or with its problems).</summary>
    public const string Form = "harassment-support/form";

    /// <summary>The check step: who will be told and what, the manager (or an email box), "Send my request".</summary>
    public const string Confirm = "harassment-support/confirm";

    /// <summary>The person's confirmation with the reference; emergency contacts first when urgent.</summary>
    public const string Requested = "harassment-support/requested";

    /// <summary>The person's confirmation that they withdrew their request: ask again at any time, and support now.</summary>
    public const string Withdrawn = "harassment-support/withdrawn";

    /// <summary>The line manager's 1:1: what is expected of them, and the details only with consent.</summary>
    public const string ManagerNotice = "harassment-support/manager";

    /// <summary>The Comms channel card: reference, urgency, status, who has it, the viewer's buttons. No personal details, no typed text.</summary>
    public const string Channel = "harassment-support/channel";

    /// <summary>The full details, in a 1:1, for the case handler who took the case.</summary>
    public const string Case = "harassment-support/case";

    /// <summary>A message relayed between the case handler and the person, with a reply box.</summary>
    public const string Message = "harassment-support/message";

    /// <summary>A short notice: to the person (case taken), to case handlers (urgent, manager not reached).</summary>
    public const string Notice = "harassment-support/notice";
}
