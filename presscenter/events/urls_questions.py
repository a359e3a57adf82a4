"""Questions at events: the journalist's page under the event's public address, the moderation
queue and the room's screen in the workspace. Mounted at the site's root (presscenter/urls.py)."""

from django.urls import path

from presscenter.events import views_questions

app_name = "events_questions"
urlpatterns = [
    path("su-kien/<slug:slug>/cau-hoi/", views_questions.ask, name="ask"),
    path(
        "su-kien/<slug:slug>/cau-hoi/<int:question>/chuyen-hoi-dap/",
        views_questions.own_to_inquiry,
        name="own_to_inquiry",
    ),
    path("lam-viec/su-kien/<int:pk>/cau-hoi/", views_questions.moderate, name="moderate"),
    path("lam-viec/su-kien/<int:pk>/cau-hoi/danh-sach/", views_questions.queue_part, name="queue"),
    path("lam-viec/su-kien/<int:pk>/cau-hoi/<int:question>/<slug:action>/", views_questions.act, name="act"),
    path("lam-viec/su-kien/<int:pk>/man-hinh/", views_questions.screen, name="screen"),
    path("lam-viec/su-kien/<int:pk>/man-hinh/noi-dung/", views_questions.screen_part, name="screen_part"),
]
