"""The dashboard's cards and the sidebar, as each role meets them."""

import pytest
from django.urls import reverse

from presscenter.delivery.access import can_view_health
from presscenter.press.models import Accreditation
from presscenter.webhooks.access import can_administer_webhooks
from tests.press.conftest import journalist, make_outlet

pytestmark = pytest.mark.django_db


def test_operator_dashboard_counts_pending_accreditations_with_a_link_to_the_queue(newsroom, login):
    outlet = make_outlet()
    journalist(outlet)
    journalist(outlet)
    journalist(outlet, approved_by=newsroom.operator)
    page = login(newsroom.operator).get(reverse("workspace:home")).content.decode()
    queue = reverse("press:queue") + "?status=" + Accreditation.PENDING
    card = page[page.index(f'href="{queue}"') :]
    assert '<span class="count">2</span> Hồ sơ thẻ tác nghiệp chờ duyệt' in card[: card.index("</a>")]


def test_agency_staff_see_no_accreditation_card(newsroom, login):
    for user in (newsroom.editor, newsroom.spokesperson):
        assert reverse("press:queue") not in login(user).get(reverse("workspace:home")).content.decode()


def test_sidebar_offers_delivery_status_and_webhooks_to_those_who_may_see_them(newsroom, login):
    for user in (newsroom.operator, newsroom.editor, newsroom.spokesperson):
        page = login(user).get(reverse("workspace:home")).content.decode()
        sidebar = page[page.index('class="ws-nav"') : page.index('class="ws-main"')]
        assert (f'href="{reverse("delivery:health")}"' in sidebar) is can_view_health(user)
        assert (f'href="{reverse("webhooks:admin")}"' in sidebar) is can_administer_webhooks(user)
    assert can_view_health(newsroom.operator) and not can_view_health(newsroom.editor)
