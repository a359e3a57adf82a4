from django.urls import path

from presscenter.events import views_public as views

app_name = "events_public"
urlpatterns = [
    path("", views.calendar_month, name="calendar"),
    path("da-dien-ra/", views.archive, name="archive"),
    path("co-quan/<slug:slug>/", views.agency_calendar, name="agency"),
    path("<slug:slug>/", views.event_page, name="event"),
]
