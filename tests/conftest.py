import logging
import os

import pytest
from django.utils import translation

from tests.factories import Newsroom

# aiosmtpd, the tests' SMTP server, logs every session's end at INFO from its own thread, which
# can run after pytest has closed the test's captured stream ("Logging error" tracebacks).
logging.getLogger("mail.log").setLevel(logging.WARNING)

# CI sets PRESSCENTER_REQUIRE_ALL=1: a test that would skip for a missing part fails instead.
REQUIRE_ALL = os.environ.get("PRESSCENTER_REQUIRE_ALL") == "1"


def skip_or_fail(reason: str) -> None:
    if REQUIRE_ALL:
        pytest.fail(f"required in CI but missing: {reason}")
    pytest.skip(reason)


@pytest.fixture(autouse=True)
def _fast_and_isolated(settings, tmp_path):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.AUDIT_CHECKPOINT_DIR = tmp_path / "audit"
    settings.ROUTING_MODEL_PATH = tmp_path / "routing-model.bin"  # never the demo's trained model
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
    # Tests sign staff in with force_login/login(); tests/accounts turn these back on.
    settings.PRESSCENTER_REQUIRE_STAFF_OTP = False
    settings.AXES_ENABLED = False
    yield
    # A request in English (Accept-Language, ?lang=en) leaves English active in this thread, as
    # Django does between requests; the next test expects the default language.
    translation.activate(settings.LANGUAGE_CODE)


@pytest.fixture
def newsroom(db) -> Newsroom:
    return Newsroom()
