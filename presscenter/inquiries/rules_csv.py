"""Routing rules as a CSV file (UTF-8; columns category_code, area_slug, topic_slug,
organisation_slug, note; an empty cell means "any"), to export, edit in a spreadsheet and import.

An import is checked whole before anything is written (one bad line and nothing changes) and is
recorded as one audit entry. Errors name the line of the file. Exported cells that a spreadsheet
would run as a formula start with an apostrophe, which the import takes off again."""

import csv
import hashlib
import io
import unicodedata
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from typing import Any

from django.db import transaction
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from presscenter.audit.domain import record
from presscenter.core.errors import DomainError
from presscenter.inquiries import config
from presscenter.inquiries.models import Category, RoutingRule
from presscenter.orgs.models import Organisation
from presscenter.releases.models import Topic

COLUMNS = ("category_code", "area_slug", "topic_slug", "organisation_slug", "note")
MAX_BYTES = 1_000_000
MAX_ROWS = 5_000
MAX_ERRORS = 200
FORMULA_STARTS = ("=", "+", "-", "@")
HEADER_LINE = 1
# Characters nobody types in a rule: controls (NUL, line breaks, tabs), invisible format
# characters (bidi overrides, zero-width spaces), line and paragraph separators.
INVISIBLE_CATEGORIES = frozenset({"Cc", "Cf", "Zl", "Zp"})


@dataclass(frozen=True)
class LineError:
    line: int
    message: Promise | str

    def __str__(self) -> str:
        return str(_("Dòng %(line)d: %(message)s") % {"line": self.line, "message": self.message})


class ImportRejected(DomainError):
    """The file has errors; nothing was changed."""

    def __init__(self, errors: list[LineError]):
        super().__init__(_("Tệp có %(count)d lỗi; chưa thay đổi gì.") % {"count": len(errors)}, field="file")
        self.errors = errors


def neutralise(value: str) -> str:
    """A cell a spreadsheet would run as a formula (CSV injection) is written as text."""
    return "'" + value if value.startswith(FORMULA_STARTS) else value


def restore(value: str) -> str:
    return value[1:] if value.startswith("'") and value[1:].startswith(FORMULA_STARTS) else value


def export_rows(rules: Iterable[RoutingRule]) -> Iterator[list[str]]:
    yield list(COLUMNS)
    for rule in rules:
        yield [
            neutralise(value)
            for value in (
                rule.category.code if rule.category else "",
                rule.area.slug if rule.area else "",
                rule.topic.slug if rule.topic else "",
                rule.organisation.slug,
                rule.note,
            )
        ]


def export_csv(rules: Iterable[RoutingRule]) -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerows(export_rows(rules))
    return "\ufeff" + out.getvalue()  # the BOM tells spreadsheets the file is UTF-8


def active_rules() -> Any:
    return (
        RoutingRule.objects.filter(active=True)
        .select_related("category", "area", "topic", "organisation")
        .order_by("category__code", "area__slug", "topic__slug", "pk")
    )


# Reading --------------------------------------------------------------------------------------


@dataclass
class Line:
    line: int
    values: dict[str, str]
    category: Category | None = None
    area: Organisation | None = None
    topic: Topic | None = None
    organisation: Organisation | None = None
    # "create", "update" or "same"; the rule it replaces when it updates one.
    action: str = ""
    existing: RoutingRule | None = None


@dataclass
class Plan:
    lines: list[Line] = field(default_factory=list)
    deactivate: list[RoutingRule] = field(default_factory=list)
    errors: list[LineError] = field(default_factory=list)

    def count(self, action: str) -> int:
        return sum(1 for line in self.lines if line.action == action)

    @property
    def changes(self) -> bool:
        return bool(self.deactivate) or any(line.action != "same" for line in self.lines)

    def summary(self) -> str:
        return str(
            _("%(created)d quy tắc mới, %(updated)d thay đổi, %(same)d giữ nguyên, %(deactivated)d ngừng áp dụng.")
            % {
                "created": self.count("create"),
                "updated": self.count("update"),
                "same": self.count("same"),
                "deactivated": len(self.deactivate),
            }
        )


