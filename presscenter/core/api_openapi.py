"""The OpenAPI document as the server behaves: every error status an operation can answer, and security
only where credentials are required (docs/api.md)."""

import re
from http.client import responses
from typing import Any

from ninja.openapi.schema import BODY_CONTENT_TYPES, REF_TEMPLATE, OpenAPISchema
from ninja.operation import Operation

from presscenter.core.api_errors import ErrorOut


def allows_anonymous(operation: Operation) -> bool:
    # An authenticator that is no security scheme (session_or_anonymous) lets a request in without credentials.
    return any(not hasattr(auth, "openapi_security_schema") for auth in operation.auth_callbacks)


def reads_unchecked_input(operation: Operation) -> bool:
    # A path parameter with a converter ({uuid:uid}) never reaches the view malformed: that URL is a 404.
    unchecked_path = re.search(r"{[^:}]+}", operation.path) is not None
    return unchecked_path or any(model.__ninja_param_source__ != "path" for model in operation.models)


def common_errors(operation: Operation) -> set[int]:
    """The statuses that follow from how the operation is mounted and what it reads."""
    # Every request is metered, may carry a bearer token, and may have a query string too long to read.
    statuses = {400, 401, 429}
    if reads_unchecked_input(operation):
        statuses.add(422)
    if any(model.__ninja_param_source__ in BODY_CONTENT_TYPES for model in operation.models):
        statuses |= {413, 415}
    if not allows_anonymous(operation):
        statuses.add(403)
    return statuses


class ContractSchema(OpenAPISchema):
    def operation_details(self, operation: Operation) -> dict[str, Any]:
        details = super().operation_details(operation)
        error = {"content": {self.api.renderer.media_type: {"schema": self._error_schema()}}}
        for status in sorted(common_errors(operation) - set(details["responses"])):
            details["responses"][status] = {"description": responses[status], **error}
        details["responses"] = dict(sorted(details["responses"].items()))
        return details

    def operation_security(self, operation: Operation) -> list[dict[str, Any]] | None:
        security = super().operation_security(operation)
        if security and allows_anonymous(operation):
            return [{}, *security]  # OpenAPI's spelling of "credentials are optional"
        return security

    def _error_schema(self) -> dict[str, str]:
        if ErrorOut.__name__ not in self.schemas:
            schema = ErrorOut.model_json_schema(ref_template=REF_TEMPLATE)
            self.add_schema_definitions(schema.pop("$defs", {}))
            self.schemas[ErrorOut.__name__] = schema
        return {"$ref": REF_TEMPLATE.format(model=ErrorOut.__name__)}
