import pytest
from django.db import transaction

from presscenter.audit import checkpoints
from presscenter.audit.domain import record
from presscenter.audit.models import AuditEntry
from tests import factories


@pytest.fixture
def log(db) -> list[AuditEntry]:
    """Forty entries, the last of them anchored by a checkpoint."""
    organisation = factories.organisation()
    with transaction.atomic():
        entries = [record(None, "org.update", organisation, summary=f"Lần {n}") for n in range(40)]
    assert checkpoints.write() is not None
    return entries
