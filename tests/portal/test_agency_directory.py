"""/co-quan/ and the search agency filter: every issuer, grouped by kind, in Vietnamese order
(defects 20 and 21)."""

from django.urls import reverse

from presscenter.orgs.models import Kind
from presscenter.search.forms import SearchForm
from tests import factories
from tests.factories import Newsroom


def listed_names(html: str, names: list[str]) -> list[str]:
    """The given names in the order the page shows them."""
    return sorted((name for name in names if name in html), key=html.index)


def test_directory_groups_by_kind_then_vietnamese_order(client, db):
    # Created in the wrong order on purpose: neither insertion nor the kind's code decides.
    names = {
        "Xã Sóc Sơn": Kind.COMMUNE, "Xã Đông Anh": Kind.COMMUNE, "Phường Ô Chợ Dừa": Kind.WARD,
        "Phường Đống Đa": Kind.WARD, "Công an Thành phố": Kind.SECTOR, "Ban Dân tộc": Kind.BOARD,
        "Sở Y tế": Kind.DEPARTMENT, "Sở Du lịch": Kind.DEPARTMENT, "Sở Dân tộc và Tôn giáo": Kind.DEPARTMENT,
        "Văn phòng UBND Thành phố": Kind.OFFICE, "UBND thành phố Hà Nội": Kind.PEOPLES_COMMITTEE,
    }  # fmt: skip
    for name, kind in names.items():
        Newsroom(name=name, kind=kind).publish(title=f"Thông báo của {name}")
    html = client.get(reverse("portal:agency_list")).content.decode()
    assert listed_names(html, list(names)) == [
        "UBND thành phố Hà Nội", "Văn phòng UBND Thành phố",
        "Sở Dân tộc và Tôn giáo", "Sở Du lịch", "Sở Y tế", "Ban Dân tộc", "Công an Thành phố",
        "Phường Đống Đa", "Phường Ô Chợ Dừa", "Xã Đông Anh", "Xã Sóc Sơn",
    ]  # fmt: skip


def test_a_ward_that_publishes_is_listed_and_one_that_does_not_is_not(client, db):
    Newsroom(kind=Kind.WARD, name="Phường Hoàn Kiếm").publish(title="Lịch tiếp công dân")
    silent = factories.organisation(kind=Kind.WARD, name="Phường Ba Đình")
    Newsroom(kind=Kind.COMMUNE, name="Xã Bát Tràng").draft(title="Chưa công bố")
    html = client.get(reverse("portal:agency_list")).content.decode()
    assert "Phường Hoàn Kiếm" in html
    assert silent.name not in html
    assert "Xã Bát Tràng" not in html  # a draft is not a publication


def test_a_former_agency_with_public_items_stays_listed(client, db):
    former = Newsroom(name="Sở Kế hoạch và Đầu tư")
    former.publish(title="Thông báo cũ")
    type(former.org).objects.filter(pk=former.org.pk).update(active=False)
    assert "Sở Kế hoạch và Đầu tư" in client.get(reverse("portal:agency_list")).content.decode()


def test_search_agency_filter_offers_publishing_wards_in_vietnamese_order(db):
    Newsroom(kind=Kind.WARD, name="Phường Hoàn Kiếm").publish(title="Lịch tiếp công dân")
    factories.organisation(kind=Kind.WARD, name="Phường Ba Đình")
    for name in ("Sở Y tế", "Sở Du lịch", "Sở Dân tộc và Tôn giáo"):
        factories.organisation(name=name)
    agencies = [label for _slug, label in SearchForm().fields["agency"].choices][1:]
    assert agencies == ["Phường Hoàn Kiếm", "Sở Dân tộc và Tôn giáo", "Sở Du lịch", "Sở Y tế"]
    areas = [label for _slug, label in SearchForm().fields["area"].choices][1:]
    assert areas == ["Phường Ba Đình", "Phường Hoàn Kiếm"]


def test_english_menu_and_title_say_agencies(client, db):
    client.post(reverse("set_language"), {"language": "en", "next": "/"})
    html = client.get(reverse("portal:agency_list")).content.decode()
    assert f'<a href="{reverse("portal:agency_list")}" aria-current="page">Agencies</a>' in html
    assert "<title>Agencies –" in html
    vietnamese = client.post(reverse("set_language"), {"language": "vi", "next": "/co-quan/"}, follow=True)
    assert f'<a href="{reverse("portal:agency_list")}" aria-current="page">Cơ quan</a>' in vietnamese.text
