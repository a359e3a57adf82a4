"""Mounted at /kenh-tin/.

Feeds: `syndication:feed` with `format` (rss, atom, json) for the whole site; with `format`,
`scope` (agency, area, topic, type) and `slug` (organisation slug, topic slug, item type) for one
agency, topic or item type — also named `syndication:feed_scoped`. The scope shows in the URL in
Vietnamese: /kenh-tin/co-quan/<slug>/rss/, /kenh-tin/chu-de/<slug>/atom/, /kenh-tin/loai/<type>/json/.
Exports of one item: `syndication:ninjs` and `syndication:newsml` with `uid`.
"""

from django.urls import path, register_converter

from presscenter.syndication import views


class FeedFormatConverter:
    regex = "rss|atom|json"

    def to_python(self, value: str) -> str:
        return value

    def to_url(self, value: str) -> str:
        return value


class FeedScopeConverter:
    """English scope names in code, Vietnamese path segments in URLs."""

    SEGMENTS = {"agency": "co-quan", "area": "dia-ban", "topic": "chu-de", "type": "loai"}
    SCOPES = {segment: scope for scope, segment in SEGMENTS.items()}
    regex = "|".join(SCOPES)

    def to_python(self, value: str) -> str:
        return self.SCOPES[value]

    def to_url(self, value: str) -> str:
        return self.SEGMENTS[value]


register_converter(FeedFormatConverter, "feed_format")
register_converter(FeedScopeConverter, "feed_scope")

app_name = "syndication"
urlpatterns = [
    path("<feed_format:format>/", views.feed, name="feed"),
    path("<feed_scope:scope>/<slug:slug>/<feed_format:format>/", views.feed, name="feed"),
    path("<feed_scope:scope>/<slug:slug>/<feed_format:format>/", views.feed, name="feed_scoped"),
    path("tin/<uuid:uid>.ninjs.json", views.ninjs_item, name="ninjs"),
    path("tin/<uuid:uid>.newsml.xml", views.newsml_item, name="newsml"),
]
