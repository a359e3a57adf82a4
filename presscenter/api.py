"""The HTTP API (django-ninja): one NinjaAPI, routers contributed by each domain."""

from ninja import NinjaAPI

api = NinjaAPI(
    title="presscenter API",
    version="1",
    description="Official information of the city press center: read, search, verify; agency write access with tokens.",
    urls_namespace="api",
)
