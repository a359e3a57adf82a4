"""Who may do what with outlets and journalists' accreditation."""

from typing import Any

from django.utils.translation import gettext_lazy as _

from presscenter.accounts.models import Role
from presscenter.core.errors import NotFound
from presscenter.press.models import JournalistProfile
from presscenter.releases.access import is_staff


def can_manage_accreditation(user: Any) -> bool:
    return is_staff(user)


def can_manage_outlets(user: Any) -> bool:
    return is_staff(user)


def is_journalist(user: Any) -> bool:
    return bool(user is not None and user.is_authenticated and user.is_active and user.role == Role.JOURNALIST)


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