def decode(data: bytes | str) -> str:
    if isinstance(data, str):
        return data.removeprefix("\ufeff")
    if len(data) > MAX_BYTES:
        raise ImportRejected([LineError(HEADER_LINE, _("tệp lớn quá 1 MB."))])
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line = data.count(b"\n", 0, error.start) + 1
        raise ImportRejected([LineError(line, _("tệp không phải UTF-8 (hãy lưu lại dạng “CSV UTF-8”)."))]) from error


def _records(text: str) -> Iterator[tuple[int, list[str]]]:
    reader = csv.reader(io.StringIO(text, newline=""), strict=True)
    line = 0
    while True:
        start = line + 1
        try:
            cells = next(reader)
        except StopIteration:
            return
        except csv.Error as error:
            raise ImportRejected([LineError(start, _("dấu ngoặc kép đặt sai chỗ hoặc ô quá dài."))]) from error
        line = reader.line_num
        yield start, cells


def read(data: bytes | str) -> list[Line]:
    text = decode(data)
    if len(text) > MAX_BYTES:
        raise ImportRejected([LineError(HEADER_LINE, _("tệp lớn quá 1 MB."))])
    records = _records(text)
    first = next(records, None)
    header = [name.strip().lower() for name in first[1]] if first else []
    if header != list(COLUMNS) and header != list(COLUMNS[:4]):
        message = _("dòng tiêu đề phải là: %(columns)s.") % {"columns": ",".join(COLUMNS)}
        raise ImportRejected([LineError(HEADER_LINE, message)])
    lines: list[Line] = []
    for start, cells in records:
        if not any(cell.strip() for cell in cells):
            continue
        if len(lines) >= MAX_ROWS:
            message = _("tệp có quá %(limit)s quy tắc; hãy chia nhỏ.") % {"limit": f"{MAX_ROWS:,}"}
            raise ImportRejected([LineError(start, message)])
        if len(cells) > len(COLUMNS):
            lines.append(Line(start, {"__error__": "columns"}))
            continue
        values = {name: restore(cell.strip()) for name, cell in zip(COLUMNS, cells, strict=False)}
        lines.append(Line(start, {name: values.get(name, "") for name in COLUMNS}))
    if not lines:
        raise ImportRejected([LineError(HEADER_LINE, _("tệp không có dòng quy tắc nào."))])
    return lines


