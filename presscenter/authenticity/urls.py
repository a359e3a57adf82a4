app_name = "authenticity"
urlpatterns: list = []
