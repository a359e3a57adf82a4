"""Who may do what with outlets and journalists' accreditation."""

from typing import Any

from django.utils.translation import gettext_lazy as _

from presscenter.accounts.roles import is_journalist, is_staff
from presscenter.core.errors import NotFound
from presscenter.press.models import JournalistProfile


def can_manage_accreditation(user: Any) -> bool:
    return is_staff(user)


def can_manage_outlets(user: Any) -> bool:
    return is_staff(user)


def own_profile(user: Any) -> JournalistProfile:
    """The signed-in journalist's own profile."""
    profile = (
        JournalistProfile.objects.select_related("outlet", "user").filter(user_id=user.pk).first()
        if is_journalist(user)
        else None
    )
    if profile is None:
        raise NotFound(_("Tài khoản này chưa có hồ sơ nhà báo."))
    return profile
