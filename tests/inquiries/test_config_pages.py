"""The configuration screens: for the centre's staff only, in Vietnamese, refusing bad input with
the reason and changing nothing."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from presscenter.accounts.models import Role
from presscenter.audit.models import AuditEntry
from presscenter.inquiries import config
from presscenter.inquiries.models import Category, DeadlinePolicy, RoutingRule, RoutingSettings
from tests import factories

pytestmark = pytest.mark.django_db

STAFF = (Role.CENTER_OPERATOR, Role.CENTER_ADMIN)
OTHERS = (Role.PUBLIC, Role.JOURNALIST, Role.EDITOR, Role.SPOKESPERSON)


@pytest.fixture
def world():
    class World:
        org = factories.organisation(slug="so-xay-dung", name="Sở Xây dựng")
        ward = factories.organisation(kind="ward", slug="phuong-ba-dinh", name="Phường Ba Đình")
        staff = factories.user(Role.CENTER_OPERATOR)
        category = factories.category(code="giao-thong", name="Giao thông")
        rule = RoutingRule.objects.create(category=category, organisation=org, note="Đường sá")
        policy = DeadlinePolicy.objects.create(category=category, priority="normal", amount=5)
        spare = factories.category(code="du-phong", name="Dự phòng")

    return World


def account(role, world):
    organisation = world.org if role in (Role.EDITOR, Role.SPOKESPERSON) else None
    return factories.user(role, organisation)


def pages(world):
    return [
        reverse("inquiries_config:categories"),
        reverse("inquiries_config:category_create"),
        reverse("inquiries_config:category_edit", args=[world.category.pk]),
        reverse("inquiries_config:rules"),
        reverse("inquiries_config:rule_create"),
        reverse("inquiries_config:rule_edit", args=[world.rule.pk]),
        reverse("inquiries_config:rule_test") + f"?category={world.category.pk}&area={world.ward.pk}",
        reverse("inquiries_config:rule_export"),
        reverse("inquiries_config:rule_import"),
        reverse("inquiries_config:policies"),
        reverse("inquiries_config:policy_edit") + f"?category={world.category.pk}&priority=urgent",
        reverse("inquiries_config:threshold"),
    ]


def writes(world):
    """(url, form data) of every write a page offers."""
    return [
        (
            reverse("inquiries_config:category_create"),
            {"code": "moi", "name": "Mới", "audience": "both", "position": 0},
        ),
        (
            reverse("inquiries_config:category_edit", args=[world.category.pk]),
            {"code": "giao-thong", "name": "Khác", "audience": "both", "position": 0, "active": "on"},
        ),
        (reverse("inquiries_config:category_active", args=[world.category.pk]), {"active": "0"}),
        (reverse("inquiries_config:category_delete", args=[world.spare.pk]), {}),
        (reverse("inquiries_config:rule_create"), {"area": world.ward.pk, "organisation": world.org.pk}),
        (reverse("inquiries_config:rule_edit", args=[world.rule.pk]), {"organisation": world.org.pk, "note": "x"}),
        (reverse("inquiries_config:rule_active", args=[world.rule.pk]), {"active": "0"}),
        (
            reverse("inquiries_config:rule_import_apply"),
            {"content": "category_code,area_slug,topic_slug,organisation_slug,note\n,,,so-xay-dung,\n"},
        ),
        (
            reverse("inquiries_config:policy_edit") + "?priority=urgent",
            {"amount": 2, "unit": "working_days", "remind_before_hours": 4},
        ),
        (reverse("inquiries_config:policy_clear", args=[world.policy.pk]), {}),
        (reverse("inquiries_config:threshold"), {"mode": "auto", "percent": 90, "auto_by_rules": "on"}),
    ]


def state():
    return (
        list(Category.objects.values_list("code", "name", "active")),
        list(RoutingRule.objects.values_list("category", "area", "organisation", "note", "active")),
        list(DeadlinePolicy.objects.values_list("category", "priority", "amount")),
        list(RoutingSettings.objects.values_list("auto_threshold", "auto_by_rules")),
        AuditEntry.objects.count(),
    )


@pytest.mark.parametrize("role", STAFF)
def test_staff_open_every_page_and_every_write_works(client, world, role):
    client.force_login(account(role, world))
    for url in pages(world):
        response = client.get(url)
        assert response.status_code == 200, url
    for url, data in writes(world):
        before = AuditEntry.objects.count()
        response = client.post(url, data)
        assert response.status_code == 302, (url, response.content.decode()[:3000])
        assert AuditEntry.objects.count() == before + 1, url


@pytest.mark.parametrize("role", OTHERS)
def test_nobody_else_opens_a_page_or_writes(client, world, role):
    client.force_login(account(role, world))
    for url in pages(world):
        assert client.get(url).status_code == 403, url
    before = state()
    for url, data in writes(world):
        assert client.post(url, data).status_code == 403, url
    assert state() == before


def test_anonymous_visitors_go_to_the_login_page(client, world):
    before = state()
    for url in pages(world):
        response = client.get(url)
        assert response.status_code == 302 and "/tai-khoan/" in response["Location"], url
    for url, data in writes(world):
        assert client.post(url, data).status_code == 302, url
    assert state() == before


def test_an_inactive_staff_account_is_refused(client, world):
    client.force_login(world.staff)
    world.staff.is_active = False
    world.staff.save()
    assert client.get(reverse("inquiries_config:categories")).status_code in (302, 403)


def test_the_workspace_menu_links_to_the_configuration_for_staff_only(client, world):
    client.force_login(world.staff)
    body = client.get(reverse("workspace:home")).content.decode()
    assert "Cấu hình hỏi đáp" in body and reverse("inquiries_config:categories") in body
    client.force_login(account(Role.EDITOR, world))
    assert "Cấu hình hỏi đáp" not in client.get(reverse("workspace:home")).content.decode()


@pytest.fixture
def staff_client(client, world):
    client.force_login(world.staff)
    return client


def test_a_duplicate_rule_is_refused_on_the_form_not_a_500(staff_client, world):
    before = state()
    response = staff_client.post(
        reverse("inquiries_config:rule_create"), {"category": world.category.pk, "organisation": world.org.pk}
    )
    assert response.status_code == 200
    body = response.content.decode()
    assert "Đã có quy tắc đang áp dụng cho cùng lĩnh vực, địa bàn và chủ đề" in body
    assert state() == before


def test_a_rule_to_an_inactive_organisation_is_refused_on_the_form(staff_client, world):
    world.org.active = False
    world.org.save()
    response = staff_client.post(reverse("inquiries_config:rule_edit", args=[world.rule.pk]), {"note": "x"})
    assert "Hãy chọn cơ quan chịu trách nhiệm." in response.content.decode()
    stopped = RoutingRule.objects.get(pk=world.rule.pk)
    assert stopped.note == "Đường sá"


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"code": "", "name": "Mới", "audience": "both", "position": 0}, "Trường này là bắt buộc."),
        ({"code": "Giao Thong", "name": "Mới", "audience": "both", "position": 0}, "chữ thường không dấu"),
        ({"code": "giao-thong", "name": "Mới", "audience": "both", "position": 0}, "đã được dùng cho lĩnh vực khác"),
        ({"code": "moi", "name": "Mới", "audience": "both", "position": 99_999}, "Thứ tự là một số từ 0"),
        ({"code": "moi", "name": "Mới", "audience": "martians", "position": 0}, "Hãy chọn một lựa chọn hợp lệ"),
    ],
)
def test_category_form_errors_are_shown_and_nothing_changes(staff_client, world, data, message):
    before = state()
    response = staff_client.post(reverse("inquiries_config:category_create"), data)
    assert response.status_code == 200
    assert message in response.content.decode()
    assert state() == before


def test_a_used_category_shows_its_code_as_fixed(staff_client, world):
    factories.inquiry(category=world.category)
    url = reverse("inquiries_config:category_edit", args=[world.category.pk])
    body = staff_client.get(url).content.decode()
    assert "mã không đổi được" in body and "disabled" in body
    response = staff_client.post(url, {"code": "khac", "name": "Giao thông mới", "audience": "both", "position": 1})
    assert response.status_code == 302
    world.category.refresh_from_db()
    assert world.category.code == "giao-thong" and world.category.name == "Giao thông mới"


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"amount": 0, "unit": "working_days", "remind_before_hours": 8}, "Thời hạn ít nhất là 1."),
        (
            {"amount": 10_000, "unit": "working_days", "remind_before_hours": 8},
            "Thời hạn quá dài: tối đa 60 ngày làm việc hoặc 240 giờ làm việc.",
        ),
        ({"amount": 100, "unit": "working_days", "remind_before_hours": 8}, "Thời hạn phải từ 1 đến 60 ngày làm việc."),
        ({"amount": 2, "unit": "working_hours", "remind_before_hours": 8}, "phải ngắn hơn thời hạn"),
        ({"amount": "", "unit": "working_days", "remind_before_hours": 8}, "Trường này là bắt buộc."),
        ({"amount": 2, "unit": "working_days", "remind_before_hours": 500}, "tối đa 120 giờ làm việc"),
        ({"amount": 2, "unit": "weeks", "remind_before_hours": 4}, "Hãy chọn một lựa chọn hợp lệ"),
    ],
)
def test_absurd_deadlines_are_refused_on_the_form(staff_client, world, data, message):
    before = state()
    url = reverse("inquiries_config:policy_edit") + "?priority=normal"
    response = staff_client.post(url, data)
    assert response.status_code == 200
    assert message in response.content.decode()
    assert state() == before


def test_an_unknown_cell_of_the_matrix_goes_back_to_it(staff_client):
    response = staff_client.get(reverse("inquiries_config:policy_edit") + "?priority=flash")
    assert response.status_code == 302 and response["Location"] == reverse("inquiries_config:policies")


def test_the_matrix_shows_the_effective_deadline_and_where_it_comes_from(staff_client, world, settings):
    settings.INQUIRY_DEFAULT_DAYS = 6
    body = staff_client.get(reverse("inquiries_config:policies")).content.decode()
    assert "Mặc định của hệ thống" in body and "6 ngày làm việc" in body
    assert "Đặt riêng" in body and "5 ngày làm việc" in body


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"mode": "auto", "percent": ""}, "Hãy nhập độ tin cậy tối thiểu"),
        ({"mode": "auto", "percent": 40}, "Độ tin cậy tối thiểu phải từ 50 đến 99 (phần trăm)."),
        ({"mode": "auto", "percent": 100}, "Độ tin cậy tối thiểu phải từ 50 đến 99 (phần trăm)."),
        ({"mode": "auto", "percent": "chín mươi"}, "Hãy nhập một số nguyên."),
        ({"mode": "sometimes"}, "Hãy chọn một lựa chọn hợp lệ"),
    ],
)
def test_a_bad_threshold_is_refused_on_the_form(staff_client, data, message):
    response = staff_client.post(reverse("inquiries_config:threshold"), data)
    assert response.status_code == 200
    assert message in response.content.decode()
    assert not RoutingSettings.objects.exists() and not AuditEntry.objects.exists()


def test_the_threshold_page_explains_and_saves(staff_client):
    url = reverse("inquiries_config:threshold")
    body = staff_client.get(url).content.decode()
    assert "Hiện tại: luôn để điều hành viên xác nhận." in body
    staff_client.post(url, {"mode": "auto", "percent": 85})
    assert config.routing_settings().auto_threshold == 0.85
    body = staff_client.get(url).content.decode()
    assert "khi độ tin cậy từ 85%" in body
    staff_client.post(url, {"mode": "off", "percent": 85, "auto_by_rules": "on"})
    current = config.routing_settings()
    assert current.auto_threshold is None and current.auto_by_rules


def test_the_test_box_shows_which_rule_applies_and_why(staff_client, world):
    parent = factories.organisation(kind="other", name="Cụm phường trung tâm")
    world.ward.parent = parent
    world.ward.save()
    config.create_rule(world.staff, area=parent, organisation=parent)
    url = reverse("inquiries_config:rule_test")
    body = staff_client.get(url, {"category": world.category.pk, "area": world.ward.pk}).content.decode()
    assert "Câu hỏi này sẽ được giao cho <strong>Sở Xây dựng</strong>." in body
    assert "Phường Ba Đình" in body and "Cụm phường trung tâm" in body
    assert "địa bàn cấp trên Cụm phường trung tâm (cấp 1)" in body
    assert "Có quy tắc cụ thể hơn" in body
    nothing = staff_client.get(url, {"area": world.org.pk}).content.decode()
    assert "Không có quy tắc nào áp dụng" in nothing


def test_the_rule_list_filters(staff_client, world):
    other = factories.organisation(name="Sở Y tế")
    config.create_rule(world.staff, organisation=other, note="Mọi câu hỏi khác")
    url = reverse("inquiries_config:rules")
    body = staff_client.get(url, {"organisation": other.pk}).content.decode()
    assert "Mọi câu hỏi khác" in body and "Đường sá" not in body
    config.deactivate_rule(world.staff, world.rule)
    assert "Đường sá" not in staff_client.get(url).content.decode()
    assert "Đường sá" in staff_client.get(url, {"state": "inactive"}).content.decode()


def test_list_pages_take_a_fixed_number_of_queries(staff_client, world):
    for _n in range(3):
        category = factories.category()
        area = factories.organisation(kind="ward")
        RoutingRule.objects.create(category=category, area=area, topic=factories.topic(), organisation=world.org)
    for name in ("categories", "rules", "policies"):
        url = reverse(f"inquiries_config:{name}")
        staff_client.get(url)
        with CaptureQueriesContext(connection) as few:
            staff_client.get(url)
        for _n in range(5):
            category = factories.category()
            RoutingRule.objects.create(category=category, organisation=world.org)
        with CaptureQueriesContext(connection) as many:
            staff_client.get(url)
        assert len(many) == len(few), name


def test_export_is_a_csv_download(staff_client, world):
    response = staff_client.get(reverse("inquiries_config:rule_export"))
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert "attachment" in response["Content-Disposition"]
    text = response.content.decode("utf-8")
    assert text.startswith("\ufeffcategory_code,")
    assert "giao-thong,,,so-xay-dung,Đường sá" in text


def test_import_previews_then_applies_as_one_audit_entry(staff_client, world):
    data = "category_code,area_slug,topic_slug,organisation_slug,note\ngiao-thong,phuong-ba-dinh,,so-xay-dung,Mới\n"
    upload = SimpleUploadedFile("quy-tac.csv", data.encode(), content_type="text/csv")
    response = staff_client.post(reverse("inquiries_config:rule_import"), {"file": upload})
    body = response.content.decode()
    assert response.status_code == 200 and "Xem trước" in body and "Quy tắc mới" in body
    assert "1 quy tắc mới, 0 thay đổi, 0 giữ nguyên, 0 ngừng áp dụng." in body
    assert RoutingRule.objects.count() == 1  # nothing yet
    content = response.context["confirm"].initial["content"]
    response = staff_client.post(reverse("inquiries_config:rule_import_apply"), {"content": content, "replace": ""})
    assert response.status_code == 302
    assert RoutingRule.objects.filter(area=world.ward, note="Mới").exists()
    assert AuditEntry.objects.filter(action="routing_rule.import").count() == 1


def test_a_bad_file_shows_its_errors_by_line(staff_client, world):
    data = "category_code,area_slug,topic_slug,organisation_slug,note\nkhong-co,,,so-xay-dung,\n"
    upload = SimpleUploadedFile("quy-tac.csv", data.encode(), content_type="text/csv")
    body = staff_client.post(reverse("inquiries_config:rule_import"), {"file": upload}).content.decode()
    assert "Dòng 2: không có lĩnh vực mã “khong-co”." in body
    assert "Tệp có 1 lỗi; chưa thay đổi gì." in body
    upload = SimpleUploadedFile("quy-tac.csv", b"\xff\xfe\x00x", content_type="text/csv")
    body = staff_client.post(reverse("inquiries_config:rule_import"), {"file": upload}).content.decode()
    assert "tệp không phải UTF-8" in body
    big = SimpleUploadedFile("quy-tac.csv", b"x" * 1_000_001, content_type="text/csv")
    body = staff_client.post(reverse("inquiries_config:rule_import"), {"file": big}).content.decode()
    assert "Tệp lớn quá 1 MB." in body
    assert RoutingRule.objects.count() == 1 and not AuditEntry.objects.exists()


def test_a_tampered_confirmation_is_checked_again(staff_client, world):
    data = "category_code,area_slug,topic_slug,organisation_slug,note\n,,,khong-co,\n"
    response = staff_client.post(reverse("inquiries_config:rule_import_apply"), {"content": data})
    assert response.status_code == 200
    assert "Dòng 2: không có cơ quan “khong-co”." in response.content.decode()
    assert RoutingRule.objects.count() == 1


def test_delete_is_offered_only_where_it_works(staff_client, world):
    spare = reverse("inquiries_config:category_edit", args=[world.spare.pk])
    assert "Xóa lĩnh vực" in staff_client.get(spare).content.decode()
    used = reverse("inquiries_config:category_edit", args=[world.category.pk])
    assert "Xóa lĩnh vực" not in staff_client.get(used).content.decode()
    response = staff_client.post(reverse("inquiries_config:category_delete", args=[world.category.pk]), follow=True)
    assert "còn quy tắc chuyển xử lý hoặc thời hạn riêng" in response.content.decode()
    assert Category.objects.filter(pk=world.category.pk).exists()


def test_a_file_at_the_row_limit_goes_through_preview_and_confirmation(staff_client, world):
    areas = [factories.organisation(kind="ward", slug=f"phuong-{n}") for n in range(50)]
    topics = [factories.topic(slug=f"chu-de-so-{n}") for n in range(100)]
    lines = [
        f"{'giao-thong' if n % 2 else ''},{area.slug},{topic.slug},so-xay-dung,Ghi chú tiếng Việt có dấu số {n}"
        for n, (area, topic) in enumerate((a, t) for a in areas for t in topics)
    ]
    data = "category_code,area_slug,topic_slug,organisation_slug,note\n" + "\n".join(lines) + "\n"
    assert len(lines) == 5_000
    upload = SimpleUploadedFile("quy-tac.csv", data.encode(), content_type="text/csv")
    response = staff_client.post(reverse("inquiries_config:rule_import"), {"file": upload})
    body = response.content.decode()
    assert "5000 quy tắc mới" in body and "… và 4700 dòng nữa." in body
    content = response.context["confirm"].initial["content"]
    # As the page sends it: multipart, so Vietnamese text is not tripled by percent-encoding.
    response = staff_client.post(reverse("inquiries_config:rule_import_apply"), {"content": content})
    assert response.status_code == 302
    assert RoutingRule.objects.filter(active=True).count() == 5_001
    assert AuditEntry.objects.filter(action="routing_rule.import").count() == 1


def test_the_import_preview_shows_each_note_and_says_when_only_the_note_changes(staff_client, world):
    factories.organisation(slug="so-y-te", name="Sở Y tế")
    data = (
        "category_code,area_slug,topic_slug,organisation_slug,note\n"
        'giao-thong,,,so-xay-dung,\'=HYPERLINK("http://x")\n'
        "du-phong,,,so-y-te,Dự phòng <b>mới</b>\n"
    )
    upload = SimpleUploadedFile("quy-tac.csv", data.encode(), content_type="text/csv")
    body = staff_client.post(reverse("inquiries_config:rule_import"), {"file": upload}).content.decode()
    assert "Sửa ghi chú (trước: Đường sá)" in body and "Thay cho Sở Xây dựng" not in body
    assert "=HYPERLINK(&quot;http://x&quot;)" in body
    assert "Dự phòng &lt;b&gt;mới&lt;/b&gt;" in body
