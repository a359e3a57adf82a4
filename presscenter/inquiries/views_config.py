"""The centre's configuration screens for questions and feedback: categories, routing rules (with
a test box and CSV import/export), deadline policies and automatic routing."""

from typing import Any

from django.contrib import messages
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_POST

from presscenter.core.errors import DomainError
from presscenter.core.forms import add_domain_error
from presscenter.core.screens import attempt, staff_screen
from presscenter.inquiries import config, rules_csv
from presscenter.inquiries.access import can_manage_rules
from presscenter.inquiries.forms_config import (
    CategoryForm,
    PolicyForm,
    PolicyTarget,
    RuleFilterForm,
    RuleForm,
    RuleImportConfirmForm,
    RuleImportForm,
    RuleTestForm,
    ThresholdForm,
)
from presscenter.inquiries.models import Category, DeadlinePolicy, Inquiry, Priority, RoutingRule
from presscenter.workdays.loader import configured_hours

PAGE_SIZE = 50
# The preview lists this many lines of the file (the summary counts them all).
PREVIEW_LINES = 300


# Categories -----------------------------------------------------------------------------------


@staff_screen(can_manage_rules)
def category_list(request: HttpRequest) -> HttpResponse:
    categories = Category.objects.all()
    used = set(Inquiry.objects.filter(category__isnull=False).values_list("category_id", flat=True).distinct())
    rows = [(category, category.pk in used) for category in categories]
    return render(request, "inquiries/config/category_list.html", {"rows": rows, "section": "categories"})


def _category_form(request: HttpRequest, category: Category | None) -> HttpResponse:
    locked = category is not None and config.category_in_use(category)
    form = CategoryForm(request.POST or None, instance=category, code_locked=locked)
    if request.method == "POST" and form.is_valid():
        fields = {name: form.cleaned_data[name] for name in config.CATEGORY_FIELDS}
        if locked:
            del fields["code"]
        try:
            if category is None:
                saved = config.create_category(request.user, **fields)
            else:
                saved = config.update_category(request.user, category, **fields)
        except DomainError as error:
            add_domain_error(form, error)
        else:
            messages.success(request, str(_("Đã lưu lĩnh vực “%(name)s”.") % {"name": saved.name}))
            return redirect("inquiries_config:categories")
    deletable = category is not None and config.category_deletable(category)
    context = {
        "form": form,
        "category": category,
        "code_locked": locked,
        "deletable": deletable,
        "section": "categories",
    }
    return render(request, "inquiries/config/category_form.html", context)


@staff_screen(can_manage_rules)
def category_create(request: HttpRequest) -> HttpResponse:
    return _category_form(request, None)


@staff_screen(can_manage_rules)
def category_edit(request: HttpRequest, pk: int) -> HttpResponse:
    return _category_form(request, get_object_or_404(Category, pk=pk))


@require_POST
@staff_screen(can_manage_rules)
def category_active(request: HttpRequest, pk: int) -> HttpResponse:
    category = get_object_or_404(Category, pk=pk)
    active = request.POST.get("active") == "1"
    done = _("Đã mở lại lĩnh vực.") if active else _("Đã ngừng tiếp nhận theo lĩnh vực này.")
    attempt(request, lambda: config.update_category(request.user, category, active=active), done)
    return redirect("inquiries_config:categories")


@require_POST
@staff_screen(can_manage_rules)
def category_delete(request: HttpRequest, pk: int) -> HttpResponse:
    category = get_object_or_404(Category, pk=pk)
    done = _("Đã xóa lĩnh vực “%(name)s”.") % {"name": category.name}
    if not attempt(request, lambda: config.delete_category(request.user, category), done):
        return redirect("inquiries_config:category_edit", pk=pk)
    return redirect("inquiries_config:categories")


# Routing rules --------------------------------------------------------------------------------


