import pytest
from django.db import transaction
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from presscenter.orgs.models import Kind
from presscenter.releases.models import ItemType, Priority
from presscenter.subscriptions import domain
from presscenter.subscriptions.matching import MATCHER, accepts, criteria_of, match, match_ids, preview, terms_of
from presscenter.subscriptions.models import Subscription, SubscriptionTerm
from tests import factories

pytestmark = pytest.mark.django_db

TRAFFIC = {
    "title": "Sở Giao thông điều chỉnh tổ chức giao thông quanh hồ Hoàn Kiếm",
    "lead": "Từ ngày 1/12, phố đi bộ mở rộng.",
    "body": "<p>Người dân lưu ý các tuyến buýt thay đổi lộ trình.</p>",
}
HEALTH = {
    "title": "Bệnh viện Bạch Mai khám miễn phí cho người cao tuổi",
    "lead": "Chương trình kéo dài ba ngày.",
    "body": "<p>Đăng ký tại quầy tiếp đón.</p>",
}


def subscribe(owner, **fields):
    """A subscription; one without criteria follows everything (consent given here)."""
    return domain.create_subscription(owner, **{"everything": True, **fields})


def matched(item):
    return {subscription.pk for subscription in match(item)}


def test_area_subscription_matches_what_the_ward_issued(journalist):
    ward = factories.Newsroom(kind=Kind.WARD)
    subscription = subscribe(journalist, areas=[ward.org])
    item = ward.publish(**TRAFFIC)
    assert subscription.pk in matched(item)
    assert preview(journalist, criteria_of(subscription)).items == [item]


def test_each_criterion(newsroom, journalist, ward):
    transport = factories.topic(name="Giao thông")
    other_topic = factories.topic()
    other_org = factories.organisation()
    item = newsroom.publish(**TRAFFIC, topics=[transport], areas=[ward], priority=Priority.URGENT)
    wanted = [
        subscribe(journalist, organisations=[newsroom.org]),
        subscribe(journalist, topics=[transport, other_topic]),
        subscribe(journalist, areas=[ward]),
        subscribe(journalist, types=[ItemType.PRESS_RELEASE]),
        subscribe(journalist, priorities=[Priority.URGENT, Priority.FLASH]),
        subscribe(journalist, query="giao thong"),
    ]
    unwanted = [
        subscribe(journalist, organisations=[other_org]),
        subscribe(journalist, topics=[other_topic]),
        subscribe(journalist, areas=[other_org]),
        subscribe(journalist, types=[ItemType.STATEMENT]),
        subscribe(journalist, priorities=[Priority.FLASH]),
        subscribe(journalist, query="bệnh viện"),
    ]
    found = matched(item)
    assert {s.pk for s in wanted} <= found
    assert not {s.pk for s in unwanted} & found


def test_every_group_must_hold(newsroom, journalist):
    transport = factories.topic()
    item = newsroom.publish(**TRAFFIC, topics=[transport])
    both = subscribe(journalist, organisations=[newsroom.org], topics=[transport], query="Hoàn Kiếm")
    wrong_topic = subscribe(journalist, organisations=[newsroom.org], topics=[factories.topic()])
    missing_word = subscribe(journalist, organisations=[newsroom.org], query="giao thông Bạch Mai")
    assert matched(item) == {both.pk}
    assert wrong_topic.required == 2
    assert missing_word.required == 5  # agency + four words


def test_query_ignores_accents_and_case(newsroom, journalist):
    item = newsroom.publish(**TRAFFIC)
    plain = subscribe(journalist, query="GIAO THONG ho hoan kiem")
    accented = subscribe(journalist, query="hồ hoàn kiếm")
    assert matched(item) == {plain.pk, accented.pk}


def test_phrases_must_appear_in_order(newsroom, journalist):
    item = newsroom.publish(**TRAFFIC)
    phrase = subscribe(journalist, query='"tổ chức giao thông"')
    scattered = subscribe(journalist, query='"giao tổ chức"')
    assert phrase.has_phrases and scattered.has_phrases
    assert matched(item) == {phrase.pk}


def test_everything_subscription_matches_any_item(newsroom, journalist):
    everything = subscribe(journalist)
    assert list(everything.terms.values_list("field", "value")) == [("all", "*")]
    assert matched(newsroom.publish(**TRAFFIC)) == {everything.pk}
    assert matched(newsroom.publish(**HEALTH)) == {everything.pk}


def test_inactive_subscriptions_are_not_matched(newsroom, journalist):
    paused = subscribe(journalist, active=False)
    assert not SubscriptionTerm.objects.filter(subscription=paused).exists()
    assert matched(newsroom.publish(**TRAFFIC)) == set()
    domain.update_subscription(journalist, paused, active=True)
    assert matched(newsroom.publish(**HEALTH)) == {paused.pk}


def test_update_rebuilds_the_index(newsroom, journalist):
    subscription = subscribe(journalist, query="bệnh viện")
    item = newsroom.publish(**TRAFFIC)
    assert matched(item) == set()
    domain.update_subscription(journalist, subscription, query="giao thông")
    assert matched(item) == {subscription.pk}
    domain.delete_subscription(journalist, subscription)
    assert matched(item) == set()
    assert not SubscriptionTerm.objects.exists()


def test_email_subscribers_only_after_confirmation(newsroom, django_capture_on_commit_callbacks):
    subscriber = domain.subscribe_by_email("ban.doc@example.vn", organisations=[newsroom.org])
    item = newsroom.publish(**TRAFFIC)
    assert matched(item) == set()
    domain.confirm_email(subscriber.token)
    subscription = subscriber.subscriptions.get()
    assert matched(item) == {subscription.pk}
    domain.unsubscribe_email(subscriber.token)
    assert matched(item) == set()


