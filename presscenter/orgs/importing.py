"""Import the organisation tree from a CSV file (format: docs/organisations-csv.md).

Every row is checked before anything is written: one bad row and nothing changes. Errors name
the line of the file, so the person who prepared it in a spreadsheet can find them.
"""

import csv
import hashlib
import io
import re
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

from django.core.exceptions import ValidationError
from django.core.validators import URLValidator, validate_email, validate_slug
from django.db import transaction
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from presscenter.audit.domain import record
from presscenter.core.errors import DomainError, PermissionDenied
from presscenter.orgs.access import can_manage_organisations
from presscenter.orgs.models import Kind, Organisation

COLUMNS = (
    "slug", "kind", "name", "name_en", "short_name", "parent_slug", "address", "phone", "email",
    "website", "spokesperson_name", "spokesperson_title", "spokesperson_phone", "spokesperson_email",
)  # fmt: skip
REQUIRED_COLUMNS = ("slug", "kind", "name")
# Columns copied onto Organisation as they are (parent_slug is resolved separately).
FIELD_COLUMNS = tuple(column for column in COLUMNS if column != "parent_slug")
EMAIL_COLUMNS = ("email", "spokesperson_email")
PHONE_COLUMNS = ("phone", "spokesperson_phone")
HEADER_LINE = 1
NO_ROWS = _("tệp không có dòng dữ liệu nào.")
# A spreadsheet runs a cell that starts with one of these as a formula when the list is opened
# again (CSV injection): such values are refused, except an international phone number.
FORMULA_STARTS = ("=", "+", "-", "@")
PHONE_NUMBER = re.compile(r"\+[\d .()-]+")
# Unicode categories of characters nobody types in a name: controls (NUL, line breaks, tabs),
# invisible format characters (bidi overrides, zero-width spaces) and line/paragraph separators.
INVISIBLE_CATEGORIES = frozenset({"Cc", "Cf", "Zl", "Zp"})


@dataclass(frozen=True)
class RowError:
    line: int
    message: Promise | str

    def __str__(self) -> str:
        return str(_("Dòng %(line)d: %(message)s") % {"line": self.line, "message": self.message})


@dataclass
class Row:
    line: int
    values: dict[str, str]

    @property
    def slug(self) -> str:
        return self.values["slug"]

    @property
    def parent_slug(self) -> str:
        return self.values.get("parent_slug", "")


@dataclass
class ImportReport:
    created: list[str] = field(default_factory=list)
    updated: list[str] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)
    deactivated: list[str] = field(default_factory=list)

    @property
    def changed(self) -> bool:
        return bool(self.created or self.updated or self.deactivated)

    def summary(self) -> str:
        return str(
            _(
                "%(created)d cơ quan mới, %(updated)d cập nhật, %(unchanged)d giữ nguyên, %(deactivated)d ngừng hoạt động."
            )
            % {
                "created": len(self.created),
                "updated": len(self.updated),
                "unchanged": len(self.unchanged),
                "deactivated": len(self.deactivated),
            }
        )


class ImportRejected(DomainError):
    """The file has errors; `errors` lists them by line. Nothing was changed."""

    def __init__(self, errors: list[RowError]):
        super().__init__(_("Tệp có %(count)d lỗi; chưa thay đổi gì.") % {"count": len(errors)})
        self.errors = errors


def _decode(data: bytes) -> str:
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data.count(b"\n", 0, exc.start) + 1
        raise ImportRejected([RowError(line, _("tệp không phải UTF-8 (hãy lưu lại dạng “CSV UTF-8”)."))]) from exc


def _csv_error(error: csv.Error) -> Promise | str:
    """What the csv module's complaint means for a person who edits the file in a spreadsheet."""
    reason = str(error)
    if "field larger than field limit" in reason:
        return _("có ô dài quá %(limit)d ký tự.") % {"limit": csv.field_size_limit()}
    if "unexpected end of data" in reason:
        return _("dấu ngoặc kép mở ở đây không được đóng: phần còn lại của tệp sẽ dồn vào một ô.")
    return _("dấu ngoặc kép đặt sai chỗ (một ô có dấu ngoặc kép phải được bao trọn trong ngoặc kép).")


def _records(text: str) -> Iterator[tuple[int, list[str]]]:
    """(first line, cells) of each record. A quoted cell may span several lines; a malformed
    record (an unclosed or stray quote, a huge cell) is refused at the line it starts on."""
    reader = csv.reader(io.StringIO(text, newline=""), strict=True)
    line = 0
    while True:
        start = line + 1
        try:
            cells = next(reader)
        except StopIteration:
            return
        except csv.Error as error:
            raise ImportRejected([RowError(start, _csv_error(error))]) from error
        line = reader.line_num
        yield start, cells


