from django.urls import path

from presscenter.exhibitions import views_work as views

app_name = "exhibitions_work"
urlpatterns = [
    path("", views.exhibition_list, name="list"),
    path("su-kien/<int:event_pk>/", views.for_event, name="for_event"),
    path("<int:pk>/", views.detail, name="detail"),
    path("<int:pk>/sua/", views.edit, name="edit"),
    path("<int:pk>/giai-doan/<slug:action>/", views.stage, name="stage"),
    path("<int:pk>/giam-khao/", views.juror_add, name="juror_add"),
    path("<int:pk>/giam-khao/<int:user_pk>/bo/", views.juror_remove, name="juror_remove"),
    path("<int:pk>/cham/", views.jury, name="jury"),
    path("<int:pk>/anh/<int:entry_pk>/", views.entry, name="entry"),
    path("<int:pk>/anh/<int:entry_pk>/goc/", views.original, name="original"),
    path("<int:pk>/anh/<int:entry_pk>/tuyen-chon/", views.curate, name="curate"),
]
