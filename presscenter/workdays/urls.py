"""Mounted at /lam-viec/lich-lam-viec/: `workdays:calendar` (this year), `calendar_year` (year),
`add` (POST), `edit` and `remove` (pk)."""

from django.urls import path

from presscenter.workdays import views

app_name = "workdays"
urlpatterns = [
    path("", views.calendar_page, name="calendar"),
    path("nam-<int:year>/", views.calendar_page, name="calendar_year"),
    path("them/", views.exception_add, name="add"),
    path("<int:pk>/sua/", views.exception_edit, name="edit"),
    path("<int:pk>/xoa/", views.exception_remove, name="remove"),
]
