"""The inquiries API: asking and following one's own, and handling them in the centre and the
agencies, each endpoint through access and domain; errors in the API's one shape."""

from typing import Any

import pytest
from django.test import Client
from django.utils import timezone

from presscenter.accounts.models import Role
from presscenter.inquiries import domain
from presscenter.inquiries.models import AnswerState, Category, Inquiry, State
from presscenter.inquiries.models import Kind as InquiryKind
from presscenter.orgs.models import Kind as OrganisationKind
from presscenter.releases.models import Priority
from presscenter.releases.models import State as ItemState
from tests import factories
from tests.api.conftest import ApiClient, assert_error, token_for

pytestmark = pytest.mark.django_db


class Cast:
    """Agency A answers; agency B is another; the centre routes; a journalist and a citizen ask."""

    def __init__(self) -> None:
        self.a = factories.Newsroom(name="Sở Giao thông vận tải")
        self.b = factories.Newsroom(name="Sở Y tế")
        self.operator = self.a.operator
        self.journalist = factories.user(Role.JOURNALIST, accredited=True)
        self.other_journalist = factories.user(Role.JOURNALIST, accredited=True)
        self.citizen = factories.user(Role.PUBLIC)
        self.category = Category.objects.create(code="giao-thong", name="Giao thông")

    def api(self, who: str) -> ApiClient:
        user = {
            "operator": self.operator,
            "editor_a": self.a.editor,
            "spokesperson_a": self.a.spokesperson,
            "editor_b": self.b.editor,
            "journalist": self.journalist,
            "other_journalist": self.other_journalist,
            "citizen": self.citizen,
        }[who]
        if who == "anonymous":
            return ApiClient()
        return ApiClient(token_for(user, user.organisation))

    def question(self, **fields: Any) -> Inquiry:
        fields.setdefault("subject", "Tiến độ cầu Trần Hưng Đạo?")
        fields.setdefault("text", "Xin cho biết tiến độ thi công cầu Trần Hưng Đạo.")
        return factories.inquiry(self.journalist, **fields)

    def routed(self, **fields: Any) -> Inquiry:
        return domain.route(self.operator, self.question(**fields), self.a.org)


@pytest.fixture
def cast() -> Cast:
    return Cast()


def users_api(cast: Cast, who: str) -> ApiClient:
    return ApiClient() if who == "anonymous" else cast.api(who)


# Asking ----------------------------------------------------------------------------------------


def test_a_journalist_asks_and_follows_their_question(cast):
    api = cast.api("journalist")
    response = api.post(
        "/api/inquiries",
        {"kind": "question", "subject": "Tiến độ cầu?", "text": "Khi nào thông xe?", "category": "giao-thong"},
    )
    assert response.status_code == 201, response.content
    created = response.json()
    inquiry = Inquiry.objects.get(code=created["code"])
    assert inquiry.asker == cast.journalist and inquiry.asker_accredited and inquiry.channel == "api"
    assert created["state"] == "new" and created["category"] == {"code": "giao-thong", "name": "Giao thông"}
    assert "access_key" not in created  # an account's question is followed by signing in
    assert [e["kind"] for e in created["timeline"]] == ["received"]

    mine = api.get("/api/inquiries/mine").json()
    assert [r["code"] for r in mine["results"]] == [inquiry.code]
    assert api.get(f"/api/inquiries/{inquiry.code}").json()["subject"] == "Tiến độ cầu?"
    # Lower case is the same code.
    assert api.get(f"/api/inquiries/{inquiry.code.lower()}").status_code == 200
    assert cast.api("other_journalist").get("/api/inquiries/mine").json()["results"] == []
    assert_error(cast.api("other_journalist").get(f"/api/inquiries/{inquiry.code}"), 404, "not_found")


def test_status_by_code_and_key_for_askers_without_an_account(cast):
    inquiry = factories.inquiry(None)
    anonymous = ApiClient()
    status = anonymous.get(f"/api/inquiries/{inquiry.code}", key=inquiry.access_key)
    assert status.status_code == 200 and status.json()["code"] == inquiry.code
    body = status.content.decode()
    assert "an.nguyen@example.vn" not in body and "Nguyễn Văn An" not in body
    assert_error(anonymous.get(f"/api/inquiries/{inquiry.code}"), 404, "not_found")
    assert_error(anonymous.get(f"/api/inquiries/{inquiry.code}", key="sai-khoa"), 404, "not_found")
    other = factories.inquiry(None)
    assert_error(anonymous.get(f"/api/inquiries/{other.code}", key=inquiry.access_key), 404, "not_found")
    # A key never stands in for an account's question.
    owned = cast.question()
    assert_error(anonymous.get(f"/api/inquiries/{owned.code}", key=owned.access_key), 404, "not_found")