def test_index_and_python_rule_agree(newsroom, journalist, ward):
    transport = factories.topic()
    item = newsroom.publish(**TRAFFIC, topics=[transport], areas=[ward])
    variants = [
        {},
        {"query": '"hồ hoàn kiếm" buýt'},
        {"query": "buýt bệnh"},
        {"topics": [transport], "areas": [ward]},
        {"types": [ItemType.STATEMENT], "query": "giao"},
        {"organisations": [newsroom.org], "priorities": [Priority.NORMAL]},
    ]
    subscriptions = [subscribe(journalist, **fields) for fields in variants]
    terms = terms_of(item)
    expected = {s.pk for s in subscriptions if accepts(criteria_of(s), terms)}
    assert matched(item) == expected
    assert len(expected) == 4


@pytest.mark.parametrize("count", [3, 60])
def test_match_uses_a_bounded_number_of_queries(newsroom, journalist, django_assert_max_num_queries, count):
    item = newsroom.publish(**TRAFFIC)
    for n in range(count):
        subscribe(journalist, query=["giao thông", '"hồ hoàn kiếm"', "buýt"][n % 3])
    with django_assert_max_num_queries(7):  # change number, 3 for recent items, terms, phrases
        MATCHER.rebuild()
    subscribe(journalist, query="buýt")
    with django_assert_max_num_queries(6):  # changes, reload terms and phrases, item relations, load
        assert len(match(item)) == count + 1
    with django_assert_max_num_queries(4):  # changes (none), item relations, load
        assert len(match(item)) == count + 1


def test_matcher_picks_up_writes_made_after_it_was_built(newsroom, journalist):
    item = newsroom.publish(**TRAFFIC)
    MATCHER.rebuild()
    subscription = subscribe(journalist, query="buýt")
    assert match_ids(item) == [subscription.pk]
    domain.update_subscription(journalist, subscription, query="bệnh viện")
    assert match_ids(item) == []
    domain.update_subscription(journalist, subscription, query="giao thông", active=False)
    assert match_ids(item) == []
    domain.update_subscription(journalist, subscription, active=True)
    assert match_ids(item) == [subscription.pk]
    domain.delete_subscription(journalist, subscription)
    assert match_ids(item) == []


def test_matcher_forgets_a_rolled_back_write(newsroom, journalist):
    item = newsroom.publish(**TRAFFIC)
    kept = subscribe(journalist, query="giao thông")
    with pytest.raises(RuntimeError), transaction.atomic():
        subscribe(journalist, query="buýt")
        assert len(match_ids(item)) == 2
        raise RuntimeError
    assert match_ids(item) == [kept.pk]
    reused = subscribe(journalist, organisations=[newsroom.org])  # takes the rolled-back change number
    assert match_ids(item) == [kept.pk, reused.pk]


def test_matcher_is_built_only_from_deliverable_subscriptions(newsroom, journalist):
    subscribe(journalist, query="giao thông", active=False)
    domain.subscribe_by_email("cho.xac.nhan@example.vn", organisations=[newsroom.org])
    wanted = subscribe(journalist, query="giao thông")
    MATCHER.rebuild()
    assert match_ids(newsroom.publish(**TRAFFIC)) == [wanted.pk]
    assert len(MATCHER) == 1


WORDS = ["giao", "thông", "hồ", "hoàn", "kiếm", "buýt", "bệnh", "viện", "người", "cao", "tuổi", "phố"]
PHRASES = ['"tổ chức giao thông"', '"giao tổ chức"', '"hồ hoàn kiếm"', '"người cao tuổi"', '"bạch mai"']


@st.composite
def subscription_fields(draw: st.DrawFn, orgs: list, topics: list, wards: list) -> dict:
    def some(values: list) -> list:
        return draw(st.lists(st.sampled_from(values), max_size=2, unique=True)) if draw(st.booleans()) else []

    words = some(WORDS) + some(PHRASES)
    return {
        "organisations": some(orgs),
        "topics": some(topics),
        "areas": some(wards),
        "types": some(ItemType.values),
        "priorities": some(Priority.values),
        "query": " ".join(words),
        "active": draw(st.booleans()) or draw(st.booleans()),
    }


def test_matcher_agrees_with_the_rule_whatever_anchor_it_picks(newsroom, journalist, ward):
    """Whatever group a subscription is posted under, the matches are those `accepts` finds."""
    other = factories.Newsroom()
    topics = [factories.topic(), factories.topic(), factories.topic()]
    wards = [ward, factories.organisation(kind=Kind.WARD)]
    items = [
        newsroom.publish(**TRAFFIC, topics=topics[:1], areas=[ward], priority=Priority.URGENT),
        other.publish(**HEALTH, topics=topics[1:], type=ItemType.STATEMENT),
        newsroom.publish(**HEALTH, areas=wards),
    ]
    orgs = [newsroom.org, other.org]

    @settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
    @given(
        st.lists(subscription_fields(orgs, topics, wards), min_size=1, max_size=6),
        st.lists(st.integers(min_value=0, max_value=50), max_size=3),
    )
    def check(created: list[dict], deleted: list[int]) -> None:
        for fields in created:
            subscribe(journalist, **fields)
        existing = list(Subscription.objects.order_by("pk"))
        for index in deleted:
            if existing:
                domain.delete_subscription(journalist, existing.pop(index % len(existing)))
        for item in items:
            terms = terms_of(item)
            expected = [s.pk for s in existing if s.active and accepts(criteria_of(s), terms)]
            assert match_ids(item) == expected

    check()
