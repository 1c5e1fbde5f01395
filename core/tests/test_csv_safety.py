"""Every CSV the admin exports writes formula-like text as text (core/csv_safety.py),
Wagtail's own reports included; XLSX is left as Wagtail writes it."""

import csv
import io

import pytest
from django.urls import reverse
from openpyxl import load_workbook
from wagtail.models import Page

from core.csv_safety import neutralise, restore


@pytest.mark.parametrize(
    "value",
    ["=1+2", "@SUM(1,2)", "+44", "-3", "\tx", "\rx", "'=x", "''@x", "'plain", "plain", "", "a=b"],
)
def test_restore_undoes_neutralise(value):
    cell = neutralise(value)
    assert cell[:1] not in {"=", "+", "-", "@", "\t", "\r"}
    assert restore(cell) == value


def published_page(title):
    """A live page of Wagtail's own type (the reports list pages of every type)."""
    page = Page.get_first_root_node().add_child(instance=Page(title=title, slug="formula"))
    page.save_revision().publish()
    return page


def test_wagtail_s_own_reports_export_page_titles_as_text(admin_client):
    page = published_page('=HYPERLINK("http://evil.example","x")')
    response = admin_client.get(reverse("wagtailadmin_reports:aging_pages"), {"export": "csv"})
    body = b"".join(response.streaming_content).decode()
    titles = [row[0] for row in csv.reader(io.StringIO(body))]
    assert "'" + page.title in titles and page.title not in titles


def test_xlsx_exports_are_unchanged(admin_client):
    published_page("=1+2")
    url = reverse("wagtailadmin_reports:aging_pages")
    response = admin_client.get(url, {"export": "xlsx"})
    sheet = load_workbook(io.BytesIO(b"".join(response.streaming_content))).active
    cells = [cell.value for row in sheet.iter_rows() for cell in row]
    assert "=1+2" in cells  # stored as text by Wagtail (no formula), without a quote
