"""Configuration as data: categories, routing rules, deadline policies and automatic routing are
edited by the centre only, validated with clear Vietnamese messages, and every change is audited."""

import pytest
from django.db import IntegrityError, connection, transaction
from django.test import override_settings

from presscenter.accounts.models import Role
from presscenter.audit.models import AuditEntry
from presscenter.core.errors import DomainError, PermissionDenied
from presscenter.inquiries import config, deadlines
from presscenter.inquiries.models import Category, DeadlinePolicy, DeadlineUnit, Priority, RoutingRule
from tests import factories

pytestmark = pytest.mark.django_db


@pytest.fixture
def staff():
    return factories.user(Role.CENTER_OPERATOR)


def audited(action, obj):
    return AuditEntry.objects.filter(action=action, object_id=str(obj.pk)).get()


# Categories -----------------------------------------------------------------------------------


def test_the_centre_creates_edits_and_deactivates_a_category_each_audited(staff):
    category = config.create_category(
        staff, code="giao-thong", name="Giao thông", name_en="Transport", group="Đô thị",
        audience="public", needs_location=True, position=3,
    )  # fmt: skip
    assert Category.objects.get(code="giao-thong").needs_location
    entry = audited("category.create", category)
    assert entry.after["name"] == "Giao thông" and entry.actor == staff

    config.update_category(staff, category, name="Giao thông, vận tải", keywords="ổ gà, đèn đỏ")
    category.refresh_from_db()
    assert category.name == "Giao thông, vận tải"
    entry = audited("category.update", category)
    assert entry.before["name"] == "Giao thông" and entry.after["name"] == "Giao thông, vận tải"

    config.deactivate_category(staff, category)
    category.refresh_from_db()
    assert not category.active
    assert audited("category.deactivate", category).after["active"] is False
    config.update_category(staff, category, active=True)
    assert audited("category.activate", category)


def test_an_unchanged_save_writes_no_audit_entry(staff):
    category = factories.category(name="Môi trường")
    config.update_category(staff, category, name="Môi trường")
    assert not AuditEntry.objects.filter(action="category.update").exists()


@pytest.mark.parametrize(
    ("fields", "field", "words"),
    [
        ({"code": "", "name": "Tên"}, "code", "mã lĩnh vực"),
        ({"code": "Giao Thong", "name": "Tên"}, "code", "chữ thường không dấu"),
        ({"code": "giao-thông", "name": "Tên"}, "code", "chữ thường không dấu"),
        ({"code": "-dau-gach", "name": "Tên"}, "code", "chữ thường không dấu"),
        ({"code": "x" * 61, "name": "Tên"}, "code", "tối đa 60"),
        ({"code": "hop-le", "name": "   "}, "name", "tên lĩnh vực"),
        ({"code": "hop-le", "name": "x" * 201}, "name", "tối đa 200"),
        ({"code": "hop-le", "name": "Tên", "audience": "aliens"}, "audience", "dành cho ai"),
        ({"code": "hop-le", "name": "Tên", "position": -1}, "position", "Thứ tự"),
        ({"code": "hop-le", "name": "Tên", "position": 10_001}, "position", "Thứ tự"),
        ({"code": "hop-le", "name": "Tên", "position": "3"}, "position", "Thứ tự"),
        ({"code": "hop-le", "name": "Tên", "description": "x" * 2001}, "description", "tối đa 2,000"),
    ],
)
def test_a_bad_category_is_refused_and_nothing_is_written(staff, fields, field, words):
    with pytest.raises(DomainError) as refused:
        config.create_category(staff, **fields)
    assert refused.value.field == field
    assert words in str(refused.value.message)
    assert not Category.objects.exists() and not AuditEntry.objects.exists()


def test_an_unknown_field_is_refused(staff):
    with pytest.raises(DomainError, match="Trường không hợp lệ"):
        config.create_category(staff, code="a", name="A", colour="red")


def test_a_code_is_unique(staff):
    factories.category(code="giao-thong")
    with pytest.raises(DomainError, match="đã được dùng") as refused:
        config.create_category(staff, code="giao-thong", name="Khác")
    assert refused.value.field == "code"
    other = factories.category(code="moi-truong")
    with pytest.raises(DomainError, match="đã được dùng"):
        config.update_category(staff, other, code="giao-thong")


