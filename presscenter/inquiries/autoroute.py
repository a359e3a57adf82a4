"""Routing without an operator, only as far as the centre allows (config.routing_settings): a
matching rule when `auto_by_rules` is on, else the model's suggestion when its confidence reaches
`auto_threshold`. Anything less waits for an operator, who sees the suggestion."""

from django.db import transaction

from presscenter.inquiries import config, domain, rules, suggest
from presscenter.inquiries.models import DecisionSource, Inquiry, State
from presscenter.orgs.models import Organisation

Suggestion = tuple[Organisation, float]


@transaction.atomic
def auto_route(inquiry: Inquiry, suggestion: Suggestion | None = None) -> Inquiry | None:
    """Called after an inquiry is created. Returns the routed inquiry, or None when it is left to
    an operator (nothing is written then)."""
    inquiry = Inquiry.objects.select_for_update(of=("self",)).get(pk=inquiry.pk)
    if inquiry.state not in (State.NEW, State.TRIAGED):
        return None
    settings = config.routing_settings()
    if settings.auto_by_rules:
        rule = rules.resolve(inquiry.category, inquiry.area, inquiry.topic)
        if rule is not None:
            return domain.route(None, inquiry, rule.organisation, source=DecisionSource.RULE)
    if suggestion is None or settings.auto_threshold is None:
        return None
    organisation, confidence = suggestion
    if confidence < settings.auto_threshold or not organisation.active:
        return None
    return domain.route(
        None, inquiry, organisation, source=DecisionSource.MODEL, suggested=organisation, confidence=confidence
    )


def route_new(inquiry_id: int) -> Inquiry | None:
    """After a question is created: route it on its own if the centre allows it, with the model's
    suggestion when there is a model. Questions already routed (or gone) are left alone."""
    inquiry = Inquiry.objects.filter(pk=inquiry_id, state__in=(State.NEW, State.TRIAGED)).first()
    if inquiry is None:
        return None
    suggestion = suggest.suggest(inquiry)
    return auto_route(inquiry, (suggestion.organisation, suggestion.confidence) if suggestion else None)