def _header(cells: list[str] | None) -> list[str]:
    if cells is None:
        raise ImportRejected([RowError(HEADER_LINE, NO_ROWS)])
    header = [name.strip().lower() for name in cells]
    unknown = [name for name in header if name not in COLUMNS]
    missing = [name for name in REQUIRED_COLUMNS if name not in header]
    if unknown or missing:
        message = _("tiêu đề cột sai (thiếu: %(missing)s; không rõ: %(unknown)s). Các cột: %(columns)s.") % {
            "missing": ", ".join(missing) or "—",
            "unknown": ", ".join(unknown) or "—",
            "columns": ",".join(COLUMNS),
        }
        raise ImportRejected([RowError(HEADER_LINE, message)])
    repeated = sorted({name for name in header if header.count(name) > 1})
    if repeated:
        message = _("tiêu đề có cột lặp lại: %(columns)s.") % {"columns": ", ".join(repeated)}
        raise ImportRejected([RowError(HEADER_LINE, message)])
    return header


def read_rows(data: bytes | str) -> list[Row]:
    """Parse the file (UTF-8, with or without BOM). Raises ImportRejected for an unreadable file."""
    text = _decode(data) if isinstance(data, bytes) else data
    records = _records(text.removeprefix("\ufeff"))
    header = _header(next((cells for _line, cells in records), None))
    rows = []
    for start, cells in records:
        if not any(cell.strip() for cell in cells):
            continue
        if len(cells) > len(header):
            rows.append(Row(start, {"__error__": "columns"}))
            continue
        values = {name: cell.strip() for name, cell in zip(header, cells, strict=False)}
        rows.append(Row(start, {name: values.get(name, "") for name in COLUMNS}))
    if not rows:
        raise ImportRejected([RowError(HEADER_LINE, NO_ROWS)])
    return rows


def _cell_errors(column: str, value: str) -> list[str]:
    """Characters that have no place in the tree and formulas that a spreadsheet would run."""
    errors = []
    if any(unicodedata.category(char) in INVISIBLE_CATEGORIES for char in value):
        errors.append(
            _("cột %(column)s chứa ký tự điều khiển hoặc ký tự ẩn (như NUL, xuống dòng, tab).") % {"column": column}
        )
    phone_number = column in PHONE_COLUMNS and PHONE_NUMBER.fullmatch(value)
    if value.startswith(FORMULA_STARTS) and not phone_number:
        errors.append(
            _("cột %(column)s bắt đầu bằng “%(char)s”: bảng tính sẽ coi đó là công thức.")
            % {"column": column, "char": value[0]}
        )
    return errors


def _row_errors(row: Row) -> list[RowError]:
    if "__error__" in row.values:
        return [RowError(row.line, _("nhiều ô hơn số cột của tiêu đề."))]
    values, errors = row.values, []

    def error(message: Any) -> None:
        errors.append(RowError(row.line, message))

    if not values["slug"]:
        error(_("thiếu định danh (slug)."))
    else:
        try:
            validate_slug(values["slug"])
        except ValidationError:
            error(_("định danh “%(slug)s” chỉ được gồm chữ không dấu, số, “-” và “_”.") % {"slug": values["slug"]})
    if values["kind"] not in Kind.values:
        error(
            _("loại cơ quan “%(kind)s” không hợp lệ (dùng một trong: %(kinds)s).")
            % {"kind": values["kind"], "kinds": ", ".join(Kind.values)}
        )
    if not values["name"]:
        error(_("thiếu tên cơ quan."))
    for column in EMAIL_COLUMNS:
        if values[column]:
            try:
                validate_email(values[column])
            except ValidationError:
                error(_("địa chỉ thư “%(email)s” không hợp lệ.") % {"email": values[column]})
    if values["website"]:
        try:
            URLValidator(schemes=["http", "https"])(values["website"])
        except ValidationError:
            error(_("địa chỉ trang thông tin “%(url)s” không hợp lệ.") % {"url": values["website"]})
    for column in FIELD_COLUMNS:
        limit = getattr(Organisation._meta.get_field(column), "max_length", None)
        if limit and len(values[column]) > limit:
            error(_("cột %(column)s dài quá %(limit)d ký tự.") % {"column": column, "limit": limit})
    for column in COLUMNS:
        for message in _cell_errors(column, values[column]):
            error(message)
    return errors


def validate(rows: list[Row], *, replace: bool) -> list[RowError]:
    """Every error of the file, in line order."""
    errors = [error for row in rows for error in _row_errors(row)]
    first_line: dict[str, int] = {}
    for row in rows:
        slug = row.values.get("slug", "")
        if not slug:
            continue
        if slug in first_line:
            errors.append(
                RowError(
                    row.line,
                    _("định danh “%(slug)s” trùng với dòng %(line)d.") % {"slug": slug, "line": first_line[slug]},
                )
            )
        else:
            first_line[slug] = row.line
    readable = [row for row in rows if "__error__" not in row.values]
    errors += _tree_errors(readable, replace=replace) + _root_errors(readable, replace=replace)
    return sorted(errors, key=lambda error: error.line)


