"""Routing rules: the most specific wins, and an area without a rule climbs the tree."""

import pytest

from presscenter.inquiries.models import Category, RoutingRule
from presscenter.inquiries.rules import resolve
from tests import factories

pytestmark = pytest.mark.django_db


def test_the_most_specific_rule_wins_and_areas_climb_the_tree():
    city = factories.organisation(kind="peoples_committee", name="UBND Thành phố")
    district = factories.organisation(kind="other", name="Cụm phường trung tâm", parent=city)
    ward = factories.organisation(kind="ward", name="Phường Hoàn Kiếm", parent=district)
    transport = factories.organisation(name="Sở Xây dựng")
    environment = factories.organisation(name="Sở Nông nghiệp và Môi trường")
    roads = Category.objects.create(code="giao-thong", name="Giao thông")
    waste = Category.objects.create(code="rac-thai", name="Rác thải")
    topic = factories.topic()
    assert resolve(roads, ward, None) is None

    catch_all = RoutingRule.objects.create(organisation=city)
    assert resolve(roads, ward, None) == catch_all
    by_category = RoutingRule.objects.create(category=roads, organisation=transport)
    assert resolve(roads, ward, None) == by_category
    assert resolve(waste, ward, None) == catch_all
    by_parent_area = RoutingRule.objects.create(category=waste, area=district, organisation=district)
    assert resolve(waste, ward, None) == by_parent_area  # the ward has none: its parent's rule
    by_ward = RoutingRule.objects.create(category=waste, area=ward, organisation=ward)
    assert resolve(waste, ward, None) == by_ward
    by_topic = RoutingRule.objects.create(category=waste, area=ward, topic=topic, organisation=environment)
    assert resolve(waste, ward, topic) == by_topic
    assert resolve(waste, ward, None) == by_ward
    by_ward.active = False
    by_ward.save()
    assert resolve(waste, ward, None) == by_parent_area
    environment.active = False
    environment.save()
    assert resolve(waste, ward, topic) == by_parent_area  # a rule to an inactive body is skipped


def test_a_cycle_in_the_tree_does_not_loop():
    a = factories.organisation(kind="ward")
    b = factories.organisation(kind="ward", parent=a)
    a.parent = b
    a.save()
    assert resolve(None, a, None) is None