def test_an_asker_without_an_account_follows_up_with_the_key(cast):
    inquiry = domain.route(cast.operator, factories.inquiry(None), cast.a.org)
    domain.request_info(cast.a.editor, inquiry, "Cột đèn nào?")
    anonymous, key = ApiClient(), inquiry.access_key
    path = f"/api/inquiries/{inquiry.code}"
    assert_error(anonymous.post(f"{path}/info", {"text": "Cột số 3."}), 404, "not_found")
    assert_error(anonymous.post(f"{path}/info", {"text": "Cột số 3.", "key": "sai"}), 404, "not_found")
    assert_error(anonymous.post(f"{path}/info", {"text": "Cột số 3.", "key": "sai khóa!"}), 422, "validation_error")
    assert anonymous.post(f"{path}/info", {"text": "Cột số 3.", "key": key}).json()["state"] == "in_progress"
    answer = domain.save_answer(cast.a.editor, inquiry, "<p>Đã thay bóng.</p>")
    domain.submit_answer(cast.a.editor, answer)
    domain.approve_answer(cast.a.spokesperson, answer)
    rated = anonymous.post(f"{path}/rating", {"rating": 5, "key": key}).json()
    assert rated["rating"] == 5 and rated["answer"]["body"] == "<p>Đã thay bóng.</p>"
    assert anonymous.post(f"{path}/close", {"key": key}).json()["state"] == "closed"
    assert_error(anonymous.post(f"{path}/reopen", {"reason": "Lại hỏng", "key": key}), 409, "conflict")
    body = anonymous.get(path, key=key).content.decode()
    assert "an.nguyen@example.vn" not in body and "Nguyễn Văn An" not in body


def test_only_journalists_ask_press_questions(cast):
    refused = cast.api("citizen").post("/api/inquiries", {"kind": "question", "subject": "Hỏi", "text": "Nội dung"})
    assert_error(refused, 403, "permission_denied")
    feedback = cast.api("citizen").post("/api/inquiries", {"kind": "feedback", "subject": "Ổ gà", "text": "Ổ gà lớn"})
    assert feedback.status_code == 201
    assert Inquiry.objects.get().kind == "feedback"


def test_asking_needs_an_account(cast):
    assert_error(
        ApiClient().post("/api/inquiries", {"kind": "feedback", "subject": "a", "text": "b"}), 401, "not_authenticated"
    )
    assert not Inquiry.objects.exists()


def test_a_browser_session_asks_with_the_csrf_token_only(cast):
    browser = Client(enforce_csrf_checks=True)
    browser.force_login(cast.citizen)
    payload = {"kind": "feedback", "subject": "Ổ gà", "text": "Ổ gà trước số 5"}
    refused = browser.post("/api/inquiries", payload, content_type="application/json")
    assert_error(refused, 403, "permission_denied")
    assert not Inquiry.objects.exists()
    # What a page's script does: send the CSRF cookie's value back in the header.
    secret = "k" * 32
    browser.cookies["csrftoken"] = secret
    wrong = browser.post("/api/inquiries", payload, content_type="application/json", headers={"X-CSRFToken": "x" * 32})
    assert wrong.status_code == 403 and not Inquiry.objects.exists()
    accepted = browser.post("/api/inquiries", payload, content_type="application/json", headers={"X-CSRFToken": secret})
    assert accepted.status_code == 201, accepted.content
    assert Inquiry.objects.get().asker == cast.citizen
    assert browser.get("/api/inquiries/mine").json()["total"] == 1


@pytest.mark.parametrize(
    ("payload", "status", "field"),
    [
        ({}, 422, None),
        ({"kind": "feedback", "subject": "", "text": "x"}, 422, None),
        ({"kind": "ghost", "subject": "a", "text": "x"}, 422, None),
        ({"kind": "feedback", "subject": "a", "text": "có \x00 NUL"}, 422, None),
        ({"kind": "feedback", "subject": "a", "text": "x", "category": "khong-co"}, 422, "category"),
        ({"kind": "feedback", "subject": "a", "text": "x", "area": "khong-co"}, 422, "area"),
        ({"kind": "feedback", "subject": "a", "text": "x", "latitude": 123}, 422, None),
        ({"kind": "feedback", "subject": "a" * 301, "text": "x"}, 422, None),
    ],
)
def test_malformed_asks_are_422_and_change_nothing(cast, payload, status, field):
    error = assert_error(cast.api("citizen").post("/api/inquiries", payload), status, "validation_error")
    if field:
        assert [d["field"] for d in error["details"]] == [field]
    assert not Inquiry.objects.exists()