def test_the_code_is_fixed_once_inquiries_use_it(staff):
    category = factories.category(code="giao-thong")
    config.update_category(staff, category, code="giao-thong-do-thi")  # not used yet: it may change
    factories.inquiry(category=category)
    with pytest.raises(DomainError, match="không đổi được mã") as refused:
        config.update_category(staff, category, code="khac")
    assert refused.value.field == "code"
    category.refresh_from_db()
    assert category.code == "giao-thong-do-thi"
    config.update_category(staff, category, name="Tên mới")  # the rest stays editable


@pytest.mark.parametrize("role", [None, Role.PUBLIC, Role.JOURNALIST, Role.EDITOR, Role.SPOKESPERSON])
def test_only_the_centre_configures(role):
    org = factories.organisation()
    actor = None if role is None else factories.user(role, org if role in (Role.EDITOR, Role.SPOKESPERSON) else None)
    category = factories.category()
    policy = DeadlinePolicy.objects.create(category=None, priority="normal", amount=5)
    rule = RoutingRule.objects.create(organisation=org)
    writes = [
        lambda: config.create_category(actor, code="moi", name="Mới"),
        lambda: config.update_category(actor, category, name="Khác"),
        lambda: config.deactivate_category(actor, category),
        lambda: config.create_rule(actor, organisation=org, category=category),
        lambda: config.update_rule(actor, rule, note="x"),
        lambda: config.deactivate_rule(actor, rule),
        lambda: config.set_deadline_policy(actor, category=None, priority="urgent", amount=1),
        lambda: config.clear_deadline_policy(actor, policy),
        lambda: config.set_routing_settings(actor, auto_threshold=0.9, auto_by_rules=True),
    ]
    for write in writes:
        with pytest.raises(PermissionDenied, match="Chỉ Trung tâm"):
            write()
    assert not AuditEntry.objects.exists()
    assert config.routing_settings().auto_threshold is None


def test_an_inactive_staff_account_cannot_configure():
    staff = factories.user(Role.CENTER_ADMIN, is_active=False)
    with pytest.raises(PermissionDenied):
        config.create_category(staff, code="moi", name="Mới")


# Routing rules --------------------------------------------------------------------------------


@pytest.fixture
def tree():
    class Tree:
        city = factories.organisation(kind="peoples_committee", name="UBND Thành phố")
        district = factories.organisation(kind="other", name="Cụm phường trung tâm", parent=city)
        ward = factories.organisation(kind="ward", name="Phường Hoàn Kiếm", parent=district)
        transport = factories.organisation(name="Sở Xây dựng")
        environment = factories.organisation(name="Sở Nông nghiệp và Môi trường")
        roads = factories.category(code="giao-thong", name="Giao thông")
        waste = factories.category(code="rac-thai", name="Rác thải")

    return Tree


def test_a_rule_is_created_edited_and_deactivated_each_audited(staff, tree):
    rule = config.create_rule(staff, category=tree.roads, area=tree.ward, organisation=tree.transport, note="Đường")
    assert audited("routing_rule.create", rule).after == config.rule_snapshot(rule)
    config.update_rule(staff, rule, organisation=tree.environment)
    rule.refresh_from_db()
    assert rule.organisation == tree.environment
    entry = audited("routing_rule.update", rule)
    assert entry.before["organisation"] == tree.transport.pk and entry.after["organisation"] == tree.environment.pk
    config.deactivate_rule(staff, rule)
    rule.refresh_from_db()
    assert not rule.active and audited("routing_rule.deactivate", rule)
    config.update_rule(staff, rule, active=True)
    assert audited("routing_rule.activate", rule)


