"""schemathesis against /openapi.json of a real server: no 5xx, every response matches its schema.

Each operation is fuzzed with hypothesis from the schema (schemathesis's own
pytest plugin does not load under this pytest, so the operations are driven
directly); runtime is bounded by ``max_examples`` per operation.
"""
from __future__ import annotations

import schemathesis
from hypothesis import HealthCheck, given, settings

from serve_support import build_store, running_server

EXAMPLES = 30
# Requests valid by the schema may still be refused with a 4xx JSON error: ``a`` without
# ``b``, ``since`` after ``until``, an empty actor.  OpenAPI cannot state such rules, so
# the check that every schema-valid request succeeds is left out; all others run.
EXCLUDED = [schemathesis.checks.positive_data_acceptance]


def test_serve_schema_every_response_matches_and_none_is_5xx(tmp_path):
    db = build_store(tmp_path / "schema.duckdb")
    failures: dict[str, str] = {}
    with running_server(db) as base:
        schema = schemathesis.openapi.from_url(f"{base}/openapi.json")
        operations = [result.ok() for result in schema.get_all_operations()]
        assert len(operations) >= 10
        for operation in operations:
            @given(case=operation.as_strategy())
            @settings(max_examples=EXAMPLES, deadline=None, derandomize=True, database=None,
                      suppress_health_check=list(HealthCheck))
            def check(case):
                case.call_and_validate(timeout=60, excluded_checks=EXCLUDED)

            try:
                check()
            except Exception as exc:  # every operation is checked; failures reported together
                failures[operation.label] = f"{type(exc).__name__}: {exc}"[:2000]
    assert not failures, "\n\n".join(f"{k}\n{v}" for k, v in failures.items())
