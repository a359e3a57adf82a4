"""Tickets and check-in pages (mounted at the site root by presscenter/urls.py, before any
catch-all): the journalist's tickets under su-kien/ve/, the door under lam-viec/su-kien/."""

from django.urls import path

from presscenter.events import views_checkin

app_name = "events_checkin"
urlpatterns = [
    path("su-kien/ve/", views_checkin.my_tickets, name="my_tickets"),
    path("su-kien/ve/<str:code>/", views_checkin.ticket_page, name="ticket"),
    path("lam-viec/su-kien/soat-ve/", views_checkin.door_index, name="door_index"),
    path("lam-viec/su-kien/<int:pk>/soat-ve/", views_checkin.door, name="door"),
    path("lam-viec/su-kien/<int:pk>/soat-ve/luot-quet/", views_checkin.door_scans, name="door_scans"),
    path("lam-viec/su-kien/<int:pk>/soat-ve/so-lieu/", views_checkin.door_counts, name="door_counts"),
    path("lam-viec/su-kien/<int:pk>/tham-du/", views_checkin.attendance, name="attendance"),
    path("lam-viec/su-kien/<int:pk>/tham-du.csv", views_checkin.attendance_csv, name="attendance_csv"),
]
