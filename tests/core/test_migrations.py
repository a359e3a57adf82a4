"""The migrations describe the models exactly (a model change without its migration fails here),
and the data migrations change what they say they change."""

import importlib

import pytest
from django.apps import apps
from django.core.management import call_command

from presscenter.orgs.models import Kind
from presscenter.search.index import filter_tags
from presscenter.search.models import SearchDocument
from presscenter.search.query import SearchParams, search
from tests.factories import Newsroom


@pytest.mark.django_db
def test_every_model_change_has_its_migration():
    call_command("makemigrations", "--check", "--dry-run", verbosity=0)


@pytest.mark.django_db
def test_existing_items_get_the_ward_that_issued_them_as_area():
    issuer_among_areas = importlib.import_module("presscenter.releases.migrations.0003_issuer_among_areas")
    ward = Newsroom(kind=Kind.WARD, slug="phuong-hoan-kiem")
    item = ward.publish(title="Lịch tiếp công dân")
    # The item as it was before: not tagged with its own ward, in the index either.
    item.areas.clear()
    SearchDocument.objects.filter(pk=item.pk).update(tags=filter_tags(ward.org.pk, item.type, [], []))
    assert search(SearchParams(area="phuong-hoan-kiem"), None).hits == []
    for _ in range(2):  # a second run changes nothing
        issuer_among_areas.add_issuer_areas(apps, None)
        assert list(item.areas.all()) == [ward.org]
        assert [hit.item for hit in search(SearchParams(area="phuong-hoan-kiem"), None).hits] == [item]
