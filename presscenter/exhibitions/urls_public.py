from django.urls import path

from presscenter.exhibitions import views_public as views

app_name = "exhibitions_public"
urlpatterns = [
    path("", views.index, name="index"),
    path("<slug:slug>/", views.exhibition_page, name="exhibition"),
    path("<slug:slug>/catalogue.pdf", views.catalogue_pdf, name="catalogue"),
    path("<slug:slug>/anh/<int:pk>/", views.photo_page, name="photo"),
    path("<slug:slug>/anh/<int:pk>/<kind>.jpg", views.image, name="image"),
    path("<slug:slug>/gui-anh/", views.my_entries, name="mine"),
    path("<slug:slug>/gui-anh/<int:pk>/rut/", views.withdraw, name="withdraw"),
]