def test_unreadable_bodies(cast):
    api = cast.api("citizen")
    assert_error(api.post("/api/inquiries", raw="{không phải json"), 400, "bad_request")
    assert_error(api.post("/api/inquiries", raw="[1, 2]"), 422, "validation_error")
    form = api.client.post("/api/inquiries", {"kind": "feedback"}, headers=api.headers)
    assert_error(form, 415, "unsupported_media_type")
    assert_error(api.get("/api/inquiries/khong-phai-ma"), 422, "validation_error")
    assert not Inquiry.objects.exists()


# Handling: who may do what ---------------------------------------------------------------------

# (who, how the inquiry stands, method, path after /api/agency/inquiries/<code>, payload, status)
MATRIX = [
    ("operator", "new", "get", "", None, 200),
    ("editor_a", "new", "get", "", None, 404),
    ("editor_a", "routed", "get", "", None, 200),
    ("spokesperson_a", "routed", "get", "", None, 200),
    ("editor_b", "routed", "get", "", None, 404),
    ("journalist", "routed", "get", "", None, 403),
    ("citizen", "routed", "get", "", None, 403),
    ("anonymous", "routed", "get", "", None, 401),
    ("operator", "new", "post", "/triage", {"category": "giao-thong", "priority": "urgent"}, 200),
    ("editor_a", "routed", "post", "/triage", {"priority": "urgent"}, 403),
    ("operator", "routed", "post", "/triage", {"priority": "urgent"}, 409),
    ("operator", "new", "post", "/route", {"organisation": "A"}, 200),
    ("editor_a", "routed", "post", "/route", {"organisation": "A"}, 403),
    ("operator", "new", "post", "/route", {"organisation": "khong-co"}, 422),
    ("editor_a", "routed", "post", "/transfer", {"organisation": "B", "reason": "Thuộc ngành y tế."}, 200),
    ("editor_a", "routed", "post", "/transfer", {"organisation": "B", "reason": ""}, 422),
    ("editor_b", "routed", "post", "/transfer", {"organisation": "B", "reason": "Chiếm"}, 404),
    ("spokesperson_a", "routed", "post", "/assign", {"assignee": "editor_a"}, 200),
    ("editor_a", "routed", "post", "/assign", {"assignee": "editor_a"}, 403),
    ("spokesperson_a", "routed", "post", "/assign", {"assignee": "editor_b"}, 422),
    ("editor_a", "routed", "post", "/request-info", {"message": "Xin cho biết đoạn nào."}, 200),
    ("journalist", "routed", "post", "/request-info", {"message": "Tự hỏi"}, 403),
    ("editor_a", "routed", "post", "/notes", {"text": "Đã gọi cho ban quản lý dự án."}, 201),
    ("editor_b", "routed", "post", "/notes", {"text": "Ghi trộm"}, 404),
    ("editor_a", "routed", "put", "/answer", {"body": "<p>Dự kiến thông xe quý II.</p>"}, 200),
    ("editor_a", "new", "put", "/answer", {"body": "<p>Sớm</p>"}, 404),
    ("operator", "new", "put", "/answer", {"body": "<p>Sớm</p>"}, 403),
    ("editor_a", "routed", "post", "/answer/submit", None, 409),
    ("operator", "new", "post", "/reject", {"reason": "Quảng cáo."}, 200),
    ("editor_a", "routed", "post", "/reject", {"reason": "Không phải việc của sở."}, 403),
    ("operator", "new", "post", "/merge", {"into": "OTHER"}, 200),
    ("operator", "new", "post", "/merge", {"into": "HD-AAAA-BBBB"}, 422),
    ("editor_a", "routed", "post", "/merge", {"into": "OTHER"}, 403),
]


