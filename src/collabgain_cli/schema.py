"""The JSON Schema of the partnership format, generated from the pydantic models.

Draft-07 compatible, for yaml-language-server and other editors: no `prefixItems`, and
`$defs` references rewritten to `definitions`.
"""

from __future__ import annotations

from typing import Any

from .model import Partnership


def json_schema() -> dict[str, Any]:
    schema = Partnership.model_json_schema(by_alias=True, ref_template="#/definitions/{model}")
    definitions = schema.pop("$defs", {})
    out: dict[str, Any] = {
        "$schema": "http://json-schema.org/draft-07/schema#",
        **schema,
        "title": "collabgain partnership description, format version 1",
    }
    out["definitions"] = definitions
    return out