def plan(data: bytes | str, *, replace: bool = False) -> Plan:
    """What importing the file would do, and every error of it (nothing is written)."""
    result = Plan(lines=read(data))
    lines = result.lines
    wanted = {column: {line.values.get(column, "") for line in lines} - {""} for column in COLUMNS[:4]}
    categories = Category.objects.in_bulk(wanted["category_code"], field_name="code")
    organisations = Organisation.objects.in_bulk(wanted["area_slug"] | wanted["organisation_slug"], field_name="slug")
    topics = Topic.objects.in_bulk(wanted["topic_slug"], field_name="slug")
    current = {(rule.category_id, rule.area_id, rule.topic_id): rule for rule in active_rules()}
    first_line: dict[tuple[Any, ...], int] = {}
    errors = result.errors

    def error(line: Line, message: Any) -> None:
        errors.append(LineError(line.line, message))

    for line in lines:
        values, before = line.values, len(errors)
        if "__error__" in values:
            error(line, _("nhiều ô hơn số cột của tiêu đề."))
            continue
        for column in COLUMNS:
            if any(unicodedata.category(char) in INVISIBLE_CATEGORIES for char in values[column]):
                message = _("cột %(column)s chứa ký tự điều khiển hoặc ký tự ẩn (như NUL, xuống dòng, tab).")
                error(line, message % {"column": column})
        if values["category_code"]:
            line.category = categories.get(values["category_code"])
            if line.category is None:
                error(line, _("không có lĩnh vực mã “%(code)s”.") % {"code": values["category_code"]})
            elif not line.category.active:
                error(line, _("lĩnh vực “%(name)s” đã ngừng sử dụng.") % {"name": line.category})
        if values["area_slug"]:
            line.area = organisations.get(values["area_slug"])
            if line.area is None:
                error(line, _("không có địa bàn “%(slug)s”.") % {"slug": values["area_slug"]})
        if values["topic_slug"]:
            line.topic = topics.get(values["topic_slug"])
            if line.topic is None:
                error(line, _("không có chủ đề “%(slug)s”.") % {"slug": values["topic_slug"]})
        if not values["organisation_slug"]:
            error(line, _("thiếu cơ quan chịu trách nhiệm (organisation_slug)."))
        else:
            line.organisation = organisations.get(values["organisation_slug"])
            if line.organisation is None:
                error(line, _("không có cơ quan “%(slug)s”.") % {"slug": values["organisation_slug"]})
            elif not line.organisation.active:
                error(line, _("cơ quan “%(name)s” đã ngừng hoạt động.") % {"name": line.organisation})
        if len(values["note"]) > config.MAX_NOTE:
            error(line, _("ghi chú dài quá %(limit)d ký tự.") % {"limit": config.MAX_NOTE})
        key = (values["category_code"], values["area_slug"], values["topic_slug"])
        if key in first_line:
            error(line, _("trùng lĩnh vực, địa bàn và chủ đề với dòng %(line)d.") % {"line": first_line[key]})
            continue
        first_line[key] = line.line
        if len(errors) > before:
            continue
        rule_key = (
            line.category.pk if line.category else None,
            line.area.pk if line.area else None,
            line.topic.pk if line.topic else None,
        )
        line.existing = current.pop(rule_key, None)
        if line.existing is None:
            line.action = "create"
        elif line.existing.organisation_id == getattr(line.organisation, "pk", None) and (
            line.existing.note == values["note"]
        ):
            line.action = "same"
        else:
            line.action = "update"
    if replace:
        result.deactivate = list(current.values())
    result.errors.sort(key=lambda item: item.line)
    return result


@transaction.atomic
def import_rules(actor: Any, data: bytes | str, *, replace: bool = False) -> Plan:
    """Apply the file: new rules created, rules of the same key changed, and with `replace` the
    active rules the file does not name stop applying. All or nothing; one audit entry."""
    config._require_manager(actor)
    result = plan(data, replace=replace)
    if result.errors:
        raise ImportRejected(result.errors)
    if not result.changes:
        return result
    for rule in result.deactivate:
        rule.active = False
        rule.save(update_fields=["active"])
    touched: list[RoutingRule] = []
    for line in result.lines:
        if line.action == "update" and line.existing is not None:
            line.existing.organisation = line.organisation  # type: ignore[assignment]
            line.existing.note = line.values["note"]
            line.existing.save(update_fields=["organisation", "note"])
            touched.append(line.existing)
        elif line.action == "create":
            assert line.organisation is not None  # plan() refused a line without one
            rule = RoutingRule.objects.create(
                category=line.category, area=line.area, topic=line.topic,
                organisation=line.organisation, note=line.values["note"],
            )  # fmt: skip
            line.existing = rule
            touched.append(rule)
    raw = data.encode() if isinstance(data, str) else data
    anchor = touched[0] if touched else result.deactivate[0]
    record(
        actor,
        "routing_rule.import",
        anchor,
        summary=result.summary(),
        after={
            "file_sha256": hashlib.sha256(raw).hexdigest(),
            "replace": replace,
            "created": [line.existing.pk for line in result.lines if line.action == "create" and line.existing],
            "updated": [line.existing.pk for line in result.lines if line.action == "update" and line.existing],
            "deactivated": [rule.pk for rule in result.deactivate],
        },
    )
    return result
