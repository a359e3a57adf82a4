"""Registration pages: the journalist's under su-kien/ (namespace events_registration) and the
organiser's under lam-viec/su-kien/ (`work_patterns`, namespace events_registrations_work).
Mounted before the public event pages, whose su-kien/<slug>/ would otherwise take cua-toi/."""

from django.urls import path

from presscenter.events import views_registration as views

app_name = "events_registration"
urlpatterns = [
    path("cua-toi/", views.mine, name="mine"),
    path("dang-ky/<int:pk>/huy/", views.cancel, name="cancel"),
    path("<slug:slug>/dang-ky/", views.register, name="register"),
]

work_patterns = (
    [
        path("<int:pk>/dang-ky/", views.registrations, name="list"),
        path("<int:pk>/dang-ky/danh-sach.csv", views.export, name="export"),
        path("<int:pk>/moi/", views.invite, name="invite"),
        path("dang-ky/<int:pk>/<slug:action>/", views.decide, name="decide"),
    ],
    "events_registrations_work",
)
