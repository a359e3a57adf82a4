from django.urls import path

from presscenter.audit import views

app_name = "audit"
urlpatterns = [
    path("moc.jsonl", views.checkpoint_file, name="checkpoints"),
]