@staff_screen(can_manage_rules)
def rule_list(request: HttpRequest) -> HttpResponse:
    filters = RuleFilterForm(request.GET or None, auto_id="filter_%s")  # the test box on the page has id_*
    rules = RoutingRule.objects.select_related("category", "area", "topic", "organisation").order_by(
        "-active", "category__position", "category__name", "area__name", "topic__name", "pk"
    )
    state = ""
    if filters.is_valid():
        data = filters.cleaned_data
        if data["category"] is not None:
            rules = rules.filter(category=data["category"])
        if data["organisation"] is not None:
            rules = rules.filter(organisation=data["organisation"])
        state = data["state"]
    if state == "inactive":
        rules = rules.filter(active=False)
    elif state != "all":
        rules = rules.filter(active=True)
    page = Paginator(rules, PAGE_SIZE).get_page(request.GET.get("trang"))
    query = request.GET.copy()
    query.pop("trang", None)
    context = {
        "filters": filters,
        "page": page,
        "query": query.urlencode(),
        "test_form": RuleTestForm(),
        "section": "rules",
    }
    return render(request, "inquiries/config/rule_list.html", context)


def _rule_form(request: HttpRequest, rule: RoutingRule | None) -> HttpResponse:
    form = RuleForm(request.POST or None, rule=rule)
    if request.method == "POST" and form.is_valid():
        fields = {name: form.cleaned_data[name] for name in ("category", "area", "topic", "organisation", "note")}
        try:
            if rule is None:
                config.create_rule(request.user, **fields)
            else:
                config.update_rule(request.user, rule, **fields)
        except DomainError as error:
            add_domain_error(form, error)
        else:
            messages.success(request, str(_("Đã lưu quy tắc chuyển xử lý.")))
            return redirect("inquiries_config:rules")
    return render(request, "inquiries/config/rule_form.html", {"form": form, "rule": rule, "section": "rules"})


@staff_screen(can_manage_rules)
def rule_create(request: HttpRequest) -> HttpResponse:
    return _rule_form(request, None)


@staff_screen(can_manage_rules)
def rule_edit(request: HttpRequest, pk: int) -> HttpResponse:
    rule = get_object_or_404(RoutingRule.objects.select_related("category"), pk=pk)
    return _rule_form(request, rule)


@require_POST
@staff_screen(can_manage_rules)
def rule_active(request: HttpRequest, pk: int) -> HttpResponse:
    rule = get_object_or_404(RoutingRule, pk=pk)
    active = request.POST.get("active") == "1"
    done = _("Đã áp dụng lại quy tắc.") if active else _("Đã ngừng áp dụng quy tắc.")
    attempt(request, lambda: config.update_rule(request.user, rule, active=active), done)
    return redirect("inquiries_config:rules")


@staff_screen(can_manage_rules)
def rule_test(request: HttpRequest) -> HttpResponse:
    form = RuleTestForm(request.GET or None)
    explanation = None
    if form.is_valid():
        data = form.cleaned_data
        explanation = config.explain(data["category"], data["area"], data["topic"])
    context = {"form": form, "explanation": explanation, "section": "rules"}
    return render(request, "inquiries/config/rule_test.html", context)