@pytest.mark.parametrize(("who", "stands", "method", "action", "payload", "status"), MATRIX)
def test_permission_matrix(cast, who, stands, method, action, payload, status):
    inquiry = cast.routed() if stands == "routed" else cast.question()
    slugs = {"A": cast.a.org.slug, "B": cast.b.org.slug}
    members = {"editor_a": cast.a.editor.pk, "editor_b": cast.b.editor.pk}
    if payload is not None:
        payload = dict(payload)
        if "organisation" in payload:
            payload["organisation"] = slugs.get(payload["organisation"], payload["organisation"])
        if "assignee" in payload:
            payload["assignee"] = members[payload["assignee"]]
        if payload.get("into") == "OTHER":
            payload["into"] = cast.question(subject="Câu hỏi khác").code
    api = users_api(cast, who)
    before = Inquiry.objects.filter(pk=inquiry.pk).values().get()
    path = f"/api/agency/inquiries/{inquiry.code}{action}"
    response = api.get(path) if method == "get" else api.send(method, path, payload)
    assert response.status_code == status, response.content
    after = Inquiry.objects.filter(pk=inquiry.pk).values().get()
    if status >= 400:
        assert set(response.json()) == {"error"}
        assert after == before  # a refusal changes nothing
    elif method != "get" and action != "/notes":
        assert after != before


def test_lists_show_each_their_own_with_filters(cast):
    mine = cast.routed()
    cast.question(subject="Chưa giao")
    urgent = cast.routed(priority="urgent")
    Inquiry.objects.filter(pk=urgent.pk).update(due_at=timezone.now() - timezone.timedelta(hours=1))
    staff = cast.api("operator").get("/api/agency/inquiries").json()
    assert staff["total"] == 3
    agency = cast.api("editor_a").get("/api/agency/inquiries").json()
    assert {r["code"] for r in agency["results"]} == {mine.code, urgent.code}
    assert cast.api("editor_b").get("/api/agency/inquiries").json()["total"] == 0
    assert_error(cast.api("journalist").get("/api/agency/inquiries"), 403, "permission_denied")
    overdue = cast.api("operator").get("/api/agency/inquiries", overdue="true").json()["results"]
    assert [r["code"] for r in overdue] == [urgent.code] and overdue[0]["overdue"] is True
    new = cast.api("operator").get("/api/agency/inquiries", state="new").json()["results"]
    assert [r["subject"] for r in new] == ["Chưa giao"]
    by_org = cast.api("operator").get("/api/agency/inquiries", organisation=cast.a.org.slug).json()
    assert by_org["total"] == 2
    assert_error(cast.api("operator").get("/api/agency/inquiries", state="bogus"), 422, "validation_error")


def test_personal_data_only_for_the_centre_and_the_responsible_agency(cast):
    parent = cast.a.org
    child = factories.Newsroom(name="Phòng Quản lý giao thông", parent=parent)
    inquiry = domain.route(cast.operator, cast.question(), child.org)
    Inquiry.objects.filter(pk=inquiry.pk).update(escalated_at=timezone.now())  # the child is late: the parent sees it
    for who, sees in (("operator", True), ("editor_a", False)):
        detail = cast.api(who).get(f"/api/agency/inquiries/{inquiry.code}").json()
        assert (detail["asker"] is not None) is sees, who
    responsible = ApiClient(token_for(child.editor, child.org)).get(f"/api/agency/inquiries/{inquiry.code}").json()
    assert responsible["asker"]["name"] == cast.journalist.full_name
    assert responsible["asker"]["email"] == cast.journalist.email
    # The asker's own status view never lists officials' names or internal notes.
    domain.add_note(child.editor, inquiry, "Ghi chú nội bộ: gọi anh Bình 0912345678.")
    status = cast.api("journalist").get(f"/api/inquiries/{inquiry.code}").content.decode()
    assert "Ghi chú nội bộ" not in status and child.editor.full_name not in status


# The answer, through the API, by two people ---------------------------------------------------


