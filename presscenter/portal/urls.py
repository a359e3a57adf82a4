from django.contrib.sitemaps.views import sitemap
from django.urls import path

from presscenter.portal import views
from presscenter.portal.sitemaps import SECTIONS

app_name = "portal"
urlpatterns = [
    path("", views.home, name="home"),
    path("tin-moi/", views.latest, name="latest"),
    path("tin/<uuid:uid>/", views.item, name="item"),
    path("tin/<uuid:uid>/phien-ban/<int:number>/", views.item_version, name="item_version"),
    path("tin/<uuid:uid>/so-sanh/<int:old>/<int:new>/", views.item_diff, name="item_diff"),
    path("co-quan/", views.agency_list, name="agency_list"),
    path("co-quan/<slug:slug>/", views.agency, name="agency"),
    path("chu-de/", views.topic_list, name="topic_list"),
    path("chu-de/<slug:slug>/", views.topic, name="topic"),
    path("dia-ban/", views.area_list, name="area_list"),
    path("dia-ban/<slug:slug>/", views.area, name="area"),
    path("robots.txt", views.robots_txt, name="robots"),
    path("sitemap.xml", views.sitemap_index, name="sitemap"),
    path("sitemap-<slug:section>.xml", sitemap, {"sitemaps": SECTIONS}, name="sitemap_section"),
]
