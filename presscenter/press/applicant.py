"""The checks of a journalist's application, all run in one pass so the sign-up page can show
every problem at once; `press.domain.sign_up` runs the same checks before it writes."""

import re
from collections.abc import Callable
from datetime import date
from typing import Any

from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from presscenter.accounts.models import Role, User
from presscenter.core.errors import DomainError
from presscenter.press.models import Outlet

# Spaces, dots and hyphens people type inside phone and ID numbers.
SEPARATORS = re.compile(r"[\s.\-()]")
# Mobile 0 + 9 digits; landline 02 + 9 digits (area code 2xx); the same after +84 instead of 0.
PHONE = re.compile(r"^(?:0|\+84)(?:[35789]\d{8}|2\d{9})$")
IDENTITY_NUMBER = re.compile(r"^\d{12}$")  # căn cước công dân (CCCD): 12 digits
# Press cards (thẻ nhà báo) carry an issuing code of letters, then a serial number, sometimes in
# groups: HN-00123, BĐT 4567, HNM-2024-0173, 012345.
PRESS_CARD = re.compile(r"^(?:[A-ZĐ]{1,6}[ ./-]?)?\d+(?:[ ./-]\d+){0,2}$")
PRESS_CARD_DIGITS = range(3, 13)


def required(value: str | None, message: object, field: str) -> str:
    value = (value or "").strip()
    if not value:
        raise DomainError(message, field=field)
    return value


def phone_number(value: str | None) -> str:
    """'' when not given; else 0xxxxxxxxx (or 02xxxxxxxxx), whichever way it was typed."""
    typed = SEPARATORS.sub("", value or "")
    if not typed:
        return ""
    if not PHONE.match(typed):
        raise DomainError(
            _(
                "Số điện thoại không hợp lệ: nhập 10 chữ số bắt đầu bằng 0 (ví dụ 0912 345 678), "
                "số cố định 11 chữ số bắt đầu bằng 02, hoặc dạng +84 912 345 678."
            ),
            field="phone",
        )
    return "0" + typed.removeprefix("+84") if typed.startswith("+84") else typed


def identity_number(value: str | None) -> str:
    typed = SEPARATORS.sub("", required(value, _("Hãy nhập số căn cước công dân."), "identity_number"))
    if not IDENTITY_NUMBER.match(typed):
        raise DomainError(_("Số căn cước công dân gồm đúng 12 chữ số."), field="identity_number")
    return typed


def press_card_number(value: str | None) -> str:
    typed = " ".join(required(value, _("Hãy nhập số thẻ nhà báo."), "press_card_number").upper().split())
    if not PRESS_CARD.match(typed) or sum(c.isdigit() for c in typed) not in PRESS_CARD_DIGITS:
        raise DomainError(
            _(
                "Số thẻ nhà báo không hợp lệ: ghi như trên thẻ, gồm mã chữ (tối đa 6 chữ cái, nếu có) "
                "và 3–12 chữ số (có thể chia nhóm bằng dấu gạch), ví dụ HN-00123 hoặc HNM-2024-0173."
            ),
            field="press_card_number",
        )
    return typed


def press_card_expiry(expiry: date | None) -> date:
    if expiry is None:
        raise DomainError(_("Hãy nhập ngày hết hạn của thẻ nhà báo."), field="press_card_expiry")
    if expiry <= timezone.localdate():
        raise DomainError(_("Thẻ nhà báo đã hết hạn: ngày hết hạn phải ở tương lai."), field="press_card_expiry")
    return expiry


def email_address(value: str | None) -> str:
    email = required(value, _("Hãy nhập thư điện tử."), "email").lower()
    try:
        validate_email(email)
    except ValidationError:
        raise DomainError(_("Thư điện tử không hợp lệ."), field="email") from None
    if User.objects.filter(username__iexact=email).exists() or User.objects.filter(email__iexact=email).exists():
        raise DomainError(_("Thư điện tử này đã được dùng cho một tài khoản khác."), field="email")
    return email


def outlet_choice(outlet: Outlet | None) -> Outlet:
    if outlet is None or not Outlet.objects.filter(pk=outlet.pk, active=True).exists():
        raise DomainError(_("Hãy chọn một cơ quan báo chí trong danh sách."), field="outlet")
    return outlet


def _password(fields: dict[str, Any]) -> str:
    password = fields.get("password") or ""
    email = (fields.get("email") or "").strip().lower()
    account = User(username=email, email=email, full_name=fields.get("full_name") or "", role=Role.JOURNALIST)
    try:
        validate_password(password, account)
    except ValidationError as error:
        raise DomainError(" ".join(error.messages), field="password") from None
    return password


CHECKS: dict[str, Callable[[dict[str, Any]], Any]] = {
    "email": lambda fields: email_address(fields.get("email")),
    "full_name": lambda fields: required(fields.get("full_name"), _("Hãy nhập họ và tên."), "full_name"),
    "phone": lambda fields: phone_number(fields.get("phone")),
    "identity_number": lambda fields: identity_number(fields.get("identity_number")),
    "outlet": lambda fields: outlet_choice(fields.get("outlet")),
    "press_card_number": lambda fields: press_card_number(fields.get("press_card_number")),
    "press_card_expiry": lambda fields: press_card_expiry(fields.get("press_card_expiry")),
    "password": _password,
}


def checked(fields: dict[str, Any], only: set[str] | None = None) -> tuple[dict[str, Any], list[DomainError]]:
    """(normalised values, every refusal) for the named fields (all when `only` is None)."""
    values: dict[str, Any] = {}
    problems: list[DomainError] = []
    for name, check in CHECKS.items():
        if only is not None and name not in only:
            continue
        try:
            values[name] = check(fields)
        except DomainError as error:
            problems.append(error)
    return values, problems
