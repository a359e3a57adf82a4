"""A new question routes itself after it is committed, only as far as the centre allows: by a
rule when rules may route, by the model's suggestion when it reaches the threshold; otherwise it
waits for an operator."""

from pathlib import Path

import pytest

from presscenter.accounts.models import Role
from presscenter.analysis import routing
from presscenter.inquiries import config, domain, suggest
from presscenter.inquiries.models import DecisionSource, RoutingDecision, RoutingRule, State
from tests import factories

pytestmark = pytest.mark.django_db
FIXTURE = Path(__file__).parent.parent / "analysis" / "fixtures" / "routing_questions.csv"
HEALTH = {"subject": "Bệnh viện quá tải", "text": "Bệnh nhân phải nằm ghép ở khoa nhi bệnh viện."}


@pytest.fixture
def operator():
    return factories.user(Role.CENTER_OPERATOR)


@pytest.fixture
def agencies(settings, tmp_path):
    """The fixture's agencies, and a routing model trained on the fixture's questions."""
    data = routing.read_csv(FIXTURE)
    settings.ROUTING_MODEL_PATH = tmp_path / "routing-model.bin"
    routing.save(routing.train(data.texts, data.labels), settings.ROUTING_MODEL_PATH)
    return {slug: factories.organisation(slug=slug) for slug in sorted(set(data.labels))}


def asked(django_capture_on_commit_callbacks, **fields):
    with django_capture_on_commit_callbacks(execute=True):
        inquiry = factories.inquiry(None, **fields)
    inquiry.refresh_from_db()
    return inquiry


def test_by_default_every_question_waits_for_an_operator(agencies, django_capture_on_commit_callbacks):
    inquiry = asked(django_capture_on_commit_callbacks, **HEALTH)
    assert inquiry.state == State.NEW and not RoutingDecision.objects.exists()


def test_the_models_suggestion_routes_only_at_or_above_the_threshold(
    agencies, operator, django_capture_on_commit_callbacks
):
    config.set_routing_settings(operator, auto_threshold=0.9, auto_by_rules=False)
    vague = {"subject": "Cho tôi hỏi", "text": "Xin hỏi cơ quan nào giải quyết việc này ạ?"}
    unsure = asked(django_capture_on_commit_callbacks, **vague)
    assert suggest.suggest(unsure).confidence < 0.9
    assert unsure.state == State.NEW and not RoutingDecision.objects.filter(inquiry=unsure).exists()
    config.set_routing_settings(operator, auto_threshold=0.5, auto_by_rules=False)
    sure = asked(django_capture_on_commit_callbacks, **HEALTH)
    assert sure.state == State.ASSIGNED and sure.organisation == agencies["so-y-te"]
    decision = RoutingDecision.objects.get(inquiry=sure)
    assert decision.source == DecisionSource.MODEL and decision.actor is None and decision.confidence >= 0.5


def test_a_rule_routes_when_rules_may_route(agencies, operator, django_capture_on_commit_callbacks):
    category = factories.category()
    RoutingRule.objects.create(category=category, organisation=agencies["cong-an"])
    config.set_routing_settings(operator, auto_threshold=None, auto_by_rules=True)
    inquiry = asked(django_capture_on_commit_callbacks, category=category, **HEALTH)
    assert inquiry.state == State.ASSIGNED and inquiry.organisation == agencies["cong-an"]
    assert RoutingDecision.objects.get(inquiry=inquiry).source == DecisionSource.RULE
    assert inquiry.events.filter(kind="routed").exists()


def test_a_question_routed_meanwhile_is_left_alone(agencies, operator, django_capture_on_commit_callbacks):
    config.set_routing_settings(operator, auto_threshold=0.5, auto_by_rules=False)
    inquiry = factories.inquiry(None, **HEALTH)
    domain.route(operator, inquiry, agencies["cong-an"])
    from presscenter.inquiries.autoroute import route_new

    assert route_new(inquiry.pk) is None
    assert RoutingDecision.objects.filter(inquiry=inquiry).count() == 1
