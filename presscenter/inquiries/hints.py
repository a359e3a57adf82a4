"""The routing suggestion shown to the operator: where an inquiry should go, and how sure we are.

The learned model's suggestion (suggest.suggest) leads when there is a model, with its
confidence; the routing rules' answer (rules.resolve) is then one of the alternatives. Without a
model (or a usable one) the rules' answer is the suggestion.

A question about an event names its organiser: the agency that holds the event is the first place
to ask, so its organiser leads (source "rule": the operator confirms it like a rule's answer), and
the model's and the rules' answers, when they differ, are the alternatives."""

from dataclasses import dataclass, field

from presscenter.inquiries import rules, suggest
from presscenter.inquiries.models import DecisionSource, Inquiry
from presscenter.orgs.models import Organisation


@dataclass
class Hint:
    organisation: Organisation | None
    source: str = DecisionSource.RULE  # "rule" or "model": RoutingDecision.source when confirmed
    confidence: float | None = None  # 0..1, the model's; None for a rule
    alternatives: list[tuple[Organisation, float | None]] = field(default_factory=list)

    @property
    def percent(self) -> int | None:
        return None if self.confidence is None else round(self.confidence * 100)


def rule_hint(inquiry: Inquiry) -> Hint:
    rule = rules.resolve(inquiry.category, inquiry.area, inquiry.topic)
    return Hint(organisation=rule.organisation if rule is not None else None)


def _event_organiser(inquiry: Inquiry) -> Organisation | None:
    event = inquiry.about_event if inquiry.about_event_id is not None else None
    if event is None or not event.organiser.active:
        return None
    return event.organiser


def _combined(inquiry: Inquiry, by_rule: Hint, suggestion: suggest.Suggestion | None) -> Hint:
    organiser = _event_organiser(inquiry)
    if organiser is not None:
        others: list[tuple[Organisation, float | None]] = []
        if suggestion is not None:
            others.extend((choice.organisation, choice.confidence) for choice in suggestion.alternatives)
        if by_rule.organisation is not None:
            others.append((by_rule.organisation, None))
        besides: list[tuple[Organisation, float | None]] = []
        for organisation, confidence in others:
            if organisation != organiser and all(o != organisation for o, _c in besides):
                besides.append((organisation, confidence))
        return Hint(organisation=organiser, alternatives=besides)
    if suggestion is None:
        return by_rule
    alternatives: list[tuple[Organisation, float | None]] = [
        (choice.organisation, choice.confidence)
        for choice in suggestion.alternatives
        if choice.organisation != suggestion.organisation
    ]
    rule_org = by_rule.organisation
    if rule_org is not None and rule_org != suggestion.organisation and all(o != rule_org for o, _c in alternatives):
        alternatives.append((rule_org, None))
    return Hint(
        organisation=suggestion.organisation,
        source=DecisionSource.MODEL,
        confidence=suggestion.confidence,
        alternatives=alternatives,
    )


def routing_hint(inquiry: Inquiry) -> Hint:
    """What to suggest to the operator for this inquiry (organisation None: no suggestion)."""
    return _combined(inquiry, rule_hint(inquiry), suggest.suggest(inquiry))


def routing_hints(inquiries: list[Inquiry]) -> list[Hint]:
    """`routing_hint` of each inquiry of a list (a page of the triage queue): the rules are read
    once and resolved in memory, the model predicts once, whatever the number of inquiries."""
    if not inquiries:
        return []
    resolver = rules.Resolver()
    by_rule = []
    for inquiry in inquiries:
        rule = resolver.resolve(inquiry.category_id, inquiry.area_id, inquiry.topic_id)
        by_rule.append(Hint(organisation=rule.organisation if rule is not None else None))
    suggestions = suggest.suggest_many(inquiries)
    return [
        _combined(inquiry, hint, suggestion)
        for inquiry, hint, suggestion in zip(inquiries, by_rule, suggestions, strict=True)
    ]