def test_a_conflicting_duplicate_is_refused_with_a_clear_message(staff, tree):
    config.create_rule(staff, category=tree.roads, area=tree.ward, organisation=tree.transport)
    with pytest.raises(DomainError) as refused:
        config.create_rule(staff, category=tree.roads, area=tree.ward, organisation=tree.environment)
    message = str(refused.value.message)
    assert "Đã có quy tắc đang áp dụng" in message and "Sở Xây dựng" in message
    assert RoutingRule.objects.count() == 1
    # "Any" is a key too: two catch-all rules conflict.
    config.create_rule(staff, organisation=tree.city)
    with pytest.raises(DomainError, match="Đã có quy tắc"):
        config.create_rule(staff, organisation=tree.transport)
    # A stopped rule does not conflict, but it cannot be brought back beside its replacement.
    old = config.create_rule(staff, category=tree.waste, organisation=tree.environment)
    config.deactivate_rule(staff, old)
    config.create_rule(staff, category=tree.waste, organisation=tree.city)
    with pytest.raises(DomainError, match="Đã có quy tắc"):
        config.update_rule(staff, old, active=True)
    # Editing a rule into another's key is refused the same way.
    other = config.create_rule(staff, category=tree.roads, organisation=tree.transport)
    with pytest.raises(DomainError, match="Đã có quy tắc"):
        config.update_rule(staff, other, area=tree.ward)


def test_the_database_constraint_becomes_a_translated_error(staff, tree):
    """Past the check (a concurrent write), the unique constraint's IntegrityError is a DomainError."""
    if not connection.features.supports_nulls_distinct_unique_constraints:
        # Django leaves out a NULLS NOT DISTINCT constraint where the database has none (SQLite;
        # there IMMEDIATE transactions serialise the check and the write): stand one in for the test.
        with connection.cursor() as cursor:
            cursor.execute(
                "CREATE UNIQUE INDEX test_one_active_rule ON inquiries_routingrule "
                "(IFNULL(category_id, 0), IFNULL(area_id, 0), IFNULL(topic_id, 0)) WHERE active"
            )
    key = {"category": tree.roads, "area": tree.ward}
    RoutingRule.objects.create(**key, organisation=tree.transport)
    twin = RoutingRule(**key, organisation=tree.environment)
    with pytest.raises(DomainError, match="Đã có một quy tắc"), transaction.atomic():
        config._save_rule(twin)
    with pytest.raises(IntegrityError), transaction.atomic():  # the constraint is really there
        RoutingRule.objects.create(**key, organisation=tree.environment)
    assert RoutingRule.objects.count() == 1


def test_a_rule_to_an_inactive_organisation_is_refused(staff, tree):
    tree.transport.active = False
    tree.transport.save()
    with pytest.raises(DomainError, match="ngừng hoạt động") as refused:
        config.create_rule(staff, category=tree.roads, organisation=tree.transport)
    assert refused.value.field == "organisation"
    rule = config.create_rule(staff, category=tree.roads, organisation=tree.environment)
    with pytest.raises(DomainError, match="ngừng hoạt động"):
        config.update_rule(staff, rule, organisation=tree.transport)
    assert not RoutingRule.objects.filter(organisation=tree.transport).exists()


def test_a_rule_needs_an_organisation_and_a_short_note(staff, tree):
    with pytest.raises(DomainError, match="cơ quan chịu trách nhiệm"):
        config.create_rule(staff, organisation=None, category=tree.roads)
    with pytest.raises(DomainError, match="tối đa 300"):
        config.create_rule(staff, organisation=tree.city, note="x" * 301)
    tree.roads.active = False
    tree.roads.save()
    with pytest.raises(DomainError, match="ngừng sử dụng"):
        config.create_rule(staff, organisation=tree.city, category=tree.roads)
    assert not RoutingRule.objects.exists()


def test_the_test_box_explains_the_chain_climbed(staff, tree):
    catch_all = config.create_rule(staff, organisation=tree.city)
    by_parent = config.create_rule(staff, category=tree.waste, area=tree.district, organisation=tree.environment)
    explanation = config.explain(tree.waste, tree.ward, None)
    assert explanation.chain == [tree.ward, tree.district, tree.city]
    assert explanation.rule == by_parent
    assert [c.rule for c in explanation.candidates] == [by_parent, catch_all]
    first, second = explanation.candidates
    assert first.applies and not second.applies
    assert first.category_reason == "đúng lĩnh vực"
    assert first.area_reason == "địa bàn cấp trên Cụm phường trung tâm (cấp 1)"
    assert second.area_reason == "mọi địa bàn" and second.category_reason == "mọi lĩnh vực"

    tree.environment.active = False
    tree.environment.save()
    explanation = config.explain(tree.waste, tree.ward, None)
    assert explanation.rule == catch_all  # rules.resolve skips a body that stopped
    assert explanation.candidates[0].skipped and not explanation.candidates[0].applies
    assert explanation.candidates[1].applies

    nothing = config.explain(tree.roads, None, factories.topic())
    assert nothing.chain == [] and nothing.rule == catch_all


