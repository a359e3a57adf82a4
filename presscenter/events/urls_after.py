from django.urls import path

from presscenter.events import views_after as views

app_name = "events_after"
urlpatterns = [
    path("lam-viec/su-kien/<int:pk>/sau-su-kien/soan/", views.draft, name="draft"),
    path("su-kien/<slug:slug>/tai-lieu-hinh-anh.zip", views.media_kit, name="media_kit"),
]