def test_the_answer_flow_and_the_two_person_rule(cast):
    inquiry = cast.routed(publish_allowed=True)
    base = f"/api/agency/inquiries/{inquiry.code}"
    editor, spokesperson = cast.api("editor_a"), cast.api("spokesperson_a")

    draft = editor.send("put", f"{base}/answer", {"body": "<p>Quý II thông xe.</p><script>x()</script>"}).json()
    assert draft["state"] == "draft" and draft["body"] == "<p>Quý II thông xe.</p>"
    assert editor.post(f"{base}/answer/submit").json()["state"] == "in_review"
    # The spokesperson returns it, the editor corrects and resubmits.
    returned = spokesperson.post(f"{base}/answer/return", {"comment": "Ghi rõ tháng."}).json()
    assert returned["state"] == "changes_requested" and returned["review_comment"] == "Ghi rõ tháng."
    assert_error(editor.post(f"{base}/answer/approve"), 403, "permission_denied")  # an editor never approves
    # The spokesperson corrects it herself: now she wrote it, so she may not approve it.
    spokesperson.send("put", f"{base}/answer", {"body": "<p>Tháng 5 thông xe.</p>"})
    spokesperson.post(f"{base}/answer/submit")
    refused = assert_error(spokesperson.post(f"{base}/answer/approve"), 403, "permission_denied")
    assert "hai người" in refused["message"]
    assert Inquiry.objects.get(pk=inquiry.pk).state == State.IN_PROGRESS

    operator = cast.api("operator")
    approved = operator.post(f"{base}/answer/approve").json()
    assert approved["state"] == AnswerState.SENT and approved["approved_by"] == cast.operator.full_name
    assert_error(operator.post(f"{base}/answer/approve"), 409, "conflict")

    asker = cast.api("journalist")
    status = asker.get(f"/api/inquiries/{inquiry.code}").json()
    assert status["state"] == "answered" and status["answer"]["body"] == "<p>Tháng 5 thông xe.</p>"
    assert status["answer_url"]  # published as a "Trả lời báo chí" item: the asker allowed it
    rated = asker.post(f"/api/inquiries/{inquiry.code}/rating", {"rating": 4, "comment": "Rõ ràng."}).json()
    assert rated["rating"] == 4
    assert_error(asker.post(f"/api/inquiries/{inquiry.code}/rating", {"rating": 9}), 422, "validation_error")
    assert_error(
        cast.api("other_journalist").post(f"/api/inquiries/{inquiry.code}/rating", {"rating": 1}), 404, "not_found"
    )
    reopened = asker.post(f"/api/inquiries/{inquiry.code}/reopen", {"reason": "Chưa nói đoạn nào."}).json()
    assert reopened["state"] == "reopened"
    assert_error(asker.post(f"/api/inquiries/{inquiry.code}/reopen", {"reason": "Lần nữa"}), 409, "conflict")


def test_the_asker_adds_what_the_agency_asked_for(cast):
    inquiry = cast.routed()
    cast.api("editor_a").post(f"/api/agency/inquiries/{inquiry.code}/request-info", {"message": "Đoạn nào?"})
    asker = cast.api("journalist")
    status = asker.get(f"/api/inquiries/{inquiry.code}").json()
    assert status["state"] == "waiting" and status["timeline"][-1]["text"] == "Đoạn nào?"
    assert_error(
        cast.api("editor_a").post(f"/api/inquiries/{inquiry.code}/info", {"text": "Tự trả lời"}),
        403,
        "permission_denied",
    )
    added = asker.post(f"/api/inquiries/{inquiry.code}/info", {"text": "Đoạn qua Long Biên."}).json()
    assert added["state"] == "in_progress"
    assert_error(asker.post(f"/api/inquiries/{inquiry.code}/info", {"text": "Thêm nữa"}), 409, "conflict")


def test_an_agency_token_acts_only_for_its_agency(cast):
    inquiry = cast.routed()
    staff_scoped_to_b = ApiClient(token_for(factories.user(Role.CENTER_ADMIN), cast.b.org))
    assert_error(staff_scoped_to_b.get(f"/api/agency/inquiries/{inquiry.code}"), 404, "not_found")
    assert staff_scoped_to_b.get("/api/agency/inquiries").json()["total"] == 0


def openapi_schemas() -> dict:
    return ApiClient().get("/api/openapi.json").json()["components"]["schemas"]


def test_the_openapi_document_keeps_every_apps_own_choices(db):
    schemas = openapi_schemas()
    assert schemas["State"]["enum"] == list(ItemState.values)
    assert schemas["Priority"]["enum"] == list(Priority.values)
    assert schemas["InquiryKind"]["enum"] == list(InquiryKind.values)
    assert schemas["InquiryState"]["enum"] == list(State.values)


def test_the_organisations_kind_is_the_organisations(db):
    """Enums of other apps are named apart (a second `Kind` would replace this one in the document)."""
    assert openapi_schemas()["Kind"]["enum"] == list(OrganisationKind.values)
