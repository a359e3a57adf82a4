"""A value the schema refuses is told in the client's language, with the limit it broke: Vietnamese by
default, English on request; pydantic's machine-readable `type` and `loc` stay beside it."""

import datetime as dt
import uuid
from typing import Annotated, Literal

import pytest
from django.utils import translation
from pydantic import AnyUrl, AwareDatetime, BaseModel, ConfigDict, Field, StringConstraints, ValidationError

from presscenter.core.api_messages import FALLBACK, MESSAGES, message_for
from presscenter.releases.models import ItemType
from tests.api.conftest import ApiClient, assert_error


def detail(response) -> dict:
    error = assert_error(response, 422, "validation_error")
    assert len(error["details"]) == 1, error
    return error["details"][0]


@pytest.mark.parametrize(
    ("body", "kind", "vi", "en"),
    [
        ("{}", "missing", "Thiếu trường bắt buộc này.", "This field is required."),
        ('{"title": 5}', "string_type", "Phải là một chuỗi ký tự.", "Must be a string."),
        (
            '{"title": "' + "x" * 301 + '"}',
            "string_too_long",
            "Không được dài quá 300 ký tự.",
            "Must be at most 300 characters long.",
        ),
        (
            '{"title": "Tin", "embargo_until": "2030-01-01T08:00:00"}',
            "timezone_aware",
            "Thời điểm phải kèm múi giờ, ví dụ 2026-12-08T17:00:00+07:00.",
            "The time must include a time zone, e.g. 2026-12-08T17:00:00+07:00.",
        ),
        (
            '{"title": "Tin\\u0000"}',
            "value_error",
            "Không được chứa ký tự điều khiển.",
            "Control characters are not allowed.",
        ),
    ],
    ids=lambda value: value if isinstance(value, str) and value.isidentifier() else None,
)
def test_a_refused_body_value_in_both_languages(editor_api, body, kind, vi, en):
    field = "title" if kind != "timezone_aware" else "embargo_until"
    shown = detail(editor_api.post("/api/agency/items", raw=body))
    assert shown == {"field": f"body.payload.{field}", "message": vi, "type": kind, "loc": ["body", "payload", field]}
    english = ApiClient(editor_api.headers["Authorization"].removeprefix("Bearer "), **{"Accept-Language": "en"})
    assert detail(english.post("/api/agency/items", raw=body))["message"] == en


@pytest.mark.parametrize(
    ("query", "kind", "vi", "en"),
    [
        ("page=abc", "int_parsing", "Phải là một số nguyên.", "Must be a whole number."),
        ("page=0", "greater_than_equal", "Phải lớn hơn hoặc bằng 1.", "Must be greater than or equal to 1."),
        ("page_size=1000", "less_than_equal", "Phải nhỏ hơn hoặc bằng 100.", "Must be less than or equal to 100."),
        (
            "agency=a%00b",
            "string_pattern_mismatch",
            "Không đúng định dạng (mẫu: ^[-a-zA-Z0-9_]+$).",
            "Does not match the expected format (pattern: ^[-a-zA-Z0-9_]+$).",
        ),
        (
            "date_from=hôm-qua",
            "value_error",
            "Phải là một ngày từ 1900-01-01 đến 2199-12-31, viết YYYY-MM-DD.",
            "Must be a day from 1900-01-01 to 2199-12-31, written YYYY-MM-DD.",
        ),
    ],
)
def test_a_refused_query_value_in_both_languages(anonymous, query, kind, vi, en):
    shown = detail(anonymous.client.get(f"/api/items?{query}"))
    assert (shown["type"], shown["message"], shown["loc"][0]) == (kind, vi, "query")
    assert detail(anonymous.client.get(f"/api/items?{query}&lang=en"))["message"] == en


def test_the_accepted_values_are_listed_with_the_language_s_or(anonymous):
    shown = detail(anonymous.client.get("/api/items?type=rumour"))
    assert shown["type"] == "enum" and shown["message"].startswith("Phải là một trong các giá trị: 'press_release'")
    *others, last = [f"'{value}'" for value in ItemType.values]
    assert shown["message"].endswith(f"{others[-1]} hoặc {last}.")
    english = detail(anonymous.client.get("/api/items?type=rumour&lang=en"))["message"]
    assert english.startswith("Must be one of: 'press_release'") and english.endswith(f"{others[-1]} or {last}.")


