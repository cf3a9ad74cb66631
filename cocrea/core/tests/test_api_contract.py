"""The REST API's contract: every operation the OpenAPI document described before the apps
declared themselves in the capability registry is still there, unchanged (path, method,
operation id, parameters, responses and the schemas they use). New operations may be added;
only the documentation's grouping tags are free to change.

The pin was updated on purpose once since (issue 16, item 4): each operation documents its
refusals (400, and 403/404/429 where it answers them) with the `ApiError` schema, and the two
classes both named `ReportOut` became `ProgressReportOut` (/progress-reports, which the document
described with the citizen reports' schema) and `CitizenReportOut` (/reports); success bodies
did not change; the error code list names `method_not_allowed` (405). Regenerate it only as
deliberately, and say what changed.
"""

import json
from pathlib import Path
from typing import Any

from cocrea.api import api

BEFORE = Path(__file__).parent / "data" / "openapi_v1_before_capabilities.json"


def _without_tags(operation: dict[str, Any]) -> dict[str, Any]:
    return {key: value for key, value in operation.items() if key != "tags"}


def test_every_earlier_operation_and_schema_is_unchanged():
    before = json.loads(BEFORE.read_text(encoding="utf-8"))
    now = json.loads(json.dumps(api.get_openapi_schema()))  # lazy texts made plain strings
    for path, operations in before["paths"].items():
        assert path in now["paths"], path
        for method, operation in operations.items():
            assert _without_tags(now["paths"][path][method]) == _without_tags(operation), (
                f"{method.upper()} {path}"
            )
    for name, schema in before["components"]["schemas"].items():
        assert now["components"]["schemas"][name] == schema, name
