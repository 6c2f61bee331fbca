"""Coded mandates and references beyond the CLI: plan drafts, web pages, fetching documents."""

from __future__ import annotations

import warnings
from pathlib import Path

import pytest

from peaceops.demo.mandate_texts import modern_resolution_text
from peaceops.errors import InputError
from peaceops.mandates.fetch import document_url, fetch_document
from peaceops.mandates.pema import import_pema
from peaceops.mandates.reader import read_text
from peaceops.mandates.store import load_resolution, save_resolution
from peaceops.net import FakeFetcher
from peaceops.planning.from_mandate import draft_plan
from peaceops.workspace import Workspace

with warnings.catch_warnings():
    warnings.simplefilter("ignore", DeprecationWarning)
    from fastapi.testclient import TestClient

PEMA = (
    "Signature,NamePKO,Year,Date2,Mandate_Renewal,CivProtect_Security,HumanRights_Monitor,"
    "Gender_Assist\n"
    'S/RES/2295,MINUSMA,2016,29-Jun-16,1,"19c, 19c(i)",19f(ii),26 (S/2016/498)\n'
)


def _coded(workspace: Workspace, tmp_path: Path) -> None:
    path = tmp_path / "pema.csv"
    path.write_text(PEMA, encoding="utf-8")
    import_pema(workspace, path)


def test_a_plan_drafted_from_a_coded_mandate(workspace: Workspace, tmp_path: Path) -> None:
    _coded(workspace, tmp_path)
    draft = draft_plan(load_resolution(workspace, "2295"))
    assert {t["id"] for t in draft["tasks"]} == {
        "civprotect-security",
        "humanrights-monitor",
        "gender-assist",
    }
    notes = " ".join(draft["notes"])
    assert "coded by PEMA" in notes and "no text" in notes
    # the ceiling of S/RES/2295 (2016) comes from the mission facts file, with its citation
    assert "Authorised ceiling: 13,289 military, 1,920 police (S/RES/2295 (2016)" in notes


def test_web_pages_on_coded_and_mixed_mandates(workspace: Workspace, tmp_path: Path) -> None:
    from peaceops.web.app import create_app

    _coded(workspace, tmp_path)
    save_resolution(workspace, read_text(modern_resolution_text("minusma-like-2020"), "9103.txt"))
    root = workspace.root
    workspace.close()
    with TestClient(create_app(root)) as client:
        page = client.get("/mandates/2295")
        assert page.status_code == 200
        assert "coded by PEMA" in page.text and "19c(i)" in page.text
        assert "S/2016/498 para 26" in page.text
        assert "Operative paragraphs" not in page.text  # no invented paragraph text
        listing = client.get("/mandates")
        assert listing.status_code == 200
        assert "S/RES/9103 (2020) (illustrative, not an official text)" in listing.text
        assert "Left out of this history" in listing.text
        api = client.get("/api/mandates").json()
        assert api["history"]["MINUSMA"][0]["kind"] == "coded"
        diff = client.get("/mandates/diff", params={"old": "2295", "new": "9103"})
        assert diff.status_code == 200
        assert "paragraphs are not compared" in diff.text


def test_fetch_a_referenced_document(workspace: Workspace) -> None:
    url = document_url("S/2030/400", "http://docs.test/api")
    fake = FakeFetcher({url: b"%PDF-1.4 not really a pdf"})
    got = fetch_document(workspace, "S/2030/400", base_url="http://docs.test/api", fetcher=fake)
    assert got.path.is_file() and got.path.name == "S_2030_400.pdf"
    assert got.pages_text == 0  # no readable text layer: said, not hidden
    record = workspace.datasets("document")[-1]
    assert record.details["symbol"] == "S/2030/400" and record.source == url
    with pytest.raises(InputError, match="not a document symbol"):
        fetch_document(workspace, "the report", fetcher=fake)


def test_overview_counts_official_and_illustrative_resolutions_apart(
    workspace: Workspace, tmp_path: Path
) -> None:
    from peaceops.web.app import create_app

    _coded(workspace, tmp_path)
    for key in ("minusma-like-2019", "minusma-like-2020"):
        save_resolution(workspace, read_text(modern_resolution_text(key), f"{key}.txt"))
    root = workspace.root
    workspace.close()
    with TestClient(create_app(root)) as client:
        card = client.get("/api/overview").json()["mandates"]
        assert (card["resolutions"], card["official"], card["coded"], card["illustrative"]) == (
            3,
            1,
            1,
            2,
        )
        page = client.get("/").text
        assert (
            "For MINUSMA: 1 official resolution(s) (coded by PEMA) and 2 illustrative text(s) "
            "written for peaceops, not official documents." in page
        )
