"""Schemathesis over the API's OpenAPI spec: every read endpoint, generated parameters, bounded run.

Whatever the parameters, the server answers with a documented status (never a 500), in JSON,
matching its response schema.
"""

from __future__ import annotations

import pytest

schemathesis = pytest.importorskip("schemathesis", reason="schemathesis is not installed (pip install -e .[dev])")
from hypothesis import HealthCheck, settings  # noqa: E402
from schemathesis import checks  # noqa: E402

from newsgraph.api import create_app  # noqa: E402
from newsgraph.config import Settings  # noqa: E402


@pytest.fixture(scope="module")
def api(store_path):
    return create_app(store_path, Settings())


def test_read_endpoints_hold_their_contract(api):
    # Cases are drawn from schemathesis' strategies and run here (its pytest plugin predates pytest 9).
    from hypothesis import given

    schema = schemathesis.openapi.from_asgi("/openapi.json", api)
    operations = [r.ok() for r in schema.get_all_operations()]
    reads = [op for op in operations if op.method.upper() == "GET"]
    assert len(reads) >= 14
    for op in reads:

        @given(case=op.as_strategy())
        @settings(max_examples=8, deadline=None, suppress_health_check=list(HealthCheck), derandomize=True)
        def run(case):
            response = case.call()
            assert response.status_code < 500, f"{case.path} {case.query}: {response.status_code} {response.text[:200]}"
            assert response.headers["content-type"][0].startswith("application/json")
            case.validate_response(response, checks=[checks.not_a_server_error, checks.response_schema_conformance])

        run()
