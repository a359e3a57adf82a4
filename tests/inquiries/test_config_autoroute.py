"""Automatic routing goes only as far as the centre's settings allow: a rule when auto_by_rules is on,
the model's suggestion when its confidence reaches the threshold, otherwise nothing (an operator decides)."""

import pytest

from presscenter.accounts.models import Role
from presscenter.audit.models import AuditEntry
from presscenter.inquiries import config
from presscenter.inquiries.autoroute import auto_route
from presscenter.inquiries.models import Notice, RoutingDecision, RoutingRule, State
from tests import factories

pytestmark = pytest.mark.django_db


@pytest.fixture
def setup():
    class Setup:
        staff = factories.user(Role.CENTER_OPERATOR)
        ward = factories.organisation(kind="ward", name="Phường Ba Đình")
        by_rule = factories.organisation(name="Sở Xây dựng")
        by_model = factories.organisation(name="Sở Nông nghiệp và Môi trường")
        roads = factories.category(code="giao-thong")

    RoutingRule.objects.create(category=Setup.roads, organisation=Setup.by_rule)
    return Setup


def untouched(inquiry):
    inquiry.refresh_from_db()
    assert inquiry.state == State.NEW and inquiry.organisation is None and inquiry.due_at is None
    assert not RoutingDecision.objects.filter(inquiry=inquiry).exists()
    assert not AuditEntry.objects.filter(action="inquiry.route").exists()
    assert not Notice.objects.filter(reason="routed").exists()  # nothing goes out


def test_by_default_nothing_routes_on_its_own(setup):
    inquiry = factories.inquiry(category=setup.roads, area=setup.ward)
    assert auto_route(inquiry, (setup.by_model, 0.99)) is None
    untouched(inquiry)


def test_a_matching_rule_routes_when_the_centre_allows_it(setup):
    config.set_routing_settings(setup.staff, auto_threshold=None, auto_by_rules=True)
    inquiry = factories.inquiry(category=setup.roads, area=setup.ward)
    routed = auto_route(inquiry, (setup.by_model, 0.99))  # the rule wins over the model
    assert routed is not None
    inquiry.refresh_from_db()
    assert inquiry.state == State.ASSIGNED and inquiry.organisation == setup.by_rule and inquiry.due_at
    decision = RoutingDecision.objects.get(inquiry=inquiry)
    assert decision.source == "rule" and decision.actor is None
    assert AuditEntry.objects.get(action="inquiry.route").actor_label == "system"
    assert Notice.objects.filter(inquiry=inquiry, reason="routed").exists()


def test_without_a_matching_rule_the_model_may_still_route(setup):
    config.set_routing_settings(setup.staff, auto_threshold=0.8, auto_by_rules=True)
    inquiry = factories.inquiry()  # no category: no rule matches
    auto_route(inquiry, (setup.by_model, 0.85))
    inquiry.refresh_from_db()
    assert inquiry.organisation == setup.by_model
    decision = RoutingDecision.objects.get(inquiry=inquiry)
    assert (decision.source, decision.confidence, decision.suggested) == ("model", 0.85, setup.by_model)


def test_rules_that_only_suggest_do_not_route(setup):
    config.set_routing_settings(setup.staff, auto_threshold=None, auto_by_rules=False)
    inquiry = factories.inquiry(category=setup.roads)
    assert auto_route(inquiry) is None
    untouched(inquiry)


def test_the_model_routes_at_or_above_the_threshold(setup):
    config.set_routing_settings(setup.staff, auto_threshold=0.9, auto_by_rules=False)
    inquiry = factories.inquiry(category=setup.roads)
    auto_route(inquiry, (setup.by_model, 0.9))
    inquiry.refresh_from_db()
    assert inquiry.organisation == setup.by_model and inquiry.state == State.ASSIGNED


def test_below_the_threshold_nothing_goes_out(setup):
    config.set_routing_settings(setup.staff, auto_threshold=0.9, auto_by_rules=False)
    inquiry = factories.inquiry(category=setup.roads)
    assert auto_route(inquiry, (setup.by_model, 0.89)) is None
    untouched(inquiry)


def test_without_a_threshold_the_model_only_suggests(setup):
    inquiry = factories.inquiry()
    assert auto_route(inquiry, (setup.by_model, 1.0)) is None
    untouched(inquiry)


def test_no_suggestion_and_no_rule_leaves_it_to_the_operator(setup):
    config.set_routing_settings(setup.staff, auto_threshold=0.6, auto_by_rules=True)
    inquiry = factories.inquiry()
    assert auto_route(inquiry) is None
    untouched(inquiry)


def test_a_suggestion_of_an_inactive_organisation_is_not_followed(setup):
    config.set_routing_settings(setup.staff, auto_threshold=0.6, auto_by_rules=False)
    setup.by_model.active = False
    setup.by_model.save()
    inquiry = factories.inquiry()
    assert auto_route(inquiry, (setup.by_model, 0.99)) is None
    untouched(inquiry)


def test_an_inquiry_already_routed_is_left_alone(setup):
    config.set_routing_settings(setup.staff, auto_threshold=0.6, auto_by_rules=True)
    inquiry = factories.inquiry(category=setup.roads)
    auto_route(inquiry)
    assert auto_route(inquiry, (setup.by_model, 0.99)) is None
    inquiry.refresh_from_db()
    assert inquiry.organisation == setup.by_rule
    assert RoutingDecision.objects.filter(inquiry=inquiry).count() == 1
