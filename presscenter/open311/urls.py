"""/open311/: the Service Discovery document and the GeoReport v2 endpoint (/open311/v2/)."""

from django.urls import re_path

from presscenter.open311 import views

FORMAT = r"\.(?P<fmt>json|xml)$"
# Codes and ids as the specification puts them in the path: anything but a slash or a dot.
SEGMENT = r"[^/.]{1,100}"

app_name = "open311"
urlpatterns = [
    re_path(r"^discovery\.json$", views.discovery, name="discovery"),
    re_path(r"^v2/services" + FORMAT, views.services, name="services"),
    re_path(rf"^v2/services/(?P<service_code>{SEGMENT})" + FORMAT, views.service_definition, name="service"),
    re_path(r"^v2/requests" + FORMAT, views.requests_resource, name="requests"),
    re_path(rf"^v2/requests/(?P<service_request_id>{SEGMENT})" + FORMAT, views.service_request, name="request"),
    re_path(rf"^v2/tokens/(?P<token>{SEGMENT})" + FORMAT, views.token, name="token"),
]
