"""The permission matrix of the inquiry working screens: every role against every action. An
allowed action changes the inquiry; a refused one shows the 403 page (or, signed out, the login
page) and changes nothing."""

from collections.abc import Callable
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from presscenter.accounts.models import Role
from presscenter.inquiries import domain
from presscenter.inquiries.models import Answer, Event, Inquiry, RoutingDecision
from tests import factories

pytestmark = pytest.mark.django_db

ROLES = (
    "admin", "operator", "editor", "spokesperson", "other_editor", "parent_spokesperson",
    "journalist", "citizen", "anonymous",
)  # fmt: skip


class Cast:
    def __init__(self) -> None:
        self.parent = factories.organisation(name="UBND Thành phố Thử nghiệm")
        self.org = factories.organisation(name="Sở Giao thông Thử nghiệm", parent=self.parent)
        self.other = factories.organisation(name="Sở Xây dựng Thử nghiệm")
        self.users = {
            "admin": factories.user(Role.CENTER_ADMIN),
            "operator": factories.user(Role.CENTER_OPERATOR),
            "editor": factories.user(Role.EDITOR, self.org),
            "spokesperson": factories.user(Role.SPOKESPERSON, self.org),
            "other_editor": factories.user(Role.EDITOR, self.other),
            "parent_spokesperson": factories.user(Role.SPOKESPERSON, self.parent),
            "journalist": factories.user(Role.JOURNALIST, accredited=True),
            "citizen": factories.user(Role.PUBLIC),
            "anonymous": None,
        }
        self.operator = self.users["operator"]
        self.editor = self.users["editor"]

    def new(self) -> Inquiry:
        return factories.inquiry(self.users["citizen"])

    def routed(self) -> Inquiry:
        inquiry = domain.route(self.operator, self.new(), self.org)
        # Overdue and escalated: the parent organisation's spokesperson now sees it too.
        Inquiry.objects.filter(pk=inquiry.pk).update(escalated_at=timezone.now())
        inquiry.refresh_from_db()
        return inquiry

    def drafted(self) -> Inquiry:
        inquiry = self.routed()
        domain.save_answer(self.editor, inquiry, "<p>Đơn vị sẽ thay bóng đèn trong tuần này.</p>")
        inquiry.refresh_from_db()
        return inquiry

    def in_review(self) -> Inquiry:
        inquiry = self.drafted()
        domain.submit_answer(self.editor, domain.current_answer(inquiry))
        inquiry.refresh_from_db()
        return inquiry


def client_for(user: Any) -> Client:
    client = Client()
    if user is not None:
        client.force_login(user)
    return client


def state_of(inquiry: Inquiry) -> tuple:
    """Everything an action could change."""
    inquiry = Inquiry.objects.get(pk=inquiry.pk)
    answers = tuple(Answer.objects.filter(inquiry=inquiry).values_list("state", "body"))
    return (
        tuple(domain.snapshot(inquiry).items()),
        Event.objects.filter(inquiry=inquiry).count(),
        answers,
        RoutingDecision.objects.filter(inquiry=inquiry).count(),
    )


