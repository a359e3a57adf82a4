"""The learned routing suggestion of an inquiry (presscenter.inquiries.suggest): read from the
model file, falling back to the rules with one log line when the file is missing or bad, and
retrained from the routing history."""

import logging
import os
from pathlib import Path

import pytest

from presscenter.accounts.models import Role
from presscenter.analysis import routing
from presscenter.core import clock
from presscenter.inquiries import domain, suggest
from presscenter.inquiries.tasks import retrain_routing_task
from tests import factories

pytestmark = pytest.mark.django_db

FIXTURE = Path(__file__).parent.parent / "analysis" / "fixtures" / "routing_questions.csv"
SLUGS = ["so-giao-thong", "so-y-te", "so-giao-duc", "so-tai-nguyen", "cong-an"]


@pytest.fixture(scope="module")
def trained():
    data = routing.read_csv(FIXTURE)
    return routing.train(data.texts, data.labels)


@pytest.fixture
def model_path(settings, tmp_path):
    settings.ROUTING_MODEL_PATH = tmp_path / "routing-model.bin"
    return settings.ROUTING_MODEL_PATH


@pytest.fixture
def agencies():
    return {slug: factories.organisation(slug=slug) for slug in SLUGS}


def routing_log(caplog):
    return [record for record in caplog.records if record.name == "presscenter.routing"]


def test_the_suggestion_names_the_organisation_with_its_confidence_and_the_top_three(trained, model_path, agencies):
    routing.save(trained, model_path)
    inquiry = factories.inquiry(subject="Xe buýt đêm", text="Tuyến xe buýt số 09 có chạy sau 23 giờ không?")
    suggestion = suggest.suggest(inquiry)
    assert suggestion is not None
    assert suggestion.organisation == agencies["so-giao-thong"]
    assert 0.2 < suggestion.confidence <= 1
    assert suggestion.alternatives[0].organisation == suggestion.organisation
    assert len(suggestion.alternatives) == 3
    confidences = [choice.confidence for choice in suggestion.alternatives]
    assert confidences == sorted(confidences, reverse=True)
    assert suggestion.confidence == confidences[0]


def test_organisations_no_longer_active_or_unknown_are_not_suggested(trained, model_path, agencies):
    routing.save(trained, model_path)
    agencies["so-giao-thong"].active = False
    agencies["so-giao-thong"].save()
    agencies["so-y-te"].delete()
    inquiry = factories.inquiry(subject="Xe buýt đêm", text="Tuyến xe buýt số 09 có chạy sau 23 giờ không?")
    suggestion = suggest.suggest(inquiry)
    assert suggestion is not None
    suggested = {choice.organisation.slug for choice in suggestion.alternatives}
    assert suggested.isdisjoint({"so-giao-thong", "so-y-te"})
    assert len(suggested) == 3


def test_a_missing_model_falls_back_to_the_rules_with_one_log_line(model_path, agencies, caplog):
    caplog.set_level(logging.INFO, logger="presscenter.routing")
    inquiry = factories.inquiry()
    assert suggest.suggest(inquiry) is None
    assert suggest.suggest(inquiry) is None
    [record] = routing_log(caplog)
    assert record.levelno == logging.WARNING
    assert str(model_path) in record.getMessage()
    assert "không có tệp mô hình" in record.getMessage()


def test_a_tampered_model_falls_back_to_the_rules_until_a_good_one_is_saved(trained, model_path, agencies, caplog):
    caplog.set_level(logging.INFO, logger="presscenter.routing")
    routing.save(trained, model_path)
    raw = bytearray(model_path.read_bytes())
    raw[-30] ^= 0xFF
    model_path.write_bytes(bytes(raw))
    inquiry = factories.inquiry(subject="Hộ chiếu", text="lam ho chieu mat bao lau")
    assert suggest.suggest(inquiry) is None
    assert suggest.suggest(inquiry) is None
    [record] = routing_log(caplog)
    assert str(model_path) in record.getMessage() and "SHA-256" in record.getMessage()

    routing.save(trained, model_path)
    suggestion = suggest.suggest(inquiry)
    assert suggestion is not None and suggestion.organisation == agencies["cong-an"]


def test_the_model_is_read_again_when_the_file_changes(trained, model_path, agencies, tmp_path):
    routing.save(trained, model_path)
    first = suggest.current_model()
    assert suggest.current_model() is first
    data = routing.read_csv(FIXTURE)
    keep = [i for i, label in enumerate(data.labels) if label in ("so-y-te", "cong-an")]
    routing.save(routing.train([data.texts[i] for i in keep], [data.labels[i] for i in keep]), model_path)
    stat = model_path.stat()
    os.utime(model_path, ns=(stat.st_atime_ns, stat.st_mtime_ns + 1_000_000))
    second = suggest.current_model()
    assert second is not first
    assert second.labels == ["cong-an", "so-y-te"]


# --- retraining --------------------------------------------------------------------------------


def route_fixture_questions(agencies, limit=None, step=1):
    operator = factories.user(Role.CENTER_OPERATOR)
    data = routing.read_csv(FIXTURE)
    inquiries = []
    for text, label in list(zip(data.texts, data.labels, strict=True))[:limit:step]:
        inquiry = factories.inquiry(subject=text[:80], text=text)
        inquiries.append(domain.route(operator, inquiry, agencies[label]))
    return operator, inquiries


def test_retraining_learns_from_the_latest_decision_of_each_inquiry(model_path, agencies):
    operator, inquiries = route_fixture_questions(agencies, step=2)  # 51, each agency about 10
    moved = inquiries[0]  # a transport question, transferred to the police
    domain.transfer(operator, moved, agencies["cong-an"], "Thuộc thẩm quyền công an")
    history = dict(suggest.history())
    assert len(history) == len(inquiries)
    assert history[suggest.inquiry_text(moved)] == "cong-an"

    result = suggest.retrain_from_history(min_decisions=40)
    assert result.trained and result.decisions == len(inquiries) and result.organisations == 5
    model = routing.load(model_path)
    assert model.labels == sorted(SLUGS)
    assert model.trained_on == len(inquiries)
    assert [name for name in os.listdir(model_path.parent)] == [model_path.name]
    question = factories.inquiry(subject="Tiếng ồn", text="o nhiem tieng on ban dem ko ngu dc")
    assert suggest.suggest(question).organisation == agencies["so-tai-nguyen"]


def test_retraining_waits_for_enough_decisions_and_two_organisations(model_path, agencies, settings, caplog):
    caplog.set_level(logging.INFO, logger="presscenter.routing")
    route_fixture_questions(agencies, limit=15)  # the first 15 are all transport questions
    settings.ROUTING_RETRAIN_MIN_DECISIONS = 16
    result = suggest.retrain_from_history()
    assert (result.trained, result.decisions) == (False, 15)
    assert "fewer than 16" in result.reason
    assert suggest.retrain_from_history(min_decisions=10).reason.startswith("1 organisation")
    assert not model_path.exists()
    assert all("not retrained" in record.getMessage() for record in routing_log(caplog))


def test_the_clock_retrains_daily_through_a_thin_task(model_path, agencies, settings):
    assert clock.PERIODIC_TASKS["presscenter.inquiries.tasks.retrain_routing_task"] == 86400
    settings.ROUTING_RETRAIN_MIN_DECISIONS = 20
    route_fixture_questions(agencies, step=5)  # 21 inquiries, every agency
    retrain_routing_task.call()
    assert routing.load(model_path).trained_on == 21
