from django.urls import path

from presscenter.releases import views

app_name = "releases"
urlpatterns = [
    path("<int:pk>/", views.attachment, name="attachment"),
    path("<int:pk>/anh-nho/", views.thumbnail, name="thumbnail"),
]
