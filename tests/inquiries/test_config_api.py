"""The configuration API: the centre's operator tokens only; malformed or refused payloads get a 4xx
in the one error shape with a Vietnamese message, never a 500, and change nothing."""

import pytest

from presscenter.accounts.models import Role
from presscenter.audit.models import AuditEntry
from presscenter.inquiries import config
from presscenter.inquiries.models import Category, DeadlinePolicy, RoutingRule, RoutingSettings
from tests import factories
from tests.api.conftest import ApiClient, assert_error, token_for

pytestmark = pytest.mark.django_db

BASE = "/api/operator/inquiry-config"


@pytest.fixture
def world():
    class World:
        org = factories.organisation(slug="so-xay-dung", name="Sở Xây dựng")
        ward = factories.organisation(kind="ward", slug="phuong-ba-dinh", name="Phường Ba Đình")
        operator = factories.user(Role.CENTER_OPERATOR)
        category = factories.category(code="giao-thong", name="Giao thông")
        rule = RoutingRule.objects.create(category=category, organisation=org, note="Đường sá")
        spare = factories.category(code="du-phong", name="Dự phòng")

    return World


@pytest.fixture
def api(world):
    return ApiClient(token_for(world.operator, None))


def state():
    return (
        list(Category.objects.values_list("code", "name", "active")),
        list(RoutingRule.objects.values_list("category", "area", "organisation", "note", "active")),
        list(DeadlinePolicy.objects.values_list("category", "priority", "amount")),
        list(RoutingSettings.objects.values_list("auto_threshold", "auto_by_rules")),
        AuditEntry.objects.exclude(action="token.issue").count(),
    )


def calls(world):
    """(method, path, payload, expected status for an operator) of every operation."""
    return [
        ("get", "/categories", None, 200),
        ("post", "/categories", {"code": "moi-truong", "name": "Môi trường"}, 201),
        ("patch", "/categories/giao-thong", {"name": "Giao thông đô thị"}, 200),
        ("delete", "/categories/du-phong", None, 200),
        ("get", "/routing-rules", None, 200),
        ("post", "/routing-rules", {"area": "phuong-ba-dinh", "organisation": "so-xay-dung"}, 201),
        ("patch", f"/routing-rules/{world.rule.pk}", {"note": "Mới"}, 200),
        ("get", "/deadline-policies", None, 200),
        (
            "put",
            "/deadline-policies",
            {"priority": "urgent", "amount": 8, "unit": "working_hours", "remind_before_hours": 2},
            200,
        ),
        ("get", "/routing-settings", None, 200),
        ("put", "/routing-settings", {"auto_threshold": 0.9, "auto_by_rules": True}, 200),
    ]


def send(client, method, path, payload):
    if method == "get":
        return client.get(BASE + path)
    if method == "delete":
        return client.client.delete(BASE + path, headers=client.headers)
    return client.send(method, BASE + path, payload)


@pytest.mark.parametrize("role", [Role.CENTER_OPERATOR, Role.CENTER_ADMIN])
def test_the_centres_tokens_may_do_everything(world, role):
    client = ApiClient(token_for(factories.user(role), None))
    for method, path, payload, status in calls(world):
        response = send(client, method, path, payload)
        assert response.status_code == status, (method, path, response.content)
    assert AuditEntry.objects.filter(action="category.create").exists()
    assert AuditEntry.objects.filter(action="routing.threshold").exists()


@pytest.mark.parametrize("role", [Role.EDITOR, Role.SPOKESPERSON])
def test_agency_tokens_are_refused(world, role):
    client = ApiClient(token_for(factories.user(role, world.org), world.org))
    before = state()
    for method, path, payload, _status in calls(world):
        error = assert_error(send(client, method, path, payload), 403, "permission_denied")
        assert "điều hành viên Trung tâm" in error["message"]
    assert state() == before


def test_an_operator_token_scoped_to_an_agency_is_refused(world):
    client = ApiClient(token_for(world.operator, world.org))
    for method, path, payload, _status in calls(world):
        assert_error(send(client, method, path, payload), 403, "permission_denied")


def test_journalists_and_the_public_are_refused(world):
    for role in (Role.JOURNALIST, Role.PUBLIC):
        client = ApiClient(token_for(factories.user(role), None))
        for method, path, payload, _status in calls(world):
            assert_error(send(client, method, path, payload), 403, "permission_denied")


def test_without_a_token_it_is_401_and_a_bad_token_too(world):
    before = state()
    for client in (ApiClient(), ApiClient("pc_made-up")):
        for method, path, payload, _status in calls(world):
            assert_error(send(client, method, path, payload), 401, "not_authenticated")
    assert state() == before


def test_a_browser_session_of_staff_is_not_enough(client, world):
    client.force_login(world.operator)
    response = client.get(BASE + "/categories")
    assert response.status_code == 401