def test_the_test_box_with_no_rule_says_so(tree):
    explanation = config.explain(tree.roads, tree.ward, None)
    assert explanation.rule is None and explanation.candidates == []


# Deadline policies ----------------------------------------------------------------------------


def test_a_policy_is_set_changed_and_cleared_each_audited(staff, tree):
    policy = config.set_deadline_policy(
        staff, category=tree.roads, priority="urgent", amount=16, unit="working_hours", remind_before_hours=4
    )
    assert deadlines.policy_for(tree.roads, "urgent") == policy
    assert audited("deadline_policy.set", policy).after["amount"] == 16
    again = config.set_deadline_policy(staff, category=tree.roads, priority="urgent", amount=2, remind_before_hours=4)
    assert again.pk == policy.pk and again.unit == DeadlineUnit.WORKING_DAYS
    entries = AuditEntry.objects.filter(action="deadline_policy.set", object_id=str(policy.pk)).order_by("id")
    assert [e.after["amount"] for e in entries] == [16, 2]
    assert entries[1].before["unit"] == "working_hours"
    config.clear_deadline_policy(staff, policy)
    assert not DeadlinePolicy.objects.exists()
    assert AuditEntry.objects.get(action="deadline_policy.clear").before["amount"] == 2


@pytest.mark.parametrize(
    ("amount", "unit", "remind", "field", "words"),
    [
        (0, "working_days", 8, "amount", "từ 1 đến 60 ngày làm việc"),
        (10_000, "working_days", 8, "amount", "từ 1 đến 60"),
        (61, "working_days", 8, "amount", "từ 1 đến 60"),
        (241, "working_hours", 2, "amount", "từ 1 đến 240 giờ làm việc"),
        (-3, "working_days", 8, "amount", "từ 1"),
        ("5", "working_days", 8, "amount", "từ 1"),
        (2.5, "working_days", 8, "amount", "từ 1"),
        (5, "weeks", 8, "unit", "ngày làm việc hoặc giờ làm việc"),
        (5, "working_days", -1, "remind_before_hours", "từ 0 đến 120"),
        (5, "working_days", 121, "remind_before_hours", "từ 0 đến 120"),
        (4, "working_hours", 4, "remind_before_hours", "ngắn hơn thời hạn"),
        (1, "working_days", 9, "remind_before_hours", "ngắn hơn thời hạn"),
    ],
)
def test_absurd_deadlines_are_refused(staff, amount, unit, remind, field, words):
    with pytest.raises(DomainError) as refused:
        config.set_deadline_policy(
            staff, category=None, priority="normal", amount=amount, unit=unit, remind_before_hours=remind
        )
    assert refused.value.field == field
    assert words in str(refused.value.message)
    assert not DeadlinePolicy.objects.exists() and not AuditEntry.objects.exists()


def test_an_unknown_priority_is_refused(staff):
    with pytest.raises(DomainError, match="Độ khẩn"):
        config.set_deadline_policy(staff, category=None, priority="flash", amount=1)


@override_settings(INQUIRY_DEFAULT_DAYS=7)
def test_the_matrix_shows_what_applies_as_policy_for_decides(staff, tree):
    config.set_deadline_policy(staff, category=None, priority="normal", amount=10)
    config.set_deadline_policy(
        staff, category=tree.roads, priority="urgent", amount=8, unit="working_hours", remind_before_hours=2
    )
    rows = config.policy_matrix([tree.roads, tree.waste])
    assert [row.category for row in rows] == [None, tree.roads, tree.waste]
    seen = {
        (row.category, cell.priority): (cell.source, cell.policy.amount, cell.policy.unit)
        for row in rows
        for cell in row.cells
    }
    assert seen == {
        (None, "normal"): ("own", 10, "working_days"),
        (None, "urgent"): ("default", 1, "working_days"),
        (tree.roads, "normal"): ("any", 10, "working_days"),
        (tree.roads, "urgent"): ("own", 8, "working_hours"),
        (tree.waste, "normal"): ("any", 10, "working_days"),
        (tree.waste, "urgent"): ("default", 1, "working_days"),
    }
    for row in rows:
        for cell in row.cells:
            applied = deadlines.policy_for(row.category, cell.priority)
            assert (applied.amount, applied.unit) == (cell.policy.amount, cell.policy.unit)
    config.clear_deadline_policy(staff, DeadlinePolicy.objects.get(category=None, priority="normal"))
    cell = config.policy_matrix([tree.roads])[1].cells[0]
    assert (cell.source, cell.policy.amount) == ("default", 7)  # the setting INQUIRY_DEFAULT_DAYS


