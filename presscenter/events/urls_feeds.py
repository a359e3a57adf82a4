"""Mounted at /lich-su-kien/ (namespace events_feeds).

Calendars (iCal): `public` (su-kien.ics), `agency` (co-quan/<slug>.ics), `topic`
(chu-de/<slug>.ics), `personal` (rieng/<token>.ics), one event `event_ics` (su-kien/<slug>.ics).
ninjs: `ninjs_list` (ninjs.json), `ninjs_event` (ninjs/<slug>.json). frab: `frab_xml`
(frab/<slug>.xml), `frab_json` (frab/<slug>.json). The journalist's page: `my_calendar`."""

from django.urls import path

from presscenter.events import views_feeds as views

app_name = "events_feeds"
urlpatterns = [
    path("su-kien.ics", views.public_calendar, name="public"),
    path("co-quan/<slug:slug>.ics", views.agency_calendar, name="agency"),
    path("chu-de/<slug:slug>.ics", views.topic_calendar, name="topic"),
    path("rieng/<str:token>.ics", views.personal_calendar, name="personal"),
    path("su-kien/<slug:slug>.ics", views.event_ics, name="event_ics"),
    path("ninjs.json", views.ninjs_list, name="ninjs_list"),
    path("ninjs/<slug:slug>.json", views.ninjs_event, name="ninjs_event"),
    path("frab/<slug:slug>.xml", views.frab_xml, name="frab_xml"),
    path("frab/<slug:slug>.json", views.frab_json, name="frab_json"),
    path("cua-toi/", views.my_calendar, name="my_calendar"),
]