def test_lists_show_what_is_configured(api, world):
    body = api.get(BASE + "/categories").json()
    assert body == [
        {**config.category_snapshot(category), "in_use": False} for category in (world.spare, world.category)
    ]
    rules = api.get(BASE + "/routing-rules").json()
    assert rules["results"] == [
        {
            "id": world.rule.pk, "category": "giao-thong", "area": None, "topic": None,
            "organisation": "so-xay-dung", "note": "Đường sá", "active": True,
        }
    ]  # fmt: skip
    assert api.get(BASE + "/routing-rules", active="false").json()["total"] == 0
    assert api.get(BASE + "/routing-settings").json() == {"auto_threshold": None, "auto_by_rules": False}


def test_writes_go_through_the_domain_and_are_audited(api, world):
    created = api.post(
        BASE + "/routing-rules", {"category": "giao-thong", "area": "phuong-ba-dinh", "organisation": "so-xay-dung"}
    )
    assert created.status_code == 201
    rule = RoutingRule.objects.get(pk=created.json()["id"])
    assert rule.area == world.ward
    assert AuditEntry.objects.filter(action="routing_rule.create", object_id=str(rule.pk)).exists()
    response = api.patch(f"{BASE}/routing-rules/{rule.pk}", {"active": False})
    assert response.json()["active"] is False
    assert AuditEntry.objects.filter(action="routing_rule.deactivate").exists()
    response = api.patch(f"{BASE}/routing-rules/{rule.pk}", {"area": None, "active": True})
    assert response.status_code == 409  # it would become the catch-all twin of world.rule
    assert "Đã có quy tắc đang áp dụng" in response.json()["error"]["message"]
    policy = api.send("put", BASE + "/deadline-policies", {"category": "giao-thong", "priority": "normal", "amount": 3})
    assert policy.json() == {
        "category": "giao-thong", "priority": "normal", "amount": 3, "unit": "working_days", "remind_before_hours": 8,
    }  # fmt: skip
    assert api.get(BASE + "/deadline-policies").json() == [policy.json()]


def test_a_code_in_use_stays(api, world):
    factories.inquiry(category=world.category)
    error = assert_error(api.patch(BASE + "/categories/giao-thong", {"code": "khac"}), 422, "validation_error")
    assert "không đổi được mã" in error["message"]
    assert error["details"][0]["field"] == "code"
    listed = {category["code"]: category["in_use"] for category in api.get(BASE + "/categories").json()}
    assert listed == {"giao-thong": True, "du-phong": False}


