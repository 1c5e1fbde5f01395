"""The benchmarks' machine reference does the same, whole work on every run."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from core.machine_reference import ITEMS, QUERIES, machine_reference_ms, reference_work


def test_the_reference_renders_every_row_escaped_and_builds_every_query():
    html, sql = reference_work()
    assert html.count("<li") == ITEMS
    assert "Guide Number 199 &amp; &lt;Friends&gt;" in html
    assert html.count("django, python") == ITEMS // 2
    assert len(sql) == QUERIES
    assert all(statement.startswith("SELECT ") for statement in sql)


@pytest.mark.django_db
def test_the_reference_sends_nothing_to_the_database():
    with CaptureQueriesContext(connection) as queries:
        assert machine_reference_ms(repeats=1) > 0
    assert not queries.captured_queries