@staff_screen(can_manage_rules)
def rule_export(request: HttpRequest) -> HttpResponse:
    response = HttpResponse(rules_csv.export_csv(rules_csv.active_rules()), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="quy-tac-chuyen-xu-ly.csv"'
    return response


def _import_page(request: HttpRequest, form: Any, **context: Any) -> HttpResponse:
    return render(request, "inquiries/config/rule_import.html", {"form": form, "section": "rules", **context})


@staff_screen(can_manage_rules)
def rule_import(request: HttpRequest) -> HttpResponse:
    """Upload, then a preview of what would change (or the file's errors, by line)."""
    form = RuleImportForm(request.POST or None, request.FILES or None)
    if request.method != "POST" or not form.is_valid():
        return _import_page(request, form)
    replace = form.cleaned_data["replace"]
    try:
        plan = rules_csv.plan(form.cleaned_data["file"], replace=replace)
    except rules_csv.ImportRejected as rejected:
        return _import_page(request, form, errors=rejected.errors)
    if plan.errors:
        return _import_page(request, form, errors=plan.errors[: rules_csv.MAX_ERRORS], error_count=len(plan.errors))
    content = rules_csv.decode(form.cleaned_data["file"])
    confirm = RuleImportConfirmForm(initial={"content": content, "replace": replace})
    shown = plan.lines[:PREVIEW_LINES]
    return _import_page(request, form, plan=plan, confirm=confirm, shown=shown, hidden=len(plan.lines) - len(shown))


@require_POST
@staff_screen(can_manage_rules)
def rule_import_apply(request: HttpRequest) -> HttpResponse:
    form = RuleImportConfirmForm(request.POST)
    if not form.is_valid():
        messages.error(request, str(_("Không đọc được tệp đã xem trước; hãy tải tệp lên lại.")))
        return redirect("inquiries_config:rule_import")
    try:
        plan = rules_csv.import_rules(request.user, form.cleaned_data["content"], replace=form.cleaned_data["replace"])
    except rules_csv.ImportRejected as rejected:
        return _import_page(request, RuleImportForm(), errors=rejected.errors[: rules_csv.MAX_ERRORS])
    messages.success(request, str(_("Đã nhập quy tắc: %(summary)s") % {"summary": plan.summary()}))
    return redirect("inquiries_config:rules")


# Deadline policies ----------------------------------------------------------------------------


@staff_screen(can_manage_rules)
def policy_matrix(request: HttpRequest) -> HttpResponse:
    categories = list(Category.objects.filter(active=True))
    context = {
        "rows": config.policy_matrix(categories),
        "priorities": Priority.choices,
        "section": "policies",
    }
    return render(request, "inquiries/config/policy_matrix.html", context)


@staff_screen(can_manage_rules)
def policy_edit(request: HttpRequest) -> HttpResponse:
    target = PolicyTarget(request.GET)
    if not target.is_valid():
        messages.error(request, str(_("Không rõ lĩnh vực hoặc độ khẩn cần đặt thời hạn.")))
        return redirect("inquiries_config:policies")
    category, priority = target.cleaned_data["category"], target.cleaned_data["priority"]
    own = DeadlinePolicy.objects.filter(category=category, priority=priority).first()
    cell = next(
        cell
        for row in config.policy_matrix([category] if category else [])
        if row.category == category
        for cell in row.cells
        if cell.priority == priority
    )
    current = cell.policy
    initial = {"amount": current.amount, "unit": current.unit, "remind_before_hours": current.remind_before_hours}
    form = PolicyForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            config.set_deadline_policy(request.user, category=category, priority=priority, **form.cleaned_data)
        except DomainError as error:
            add_domain_error(form, error)
        else:
            messages.success(request, str(_("Đã lưu thời hạn xử lý.")))
            return redirect("inquiries_config:policies")
    context = {
        "form": form,
        "category": category,
        "priority_label": Priority(priority).label,
        "own": own,
        "cell": cell,
        "hours_per_day": config.hours_per_day(),
        "working_hours": str(configured_hours()).replace("-", "–").replace(",", ", "),
        "section": "policies",
    }
    return render(request, "inquiries/config/policy_form.html", context)


@require_POST
@staff_screen(can_manage_rules)
def policy_clear(request: HttpRequest, pk: int) -> HttpResponse:
    policy = get_object_or_404(DeadlinePolicy, pk=pk)
    done = _("Đã bỏ thời hạn riêng; áp dụng thời hạn chung.")
    attempt(request, lambda: config.clear_deadline_policy(request.user, policy), done)
    return redirect("inquiries_config:policies")


# Automatic routing ----------------------------------------------------------------------------


@staff_screen(can_manage_rules)
def threshold(request: HttpRequest) -> HttpResponse:
    current = config.routing_settings()
    initial = {
        "mode": "off" if current.auto_threshold is None else "auto",
        "percent": round(current.auto_threshold * 100) if current.auto_threshold is not None else None,
        "auto_by_rules": current.auto_by_rules,
    }
    form = ThresholdForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            config.set_routing_settings(
                request.user, auto_threshold=form.threshold, auto_by_rules=form.cleaned_data["auto_by_rules"]
            )
        except DomainError as error:
            add_domain_error(form, error)
        else:
            messages.success(request, str(_("Đã lưu cấu hình tự động chuyển xử lý.")))
            return redirect("inquiries_config:threshold")
    return render(request, "inquiries/config/threshold.html", {"form": form, "current": current, "section": "auto"})