def _tree_errors(rows: list[Row], *, replace: bool) -> list[RowError]:
    """Unknown parents and cycles, in the tree as it will be after the import."""
    existing = dict(Organisation.objects.values_list("slug", "parent__slug"))
    in_file = {row.slug for row in rows if row.slug}
    # With --replace, organisations absent from the file are deactivated: they cannot be parents.
    known = in_file if replace else in_file | set(existing)
    parent_of: dict[str, str | None] = {} if replace else dict(existing)
    parent_of.update({row.slug: row.parent_slug or None for row in rows if row.slug})
    _depths, on_cycle = _walk(parent_of)
    errors = []
    for row in rows:
        parent = row.parent_slug
        if not parent:
            continue
        if parent not in known:
            errors.append(
                RowError(
                    row.line,
                    _("cơ quan cấp trên “%(parent)s” không có trong tệp hay trong hệ thống.") % {"parent": parent},
                )
            )
        elif row.slug in on_cycle:
            errors.append(
                RowError(row.line, _("cơ quan cấp trên của “%(slug)s” tạo thành vòng lặp.") % {"slug": row.slug})
            )
    return errors


def _root_errors(rows: list[Row], *, replace: bool) -> list[RowError]:
    """The tree has one top (the city): a second row without a parent is refused, and so is a
    new top while another active organisation outside the file already is the top."""
    tops = [row for row in rows if row.slug and not row.parent_slug]
    in_file = {row.slug for row in rows}
    others = Organisation.objects.none() if replace else Organisation.objects.filter(active=True, parent=None)
    existing = sorted(others.exclude(slug__in=in_file).values_list("slug", flat=True))
    first = tops[0].slug if tops and not existing else ", ".join(existing)
    extra = tops[1:] if not existing else tops
    return [
        RowError(
            row.line,
            _("“%(slug)s” không có cơ quan cấp trên, nhưng cây chỉ có một cấp cao nhất (đã có: %(top)s).")
            % {"slug": row.slug, "top": first},
        )
        for row in extra
    ]


def _walk(parent_of: dict[str, str | None]) -> tuple[dict[str, int], set[str]]:
    """(depth of every organisation that reaches the top, the top's depth being 0; organisations
    on a cycle). One below a cycle is in neither. Each organisation is walked once, so an
    8,000-row chain costs 8,000 steps, not 32 million."""
    depth: dict[str, int] = {}
    on_cycle: set[str] = set()
    stuck: set[str] = set()  # on or below a cycle
    for start in parent_of:
        path: list[str] = []
        position: dict[str, int] = {}
        current: str | None = start
        while current is not None and current not in depth and current not in stuck:
            if current in position:
                on_cycle.update(path[position[current] :])
                break
            position[current] = len(path)
            path.append(current)
            current = parent_of.get(current)
        if current is None or current in depth:
            level = -1 if current is None else depth[current]
            for slug in reversed(path):
                level += 1
                depth[slug] = level
        else:
            stuck.update(path)
    return depth, on_cycle


@transaction.atomic
def import_organisations(actor: Any, data: bytes | str, *, replace: bool = False) -> ImportReport:
    """Create or update organisations from the file; with `replace`, deactivate those missing
    from it (never delete: items and accounts keep their agency). One audit entry for the import."""
    # actor None: the operator at the server's command line (`presscenter import-orgs`).
    if actor is not None and not can_manage_organisations(actor):
        raise PermissionDenied(_("Chỉ Trung tâm mới quản lý danh sách cơ quan."))
    rows = read_rows(data)
    errors = validate(rows, replace=replace)
    if errors:
        raise ImportRejected(errors)

    parent_of = {row.slug: row.parent_slug or None for row in rows}
    depth, _on_cycle = _walk(parent_of)
    rows.sort(key=lambda row: depth[row.slug])  # parents are written before children
    by_slug = {org.slug: org for org in Organisation.objects.select_for_update(of=("self",)).select_related("parent")}
    report = ImportReport()
    for row in rows:
        org = by_slug.get(row.slug)
        wanted: dict[str, Any] = {column: row.values[column] for column in FIELD_COLUMNS}
        wanted["parent"] = by_slug[row.parent_slug] if row.parent_slug else None
        wanted["active"] = True
        if org is None:
            org = Organisation.objects.create(**wanted)
            by_slug[org.slug] = org
            report.created.append(org.slug)
            continue
        changed = [name for name, value in wanted.items() if getattr(org, name) != value]
        if changed:
            for name in changed:
                setattr(org, name, wanted[name])
            org.save(update_fields=changed)
            report.updated.append(org.slug)
        else:
            report.unchanged.append(org.slug)
    if replace:
        missing = Organisation.objects.filter(active=True).exclude(slug__in=parent_of)
        report.deactivated = sorted(missing.values_list("slug", flat=True))
        missing.update(active=False)
    if report.changed:
        _record_import(actor, by_slug[rows[0].slug], data, report, replace=replace)
    return report


def _record_import(actor: Any, top: Organisation, data: bytes | str, report: ImportReport, *, replace: bool) -> None:
    raw = data.encode() if isinstance(data, str) else data
    record(
        actor,
        "orgs.import",
        top,
        summary=report.summary(),
        after={
            "file_sha256": hashlib.sha256(raw).hexdigest(),
            "replace": replace,
            "created": report.created,
            "updated": report.updated,
            "deactivated": report.deactivated,
        },
    )