# Every type in the table, from real pydantic errors ----------------------------------------------


class Sample(BaseModel):
    model_config = ConfigDict(extra="forbid")

    name: Annotated[str, StringConstraints(min_length=2, max_length=5, pattern=r"^[a-z]+$")] = "ab"
    count: int = 0
    ratio: float = 0.0
    flag: bool = False
    when: dt.datetime | None = None
    aware: AwareDatetime | None = None
    day: dt.date | None = None
    colour: Literal["red", "green", "blue"] = "red"
    score: Annotated[int, Field(gt=0, lt=10)] = 5
    tags: Annotated[list[str], Field(min_length=1, max_length=2)] = ["a"]
    link: AnyUrl | None = None
    uid: uuid.UUID | None = None


def errors_of(data: dict) -> list[dict]:
    try:
        Sample.model_validate(data)
    except ValidationError as refused:
        return refused.errors(include_url=False)
    raise AssertionError(f"accepted: {data}")


CASES = [
    ({"name": "a"}, "string_too_short", "Phải có ít nhất 2 ký tự.", "Must be at least 2 characters long."),
    ({"name": "abcdef"}, "string_too_long", "Không được dài quá 5 ký tự.", "Must be at most 5 characters long."),
    ({"count": "x"}, "int_parsing", "Phải là một số nguyên.", "Must be a whole number."),
    ({"ratio": "x"}, "float_parsing", "Phải là một số.", "Must be a number."),
    ({"flag": "maybe"}, "bool_parsing", "Phải là true hoặc false.", "Must be true or false."),
    (
        {"day": "x"},
        "date_from_datetime_parsing",
        "Phải là một ngày, viết YYYY-MM-DD.",
        "Must be a day, written YYYY-MM-DD.",
    ),
    ({"score": 0}, "greater_than", "Phải lớn hơn 0.", "Must be greater than 0."),
    ({"score": 10}, "less_than", "Phải nhỏ hơn 10.", "Must be less than 10."),
    ({"tags": []}, "too_short", "Phải có ít nhất 1 phần tử.", "Must have at least 1 item(s)."),
    ({"tags": ["a", "b", "c"]}, "too_long", "Không được có quá 2 phần tử.", "Must have at most 2 items."),
    ({"link": "không phải url"}, "url_parsing", "Địa chỉ URL không hợp lệ.", "Not a valid URL."),
    ({"uid": "123"}, "uuid_parsing", "UUID không hợp lệ.", "Not a valid UUID."),
    ({"other": 1}, "extra_forbidden", "Trường này không được nhận.", "This field is not accepted."),
    (
        {"colour": "pink"},
        "literal_error",
        "Phải là một trong các giá trị: 'red', 'green' hoặc 'blue'.",
        "Must be one of: 'red', 'green' or 'blue'.",
    ),
]


@pytest.mark.parametrize(("data", "kind", "vi", "en"), CASES, ids=[case[1] for case in CASES])
def test_each_common_type_has_its_message(data, kind, vi, en):
    (error,) = errors_of(data)
    assert error["type"] == kind
    with translation.override("vi"):
        assert message_for(error) == vi
    with translation.override("en"):
        assert message_for(error) == en


def test_datetime_and_json_messages():
    (error,) = errors_of({"when": "ngày mai"})
    assert error["type"] == "datetime_from_date_parsing"
    with translation.override("vi"):
        assert message_for(error).startswith("Phải là một thời điểm theo ISO 8601")
    try:
        Sample.model_validate_json("{not json")
    except ValidationError as refused:
        (json_error,) = refused.errors(include_url=False)
    assert json_error["type"] == "json_invalid"
    with translation.override("vi"):
        assert message_for(json_error) == "JSON không hợp lệ."


def test_every_message_is_translated_and_an_unknown_type_is_said_plainly():
    with translation.override("vi"):
        vietnamese = {kind: str(text) for kind, text in MESSAGES.items()}
    with translation.override("en"):
        assert [kind for kind, text in MESSAGES.items() if str(text) == vietnamese[kind]] == []
        assert message_for({"type": "some_new_pydantic_type", "loc": ("body",), "msg": "Whatever"}) == str(FALLBACK)
        # A context value missing from the error does not break the answer.
        assert message_for({"type": "string_too_long", "loc": ("body",), "ctx": {}}) == str(FALLBACK)