# Automatic routing ----------------------------------------------------------------------------


def test_automatic_routing_is_off_until_the_centre_turns_it_on(staff):
    current = config.routing_settings()
    assert current.auto_threshold is None and current.auto_by_rules is False and current.pk is None
    row = config.set_routing_settings(staff, auto_threshold=0.9, auto_by_rules=True)
    assert (row.auto_threshold, row.auto_by_rules) == (0.9, True)
    entry = audited("routing.threshold", row)
    assert entry.before == {"auto_threshold": None, "auto_by_rules": False}
    assert entry.after == {"auto_threshold": 0.9, "auto_by_rules": True}
    config.set_routing_settings(staff, auto_threshold=None, auto_by_rules=False)
    assert config.routing_settings().auto_threshold is None
    assert config.routing_settings().pk == row.pk  # still one row


@pytest.mark.parametrize("value", [0.49, 0.995, 1, 0, -0.5, 50, True, "0.9"])
def test_a_threshold_outside_50_to_99_percent_is_refused(staff, value):
    with pytest.raises(DomainError) as refused:
        config.set_routing_settings(staff, auto_threshold=value, auto_by_rules=False)
    assert refused.value.field == "auto_threshold"
    assert config.routing_settings().auto_threshold is None
    assert not AuditEntry.objects.exists()


def test_priorities_of_the_matrix_are_the_models():
    assert [cell.priority for cell in config.policy_matrix([])[0].cells] == list(Priority.values)


def test_only_a_category_nothing_refers_to_is_deleted(staff):
    mistake = factories.category(name="Nhầm")
    config.delete_category(staff, mistake)
    assert not Category.objects.filter(pk=mistake.pk).exists()
    entry = AuditEntry.objects.get(action="category.delete")
    assert entry.before["name"] == "Nhầm" and entry.object_id == str(mistake.pk)

    used = factories.category()
    factories.inquiry(category=used)
    with pytest.raises(DomainError, match="Đã có câu hỏi thuộc lĩnh vực này nên không xóa được"):
        config.delete_category(staff, used)
    ruled = factories.category()
    stopped = RoutingRule.objects.create(category=ruled, organisation=factories.organisation(), active=False)
    with pytest.raises(DomainError, match="còn quy tắc chuyển xử lý hoặc thời hạn riêng"):
        config.delete_category(staff, ruled)
    timed = factories.category()
    DeadlinePolicy.objects.create(category=timed, priority="normal", amount=3)
    with pytest.raises(DomainError, match="còn quy tắc chuyển xử lý hoặc thời hạn riêng"):
        config.delete_category(staff, timed)
    assert Category.objects.filter(pk__in=[used.pk, ruled.pk, timed.pk]).count() == 3
    assert RoutingRule.objects.filter(pk=stopped.pk).exists()
    assert AuditEntry.objects.filter(action="category.delete").count() == 1
    editor = factories.user(Role.EDITOR, factories.organisation())
    with pytest.raises(PermissionDenied):
        config.delete_category(editor, factories.category())


def test_a_working_day_has_the_configured_working_hours(staff, settings):
    assert config.hours_per_day() == 8  # 08:00-12:00 and 13:00-17:00: lunch does not count
    with pytest.raises(DomainError, match=r"\(8 giờ\) phải ngắn hơn thời hạn \(8 giờ\)"):
        config.set_deadline_policy(staff, category=None, priority="urgent", amount=1, remind_before_hours=8)
    settings.WORKING_HOURS = "07:30-17:30"
    assert config.hours_per_day() == 10
    policy = config.set_deadline_policy(staff, category=None, priority="urgent", amount=1, remind_before_hours=8)
    assert policy.remind_before_hours == 8
