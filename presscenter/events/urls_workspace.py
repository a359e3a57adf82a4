from django.urls import path

from presscenter.events import views_work as views

app_name = "events_work"
urlpatterns = [
    path("", views.event_list, name="list"),
    path("tao-moi/", views.event_create, name="create"),
    path("lich-phong/", views.room_calendar, name="room_calendar"),
    path("lich-phong/kiem-tra/", views.room_check, name="room_check"),
    path("dia-diem/", views.venue_list, name="venues"),
    path("dia-diem/them/", views.venue_form, name="venue_create"),
    path("dia-diem/<int:venue_pk>/", views.venue_form, name="venue_edit"),
    path("dia-diem/<int:venue_pk>/phong/them/", views.room_form, name="room_create"),
    path("dia-diem/<int:venue_pk>/phong/<int:room_pk>/", views.room_form, name="room_edit"),
    path("<int:pk>/", views.event_detail, name="detail"),
    path("<int:pk>/sua/", views.event_edit, name="edit"),
    path("<int:pk>/thao-tac/<slug:action>/", views.event_action, name="action"),
    path("<int:pk>/phien/them/", views.session_form, name="session_create"),
    path("<int:pk>/phien/<int:session_pk>/", views.session_form, name="session_edit"),
    path("<int:pk>/phien/<int:session_pk>/xoa/", views.session_remove, name="session_remove"),
    path("<int:pk>/nguoi-phat-bieu/them/", views.speaker_form, name="speaker_create"),
    path("<int:pk>/nguoi-phat-bieu/<int:speaker_pk>/", views.speaker_form, name="speaker_edit"),
    path("<int:pk>/nguoi-phat-bieu/<int:speaker_pk>/xoa/", views.speaker_remove, name="speaker_remove"),
    path("<int:pk>/tai-lieu/them/", views.material_add, name="material_add"),
    path("<int:pk>/tai-lieu/<int:item_pk>/go/", views.material_remove, name="material_remove"),
]
