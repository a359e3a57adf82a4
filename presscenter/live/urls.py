"""Mounted at /truc-tiep/."""

from django.urls import path, register_converter

from presscenter.live import views


class PrivateFeedFormatConverter:
    regex = "atom|json"

    def to_python(self, value: str) -> str:
        return value

    def to_url(self, value: str) -> str:
        return value


register_converter(PrivateFeedFormatConverter, "private_feed_format")

app_name = "live"
urlpatterns = [
    path("", views.centre, name="centre"),
    path("su-kien/", views.event_stream, name="stream"),
    path("da-doc/<int:pk>/", views.mark_read, name="mark_read"),
    path("da-doc-tat-ca/", views.mark_all_read, name="mark_all_read"),
    path("kenh-rieng/", views.feed_token, name="feed_token"),
    path("kenh-rieng/<str:token>/<private_feed_format:format>/", views.private_feed, name="private_feed"),
    path("tin-cam-dang/", views.embargo_inbox, name="embargo_inbox"),
]
