"""Helpers of the public asking tests: pass the human check as a person would (read the question
on the page, answer it), and build uploads."""

import io
import re
from typing import Any

from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from PIL import Image

from presscenter.inquiries.human_check import read_answer
from presscenter.text import fold

QUESTION_RE = re.compile(r'id="human-question">([^<]+)</p>')
TOKEN_RE = re.compile(r'name="human_token" value="([^"]+)"')
FEEDBACK_URL = "/hoi-dap/phan-anh/"


def solve(question: str) -> str:
    first, sign, second = fold(question).replace("?", "").split()[:3]
    a, b = read_answer(first), read_answer(second)
    assert a is not None and b is not None
    return str(a + b if sign == "cong" else a - b)


def human_fields(html: str) -> dict[str, str]:
    """The token and the right answer of the question on a page."""
    token = TOKEN_RE.search(html)
    assert token is not None, "no human check on the page"
    question = QUESTION_RE.search(html)
    if question is None:  # a "passed" token: nothing to answer
        return {"human_token": token.group(1)}
    return {"human_token": token.group(1), "human_answer": solve(question.group(1))}


def jpeg(size: tuple[int, int] = (64, 48), **save: Any) -> bytes:
    output = io.BytesIO()
    Image.new("RGB", size, (30, 120, 200)).save(output, "JPEG", **save)
    return output.getvalue()


def png(size: tuple[int, int] = (64, 48), mode: str = "RGB") -> bytes:
    output = io.BytesIO()
    Image.new(mode, size).save(output, "PNG")
    return output.getvalue()


def upload(name: str, data: bytes, content_type: str = "image/jpeg") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, data, content_type=content_type)


def feedback_data(**fields: Any) -> dict[str, Any]:
    data: dict[str, Any] = {
        "kind": "feedback",
        "subject": "Đèn đường hỏng trên phố Hàng Bông",
        "text": "Ba cột đèn đường trước số 40 Hàng Bông không sáng từ tuần trước.",
        "location": "Trước số 40 Hàng Bông",
        "asker_name": "Nguyễn Văn An",
        "asker_email": "an.nguyen@example.vn",
        "asker_phone": "0912 345 678",
        "publish_allowed": "on",
    }
    data.update(fields)
    return {name: value for name, value in data.items() if value is not None}


def send_feedback(client: Any, *, url: str = FEEDBACK_URL, meta: dict[str, str] | None = None, **fields: Any) -> Any:
    """GET the form, answer its human check, POST the feedback (`meta`: the requests' WSGI environ)."""
    page = client.get(url, **(meta or {}))
    data = feedback_data(**fields)
    for name, value in human_fields(page.content.decode()).items():
        data.setdefault(name, value)
    return client.post(url, data, **(meta or {}))


def status_path(inquiry: Any, key: bool = True) -> str:
    path = reverse("inquiries_public:status", args=[inquiry.code])
    return f"{path}?k={inquiry.access_key}" if key else path
