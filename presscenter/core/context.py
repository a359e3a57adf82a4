from django.conf import settings
from django.http import HttpRequest
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

DEFAULT_SITE_NAME = "Trung tâm Báo chí Thủ đô"


def site_name() -> str | Promise:
    """The default name is translated; a name set by the operator is shown as given."""
    return _("Trung tâm Báo chí Thủ đô") if settings.SITE_NAME == DEFAULT_SITE_NAME else settings.SITE_NAME


def site(request: HttpRequest) -> dict[str, object]:
    return {"SITE_NAME": site_name(), "SITE_URL": settings.SITE_URL}
