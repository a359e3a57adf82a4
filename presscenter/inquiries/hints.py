"""The routing suggestion shown to the operator: where an inquiry should go, and how sure we are.

Today it is the routing rules' answer (rules.resolve). When the learned model is present
(presscenter/inquiries/suggest.py: suggest(inquiry) -> Suggestion(organisation, confidence,
alternatives) | None), its suggestion is shown instead, with the rule's as an alternative."""

from dataclasses import dataclass, field
from typing import Any

from presscenter.inquiries import rules
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


def _model_suggestion(inquiry: Inquiry) -> Any:
    """The learned model's suggestion, or None when there is no model (yet) or it has none."""
    try:
        from presscenter.inquiries import suggest  # type: ignore[attr-defined,unused-ignore]  # noqa: PLC0415 optional
    except ImportError:
        return None
    return suggest.suggest(inquiry)


def _pair(alternative: Any) -> tuple[Organisation, float | None]:
    """An alternative as (organisation, confidence), whether the model gives pairs or objects."""
    if isinstance(alternative, tuple):
        return alternative[0], alternative[1]
    return alternative.organisation, getattr(alternative, "confidence", None)


def rule_hint(inquiry: Inquiry) -> Hint:
    rule = rules.resolve(inquiry.category, inquiry.area, inquiry.topic)
    return Hint(organisation=rule.organisation if rule is not None else None)


def routing_hint(inquiry: Inquiry) -> Hint:
    """What to suggest to the operator for this inquiry (organisation None: no suggestion)."""
    by_rule = rule_hint(inquiry)
    suggestion = _model_suggestion(inquiry)
    if suggestion is None or suggestion.organisation is None:
        return by_rule
    alternatives = [pair for pair in map(_pair, suggestion.alternatives or []) if pair[0] != suggestion.organisation]
    rule_org = by_rule.organisation
    if rule_org is not None and rule_org != suggestion.organisation and all(o != rule_org for o, _c in alternatives):
        alternatives.append((rule_org, None))
    return Hint(
        organisation=suggestion.organisation,
        source=DecisionSource.MODEL,
        confidence=suggestion.confidence,
        alternatives=alternatives,
    )