# action: (setup, POST data given the cast and the inquiry, roles allowed)
Setup = Callable[[Cast], Inquiry]
ACTIONS: dict[str, tuple[Setup, Callable[[Cast, Inquiry], dict[str, Any]], set[str]]] = {
    "route": (Cast.new, lambda cast, inquiry: {"organisation": cast.org.pk}, {"admin", "operator"}),
    "merge": (
        Cast.new,
        lambda cast, inquiry: {"into": cast.routed().code},
        {"admin", "operator"},
    ),
    "reject": (Cast.new, lambda cast, inquiry: {"reason": "Nội dung quảng cáo."}, {"admin", "operator"}),
    "triage": (
        Cast.new,
        lambda cast, inquiry: {"kind": "feedback", "priority": "urgent", "category": ""},
        {"admin", "operator"},
    ),
    "assign": (Cast.routed, lambda cast, inquiry: {"assignee": cast.editor.pk}, {"admin", "operator", "spokesperson"}),
    "transfer": (
        Cast.routed,
        lambda cast, inquiry: {"organisation": cast.other.pk, "reason": "Thuộc lĩnh vực xây dựng."},
        {"admin", "operator", "editor", "spokesperson"},
    ),
    "request_info": (
        Cast.routed,
        lambda cast, inquiry: {"message": "Xin cho biết số nhà cụ thể."},
        {"admin", "operator", "editor", "spokesperson"},
    ),
    "note": (
        Cast.routed,
        lambda cast, inquiry: {"text": "Đã gọi điện cho đội điện chiếu sáng."},
        {"admin", "operator", "editor", "spokesperson", "parent_spokesperson"},
    ),
    "draft": (
        Cast.routed,
        lambda cast, inquiry: {"body": "<p>Đã thay bóng đèn.</p>"},
        {"admin", "operator", "editor", "spokesperson"},
    ),
    "submit": (Cast.drafted, lambda cast, inquiry: {}, {"admin", "operator", "editor", "spokesperson"}),
    "approve": (Cast.in_review, lambda cast, inquiry: {}, {"admin", "operator", "spokesperson"}),
    "return": (
        Cast.in_review,
        lambda cast, inquiry: {"comment": "Bổ sung thời gian."},
        {"admin", "operator", "spokesperson"},
    ),
}


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("action", list(ACTIONS))
def test_actions(role: str, action: str) -> None:
    cast = Cast()
    setup, data_for, allowed = ACTIONS[action]
    inquiry = setup(cast)
    data = {"state": inquiry.state, **data_for(cast, inquiry)}
    before = state_of(inquiry)
    response = client_for(cast.users[role]).post(reverse("inquiry_work:action", args=[inquiry.pk, action]), data)
    if role in allowed:
        assert response.status_code == 302, response.content.decode()[:2000]
        assert state_of(inquiry) != before
    else:
        if role == "anonymous":
            assert response.status_code == 302 and reverse("accounts:login") in response["Location"]
        else:
            assert response.status_code == 403
        assert state_of(inquiry) == before


VIEWERS = {
    "queue": {"admin", "operator"},
    "detail": {"admin", "operator", "editor", "spokesperson", "parent_spokesperson"},
    "inbox": {"admin", "operator", "editor", "spokesperson", "other_editor", "parent_spokesperson"},
    "download": {"admin", "operator", "editor", "spokesperson", "parent_spokesperson", "citizen"},
}


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("page", list(VIEWERS))
def test_pages(role: str, page: str) -> None:
    cast = Cast()
    inquiry = cast.routed()
    attachment = factories.inquiry_attachment(inquiry)
    url = {
        "queue": reverse("inquiry_work:triage"),
        "detail": reverse("inquiry_work:detail", args=[inquiry.pk]),
        "inbox": reverse("inquiry_work:inbox"),
        "download": reverse("inquiry_work:attachment", args=[attachment.pk]),
    }[page]
    response = client_for(cast.users[role]).get(url)
    if role in VIEWERS[page]:
        assert response.status_code == 200
    elif role == "anonymous":
        assert response.status_code == 302 and reverse("accounts:login") in response["Location"]
    else:
        assert response.status_code == 403


def test_an_agency_inbox_lists_only_its_own() -> None:
    cast = Cast()
    mine = cast.routed()
    theirs = domain.route(cast.operator, cast.new(), cast.other)
    body = client_for(cast.users["editor"]).get(reverse("inquiry_work:inbox")).content.decode()
    assert mine.code in body and theirs.code not in body
    body = client_for(cast.users["other_editor"]).get(reverse("inquiry_work:inbox")).content.decode()
    assert theirs.code in body and mine.code not in body


def test_personal_data_only_for_the_centre_and_the_responsible_agency() -> None:
    cast = Cast()
    inquiry = cast.routed()
    url = reverse("inquiry_work:detail", args=[inquiry.pk])
    email = inquiry.asker_email
    assert email
    for role in ("admin", "operator", "editor", "spokesperson"):
        assert email in client_for(cast.users[role]).get(url).content.decode(), role
    escalated = client_for(cast.users["parent_spokesperson"]).get(url).content.decode()
    assert inquiry.subject in escalated and email not in escalated
    assert "chỉ cơ quan xử lý và Trung tâm" in escalated
