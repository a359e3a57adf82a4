"""The two shapes of the listening rule agree: `may_listen` (one loaded user, on every stream
connect) and `listeners` (a queryset, for the hub's re-checks of thousands of streams)."""

import pytest
from django.contrib.auth.models import AnonymousUser

from presscenter.accounts.models import Role
from presscenter.live import access
from presscenter.press.models import Accreditation
from tests import factories
from tests.live.conftest import journalist


@pytest.mark.parametrize("status", [choice for choice, _ in Accreditation.choices])
@pytest.mark.parametrize("accredited", [True, False])
def test_journalists_by_status_and_card(db, status, accredited):
    user = journalist(status, accredited=accredited)
    expected = status not in {Accreditation.SUSPENDED, Accreditation.REVOKED} and not (
        status == Accreditation.APPROVED and not accredited
    )
    assert access.may_listen(user) is expected
    assert access.listeners([user.pk]).exists() is expected


def test_other_users_inactive_and_profileless_journalists(db):
    users = [
        factories.user(),
        factories.user(Role.JOURNALIST),  # no accreditation profile yet
        factories.user(is_active=False),
    ]
    allowed = set(access.listeners([u.pk for u in users]).values_list("id", flat=True))
    assert {u.pk for u in users if access.may_listen(u)} == allowed == {users[0].pk, users[1].pk}
    assert not access.may_listen(AnonymousUser())
