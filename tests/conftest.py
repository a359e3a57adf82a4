import logging
import os

import pytest
from django.core.cache import cache
from django.test import override_settings
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


@pytest.fixture(scope="session", autouse=True)
def _own_redis_database(django_test_environment):
    """Each xdist worker gets a Redis database of its own, so one worker's cache.clear() (a FLUSHDB)
    cannot wipe the rate-limit counters of a test running in another."""
    from django.conf import settings

    location = settings.CACHES["default"].get("LOCATION", "")
    if not str(location).startswith("redis://"):
        yield
        return
    worker = int(os.environ.get("PYTEST_XDIST_WORKER", "gw0").removeprefix("gw") or 0)
    base = str(location).rsplit("/", 1)[0] if str(location).count("/") > 2 else str(location)
    caches = {"default": {**settings.CACHES["default"], "LOCATION": f"{base}/{1 + worker % 15}"}}
    with override_settings(CACHES=caches):
        yield


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
    cache.clear()  # rate-limit counters and spent one-time tokens: each test starts afresh
    yield
    cache.clear()
    # A request in English (Accept-Language, ?lang=en) leaves English active in this thread, as
    # Django does between requests; the next test expects the default language.
    translation.activate(settings.LANGUAGE_CODE)


@pytest.fixture
def newsroom(db) -> Newsroom:
    return Newsroom()
