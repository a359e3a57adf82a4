"""What a refused value is told in the client's language: pydantic writes its validation messages in
English ("String should match pattern …"); the API answers in Vietnamese (English on request). Each
common pydantic error type has its message here, with the values of its context (the longest length,
the pattern, the accepted values, …). A message raised by our own validators (`value_error`) is
already translated and is passed on. The machine-readable `type` and `loc` stay as pydantic wrote them."""

import re
from typing import Any

from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

# The pydantic error type → the message; %(name)s takes the error's context value of that name.
MESSAGES: dict[str, Any] = {
    "missing": _("Thiếu trường bắt buộc này."),
    "extra_forbidden": _("Trường này không được nhận."),
    "string_type": _("Phải là một chuỗi ký tự."),
    "string_too_short": _("Phải có ít nhất %(min_length)s ký tự."),
    "string_too_long": _("Không được dài quá %(max_length)s ký tự."),
    "string_pattern_mismatch": _("Không đúng định dạng (mẫu: %(pattern)s)."),
    "string_unicode": _("Chuỗi ký tự không hợp lệ (không phải Unicode)."),
    "int_type": _("Phải là một số nguyên."),
    "int_parsing": _("Phải là một số nguyên."),
    "int_parsing_size": _("Số nguyên quá lớn."),
    "int_from_float": _("Phải là một số nguyên, không có phần thập phân."),
    "float_type": _("Phải là một số."),
    "float_parsing": _("Phải là một số."),
    "finite_number": _("Phải là một số hữu hạn."),
    "decimal_type": _("Phải là một số thập phân."),
    "decimal_parsing": _("Phải là một số thập phân."),
    "decimal_max_digits": _("Không được có quá %(max_digits)s chữ số."),
    "decimal_max_places": _("Không được có quá %(decimal_places)s chữ số sau dấu thập phân."),
    "bool_type": _("Phải là true hoặc false."),
    "bool_parsing": _("Phải là true hoặc false."),
    "greater_than": _("Phải lớn hơn %(gt)s."),
    "greater_than_equal": _("Phải lớn hơn hoặc bằng %(ge)s."),
    "less_than": _("Phải nhỏ hơn %(lt)s."),
    "less_than_equal": _("Phải nhỏ hơn hoặc bằng %(le)s."),
    "multiple_of": _("Phải là bội số của %(multiple_of)s."),
    "datetime_type": _("Phải là một thời điểm theo ISO 8601, ví dụ 2026-12-08T17:00:00+07:00."),
    "datetime_parsing": _("Phải là một thời điểm theo ISO 8601, ví dụ 2026-12-08T17:00:00+07:00."),
    "datetime_from_date_parsing": _("Phải là một thời điểm theo ISO 8601, ví dụ 2026-12-08T17:00:00+07:00."),
    "datetime_object_invalid": _("Thời điểm không hợp lệ."),
    "timezone_aware": _("Thời điểm phải kèm múi giờ, ví dụ 2026-12-08T17:00:00+07:00."),
    "timezone_naive": _("Thời điểm không được kèm múi giờ."),
    "datetime_past": _("Phải là một thời điểm đã qua."),
    "datetime_future": _("Phải là một thời điểm trong tương lai."),
    "date_type": _("Phải là một ngày, viết YYYY-MM-DD."),
    "date_parsing": _("Phải là một ngày, viết YYYY-MM-DD."),
    "date_from_datetime_parsing": _("Phải là một ngày, viết YYYY-MM-DD."),
    "date_from_datetime_inexact": _("Phải là một ngày, không kèm giờ."),
    "date_past": _("Phải là một ngày đã qua."),
    "date_future": _("Phải là một ngày trong tương lai."),
    "time_type": _("Phải là một giờ trong ngày, viết HH:MM."),
    "time_parsing": _("Phải là một giờ trong ngày, viết HH:MM."),
    "time_delta_type": _("Phải là một khoảng thời gian."),
    "time_delta_parsing": _("Phải là một khoảng thời gian."),
    "enum": _("Phải là một trong các giá trị: %(expected)s."),
    "literal_error": _("Phải là một trong các giá trị: %(expected)s."),
    "json_invalid": _("JSON không hợp lệ."),
    "json_type": _("Phải là một chuỗi JSON."),
    "list_type": _("Phải là một danh sách."),
    "tuple_type": _("Phải là một danh sách."),
    "set_type": _("Phải là một danh sách không trùng lặp."),
    "dict_type": _("Phải là một đối tượng JSON."),
    "model_type": _("Phải là một đối tượng JSON."),
    "model_attributes_type": _("Phải là một đối tượng JSON."),
    "too_short": _("Phải có ít nhất %(min_length)s phần tử."),
    "too_long": _("Không được có quá %(max_length)s phần tử."),
    "url_type": _("Phải là một địa chỉ URL."),
    "url_parsing": _("Địa chỉ URL không hợp lệ."),
    "url_syntax_violation": _("Địa chỉ URL không hợp lệ."),
    "url_too_long": _("Địa chỉ URL không được dài quá %(max_length)s ký tự."),
    "url_scheme": _("Địa chỉ URL phải bắt đầu bằng %(expected_schemes)s."),
    "uuid_type": _("Phải là một UUID."),
    "uuid_parsing": _("UUID không hợp lệ."),
    "uuid_version": _("Phải là UUID phiên bản %(expected_version)s."),
    "bytes_type": _("Phải là dữ liệu nhị phân hoặc chuỗi."),
    "bytes_too_short": _("Phải có ít nhất %(min_length)s byte."),
    "bytes_too_long": _("Không được dài quá %(max_length)s byte."),
    "none_required": _("Phải để trống (null)."),
    "union_tag_invalid": _("Loại %(tag)s không hợp lệ; phải là một trong: %(expected_tags)s."),
    "union_tag_not_found": _("Thiếu trường %(discriminator)s để biết loại."),
}
# Any other type: a refused value, said plainly.
FALLBACK = _("Giá trị không hợp lệ.")
# Our own validators raise ValueError (or assert) with a message already in the client's language.
OWN_MESSAGE_TYPES = frozenset({"value_error", "assertion_error"})
# pydantic writes a list of accepted values as "'a', 'b' or 'c'": its last "or" is English.
LAST_OR = re.compile(r"' or '")


def _context(ctx: dict[str, Any]) -> dict[str, str]:
    values = {name: str(value) for name, value in ctx.items()}
    for name in ("expected", "expected_schemes", "expected_tags"):
        if name in values:
            values[name] = LAST_OR.sub("' " + gettext("hoặc") + " '", values[name])
    return values


def message_for(error: dict[str, Any]) -> str:
    """The message for one pydantic error dict (type, loc, msg, ctx), in the active language."""
    kind = str(error.get("type", ""))
    ctx = error.get("ctx") or {}
    if kind in OWN_MESSAGE_TYPES and ctx.get("error"):
        return str(ctx["error"])
    template = MESSAGES.get(kind, FALLBACK)
    try:
        return str(template) % _context(ctx) if "%(" in str(template) else str(template)
    except (KeyError, TypeError, ValueError):  # a context value pydantic did not give: say it plainly
        return str(FALLBACK)
