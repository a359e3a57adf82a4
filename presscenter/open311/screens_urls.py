"""The workspace page for Open311 keys, under /lam-viec/khoa-open311/."""

from django.urls import path

from presscenter.open311 import screens

app_name = "open311_keys"
urlpatterns = [
    path("", screens.keys, name="keys"),
    path("<int:pk>/thu-hoi/", screens.key_revoke, name="revoke"),
]
