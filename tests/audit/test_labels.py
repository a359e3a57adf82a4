"""The audit log and the histories speak Vietnamese: actions and kinds of object in words,
objects by name with a link; the codes only as secondary detail."""

import re
from pathlib import Path

from django.apps import apps
from django.urls import reverse
from django.utils import translation

from presscenter.audit.labels import ACTIONS, OBJECT_TYPES, action_label
from presscenter.press.domain import TRANSITIONS

PACKAGE = Path(__file__).resolve().parents[2] / "presscenter"
# An action code as the domain functions write it: "item.submit", "late_publication.acknowledged".
CODE = re.compile(
    r'"((?:item|attachment|account|token|orgs?|signing_key|press|subscription|delivery|webhook|websub|live|late_publication|inquiry|routing_rule|deadline_policy|routing|workday|workdays|category)\.[a-z_]+)"'
)


def test_every_action_written_in_the_code_has_a_label():
    written = {
        code
        for path in PACKAGE.rglob("*.py")
        if "migrations" not in path.parts and path.name != "labels.py"
        for code in CODE.findall(path.read_text())
    }
    written |= {f"press.{action}" for action in TRANSITIONS}  # written as f"press.{action}"
    written -= {model._meta.label_lower for model in apps.get_models()}  # "orgs.organisation" is a model
    assert written - set(ACTIONS) == set()


def test_labels_are_translated():
    with translation.override("en"):
        assert action_label("item.submit") == "Submitted for review"
        assert action_label("press.approve") == "Journalist approved"
        assert str(OBJECT_TYPES["releases.item"]) == "Item"
    assert action_label("item.submit") == "Gửi duyệt"
    assert action_label("thu.nghiem") == "thu.nghiem"  # not named yet: the code rather than nothing


def test_the_audit_log_shows_actions_in_words_and_objects_by_name(newsroom, client):
    item = newsroom.publish(title="Thông báo lịch cắt điện")
    client.force_login(newsroom.operator)
    body = client.get(reverse("workspace:audit_log")).content.decode()
    assert "Gửi duyệt" in body and "Công bố" in body
    assert f'<a href="{reverse("workspace:item", args=[item.pk])}">Thông báo lịch cắt điện</a>' in body
    assert "Tin: " in body
    assert "releases.item:" not in body  # the object is no longer a code
    assert '<code class="muted">item.submit</code>' in body  # the code as a detail only
    assert '<option value="releases.item">Tin</option>' in body


def test_the_item_history_shows_actions_in_words(newsroom, client):
    item = newsroom.publish()
    client.force_login(newsroom.spokesperson)
    body = client.get(reverse("workspace:item", args=[item.pk])).content.decode()
    assert "Tạo tin" in body and "Gửi duyệt" in body
