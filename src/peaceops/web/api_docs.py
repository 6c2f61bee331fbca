"""The API's description: OpenAPI that says what the server sends (400 with per-field errors),
and a readable reference page at ``/api/docs`` drawn from it on the server (no script, nothing
loaded from elsewhere, so it works offline)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from fastapi import FastAPI, Request
from fastapi.openapi.utils import get_openapi
from fastapi.responses import HTMLResponse

from peaceops.web.common import render

__all__ = ["ERROR_SCHEMA", "add_api_docs", "field_errors", "use_400_in_openapi"]

# Every error the API sends has this shape; ``errors`` maps a field to what is wrong with it.
ERROR_SCHEMA: dict[str, Any] = {
    "title": "Error",
    "type": "object",
    "required": ["detail", "status"],
    "properties": {
        "detail": {"type": "string", "description": "what is wrong, in one line"},
        "status": {"type": "integer", "description": "the HTTP status code"},
        "errors": {
            "type": "object",
            "additionalProperties": {"type": "string"},
            "description": "per field (query parameter or body field): what is wrong with it",
        },
    },
}
_ERROR_REF = {"$ref": "#/components/schemas/Error"}
_ERROR_RESPONSES = {
    "400": "Bad input: a query parameter or body field is missing or invalid (see `errors`).",
    "404": "No such item, or the workspace lacks the data (the message names the command).",
}


def field_errors(errors: Sequence[Any]) -> dict[str, str]:
    """Pydantic/FastAPI validation errors as ``{field: message}`` (``request`` when unnamed)."""
    out: dict[str, str] = {}
    for err in errors:
        loc = [str(x) for x in err.get("loc", ())]
        where = ".".join(loc[1:]) if len(loc) > 1 else (loc[0] if loc else "request")
        out.setdefault(where or "request", str(err.get("msg", "invalid")))
    return out


def use_400_in_openapi(app: FastAPI) -> None:
    """Make ``/openapi.json`` document the 400 (not FastAPI's default 422) the server sends."""

    def openapi() -> dict[str, Any]:  # FastAPI's hook: the schema is a plain JSON object
        if app.openapi_schema:
            return app.openapi_schema
        schema = get_openapi(
            title=app.title,
            version=app.version,
            description=app.description,
            routes=app.routes,
        )
        schemas = schema.setdefault("components", {}).setdefault("schemas", {})
        schemas.pop("HTTPValidationError", None)
        schemas.pop("ValidationError", None)
        schemas["Error"] = ERROR_SCHEMA
        for path in schema.get("paths", {}).values():
            for op in path.values():
                responses = op.setdefault("responses", {})
                responses.pop("422", None)
                for code, text in _ERROR_RESPONSES.items():
                    content = {"application/json": {"schema": _ERROR_REF}}
                    responses.setdefault(code, {"description": text, "content": content})
        app.openapi_schema = schema
        return schema

    app.openapi = openapi  # type: ignore[method-assign]


def _operations(schema: dict[str, Any]) -> list[dict[str, Any]]:
    ops = []
    for path, methods in schema.get("paths", {}).items():
        for method, op in methods.items():
            params = [
                {
                    "name": p.get("name", ""),
                    "where": p.get("in", ""),
                    "required": bool(p.get("required")),
                    "description": p.get("description", ""),
                }
                for p in op.get("parameters", [])
            ]
            body = op.get("requestBody", {}).get("content", {}).get("application/json", {})
            ref = body.get("schema", {}).get("$ref", "")
            fields: list[dict[str, Any]] = []
            if ref:
                model = schema["components"]["schemas"].get(ref.rsplit("/", 1)[-1], {})
                required = set(model.get("required", []))
                fields = [
                    {
                        "name": name,
                        "required": name in required,
                        "description": prop.get("description", ""),
                    }
                    for name, prop in model.get("properties", {}).items()
                ]
            ops.append(
                {
                    "method": method.upper(),
                    "path": path,
                    "summary": op.get("summary", ""),
                    "tag": (op.get("tags") or ["other"])[0],
                    "params": params,
                    "body": fields,
                    "responses": sorted(op.get("responses", {})),
                }
            )
    return sorted(ops, key=lambda o: (o["tag"], o["path"], o["method"]))


def add_api_docs(app: FastAPI) -> None:
    """``GET /api/docs``: every operation, its parameters and its answers, as a plain page."""

    @app.get("/api/docs", response_class=HTMLResponse, include_in_schema=False)
    def api_docs(request: Request) -> HTMLResponse:
        return render(
            request,
            "api_docs.html",
            title="API reference",
            api_url="/openapi.json",
            ops=_operations(app.openapi()),
            error_schema=ERROR_SCHEMA,
        )