@pytest.mark.parametrize(
    ("method", "path", "payload", "status", "code", "words"),
    [
        ("post", "/categories", {"code": "giao-thong", "name": "Trùng"}, 422, "validation_error", "đã được dùng"),
        ("post", "/categories", {"code": "Giao_Thong", "name": "Sai"}, 422, "validation_error", "chữ thường"),
        ("post", "/categories", {"code": "moi", "name": "   "}, 422, "validation_error", "tên lĩnh vực"),
        ("post", "/categories", {"code": "moi"}, 422, "validation_error", "không hợp lệ"),
        ("post", "/categories", {"code": "moi", "name": "x", "position": -1}, 422, "validation_error", "không hợp lệ"),
        ("post", "/categories", {"code": "moi", "name": "x", "audience": "x"}, 422, "validation_error", "không hợp lệ"),
        ("post", "/categories", {"code": "moi", "name": "a\u0000b"}, 422, "validation_error", "không hợp lệ"),
        ("patch", "/categories/khong-co", {"name": "x"}, 404, "not_found", "Không tìm thấy lĩnh vực"),
        ("delete", "/categories/khong-co", None, 404, "not_found", "Không tìm thấy lĩnh vực"),
        ("delete", "/categories/giao-thong", None, 409, "conflict", "không xóa được"),
        (
            "post",
            "/routing-rules",
            {"category": "giao-thong", "organisation": "so-xay-dung"},
            409,
            "conflict",
            "Đã có quy tắc",
        ),
        ("post", "/routing-rules", {"organisation": "khong-co"}, 422, "validation_error", "Không có cơ quan này."),
        (
            "post",
            "/routing-rules",
            {"area": "khong-co", "organisation": "so-xay-dung"},
            422,
            "validation_error",
            "Không có địa bàn",
        ),
        (
            "post",
            "/routing-rules",
            {"category": "khong-co", "organisation": "so-xay-dung"},
            422,
            "validation_error",
            "Không có lĩnh vực",
        ),
        (
            "post",
            "/routing-rules",
            {"topic": "khong-co", "organisation": "so-xay-dung"},
            422,
            "validation_error",
            "Không có chủ đề",
        ),
        ("post", "/routing-rules", {"area": "phuong-ba-dinh"}, 422, "validation_error", "không hợp lệ"),
        ("patch", "/routing-rules/999999", {"note": "x"}, 404, "not_found", "Không tìm thấy quy tắc"),
        ("patch", "/routing-rules/99999999999999999999999", {"note": "x"}, 404, "not_found", "Không tìm thấy quy tắc"),
        ("patch", "/routing-rules/-1", {"note": "x"}, 404, "not_found", "Không tìm thấy quy tắc"),
        ("patch", "/routing-rules/abc", {"note": "x"}, 422, "validation_error", "không hợp lệ"),
        ("put", "/deadline-policies", {"priority": "normal", "amount": 0}, 422, "validation_error", "không hợp lệ"),
        (
            "put",
            "/deadline-policies",
            {"priority": "normal", "amount": 10_000},
            422,
            "validation_error",
            "không hợp lệ",
        ),
        (
            "put",
            "/deadline-policies",
            {"priority": "normal", "amount": 61},
            422,
            "validation_error",
            "Thời hạn phải từ 1 đến 60",
        ),
        ("put", "/deadline-policies", {"priority": "flash", "amount": 1}, 422, "validation_error", "không hợp lệ"),
        ("put", "/deadline-policies", {"priority": "normal", "amount": "năm"}, 422, "validation_error", "không hợp lệ"),
        (
            "put",
            "/deadline-policies",
            {"priority": "normal", "amount": 1, "remind_before_hours": 9},
            422,
            "validation_error",
            "ngắn hơn thời hạn",
        ),
        (
            "put",
            "/deadline-policies",
            {"category": "khong-co", "priority": "normal", "amount": 1},
            422,
            "validation_error",
            "Không có lĩnh vực",
        ),
        ("put", "/routing-settings", {"auto_threshold": 0.3}, 422, "validation_error", "không hợp lệ"),
        ("put", "/routing-settings", {"auto_threshold": 1.5}, 422, "validation_error", "không hợp lệ"),
        ("put", "/routing-settings", {"auto_threshold": "cao"}, 422, "validation_error", "không hợp lệ"),
    ],
)
def test_refused_payloads_get_a_vietnamese_4xx_and_change_nothing(
    api, world, method, path, payload, status, code, words
):
    before = state()
    error = assert_error(send(api, method, path, payload), status, code)
    assert words in error["message"] or any(words in d["message"] for d in error["details"])
    assert state() == before


def test_a_rule_to_an_inactive_organisation_is_refused(api, world):
    world.org.active = False
    world.org.save()
    error = assert_error(api.post(BASE + "/routing-rules", {"organisation": "so-xay-dung"}), 422, "validation_error")
    assert "ngừng hoạt động" in error["message"] and error["details"][0]["field"] == "organisation"


@pytest.mark.parametrize(
    ("raw", "status", "code"),
    [
        ("{not json", 400, "bad_request"),
        ("[1, 2]", 422, "validation_error"),
        ('"text"', 422, "validation_error"),
        ("", 422, "validation_error"),
        ("\udcff", 400, "bad_request"),
    ],
)
def test_malformed_bodies_are_4xx_never_500(api, world, raw, status, code):
    before = state()
    for path in ("/categories", "/routing-rules"):
        assert_error(api.post(BASE + path, raw=raw.encode("utf-8", "surrogateescape")), status, code)
    for path in ("/deadline-policies", "/routing-settings"):
        assert_error(api.send("put", BASE + path, raw=raw.encode("utf-8", "surrogateescape")), status, code)
    assert_error(api.patch(BASE + "/categories/giao-thong", raw=raw.encode("utf-8", "surrogateescape")), status, code)
    assert state() == before


def test_a_form_body_is_415(api, world):
    response = api.client.post(BASE + "/categories", {"code": "x", "name": "y"}, headers=api.headers)
    assert_error(response, 415, "unsupported_media_type")


def test_messages_follow_the_requested_language(api, world):
    response = api.client.post(
        BASE + "/categories?lang=en", '{"code": "giao-thong", "name": "x"}', content_type="application/json",
        headers=api.headers,
    )  # fmt: skip
    assert response.status_code == 422
    assert response.json()["error"]["message"] == 'The code "giao-thong" is already used by another category.'


def test_the_operations_are_documented(api):
    paths = ApiClient().get("/api/openapi.json").json()["paths"]
    for path in ("/categories", "/categories/{code}", "/routing-rules", "/routing-rules/{rule_id}",
                 "/deadline-policies", "/routing-settings"):  # fmt: skip
        assert "/api/operator/inquiry-config" + path in paths
    create = paths["/api/operator/inquiry-config/routing-rules"]["post"]
    assert {"401", "403", "404", "409", "413", "415", "422"} <= set(create["responses"])
    assert create["security"] == [{"TokenAuth": []}]
