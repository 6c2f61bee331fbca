"""The same label means the same numbers: a page and its as-of twin, list, history and diff."""

from __future__ import annotations

import re
import warnings
from collections.abc import Iterator
from pathlib import Path

import pytest

from peaceops.web.app import create_app
from peaceops.workspace import Workspace

with warnings.catch_warnings():
    warnings.simplefilter("ignore", DeprecationWarning)
    from fastapi.testclient import TestClient


@pytest.fixture
def tracker_client(tmp_path: Path) -> Iterator[TestClient]:
    """The example framework (with indicators computed from the agreement tracker) and the
    example agreement, whose status entries run past the framework's latest observation."""
    from peaceops.demo.agreement import load_example as load_agreement
    from peaceops.demo.framework import load_example as load_framework

    ws = Workspace.create(tmp_path / "ws", country="MLI")
    load_agreement(ws)
    load_framework(ws)
    ws.close()
    with TestClient(create_app(tmp_path / "ws")) as c:
        yield c


_TABLE = re.compile(r"<table>.*?</table>", re.S)


def _status_tables(page: str) -> list[str]:
    """The indicator, roll-up and benchmark tables and the figures' tables of the page."""
    start = page.index('aria-labelledby="h-ind"')
    end = page.index('aria-labelledby="h-observe"')
    return _TABLE.findall(page[start:end])


def test_framework_default_is_the_as_of_of_its_own_date(tracker_client) -> None:  # type: ignore[no-untyped-def]
    default = tracker_client.get("/api/framework/status").json()
    day = default["as_of"]
    # The agreement's later entries (2020-12-31, 2021) are after the day the status is on.
    assert day < "2020-12-31"
    same_day = tracker_client.get(f"/api/framework/status?as_of={day}").json()
    assert same_day == default
    agr = next(i for i in default["indicators"] if i["id"] == "I-AGR")
    assert agr["latest_date"] <= day
    page = tracker_client.get("/framework").text
    dated = tracker_client.get(f"/framework?as_of={day}").text
    assert f"status on {day}" in page and f"status on {day}" in dated
    tables = _status_tables(page)
    assert len(tables) >= 3 and tables == _status_tables(dated)
    for fig in ("ind-I-AGR", "ind-I-AGR-DS"):
        a = tracker_client.get(f"/download/framework/{fig}.csv").text
        b = tracker_client.get(f"/download/framework/{fig}.csv?as_of={day}").text
        assert a == b


def test_mandate_counts_agree_and_a_task_is_listed_once(client) -> None:  # type: ignore[no-untyped-def]
    listing = client.get("/api/mandates").json()
    rows = {r["number"]: r for r in listing["resolutions"]}
    history = {h["symbol"]: h for hs in listing["history"].values() for h in hs}
    diff = client.get("/api/mandates/diff?old=9102&new=9103").json()
    for number, side in ((9102, "old"), (9103, "new")):
        row = rows[number]
        detail = client.get(f"/api/mandates/{number}").json()
        tasks = detail["structure"]["tasks"]
        codes = [t["task"] for t in tasks]
        # 9102 and 9103 mandate local reconciliation in two modalities: one task, listed once.
        assert codes.count("LocalReconcil") == 1 and len(codes) == len(set(codes))
        both = next(t for t in tasks if t["task"] == "LocalReconcil")
        assert len(both["modalities"]) == 2 and len(both["mentions"]) == 2
        counts = {len(codes), row["tasks"], history[row["symbol"]]["tasks"]}
        counts.add(diff["length"][side]["tasks"])
        assert len(counts) == 1, counts
        paragraphs = {
            row["operative_paragraphs"],
            history[row["symbol"]]["operative_paragraphs"],
            diff["length"][side]["operative_paragraphs"],
            sum(1 for s in detail["structure"]["sections"] for p in s["paragraphs"]
                if p["parent"] is None),
        }  # fmt: skip
        assert len(paragraphs) == 1, paragraphs
        page = client.get(f"/mandates/{number}").text
        assert f"Tasks ({len(codes)})" in page
        assert f"{row['operative_paragraphs']} operative paragraphs" in page
        table = page[page.index('id="h-tasks"') : page.index('id="h-structure"')]
        assert table.count("<code>LocalReconcil</code>") == 1


def test_diff_download_counts_as_the_page_does(client) -> None:  # type: ignore[no-untyped-def]
    import csv
    import io

    diff = client.get("/api/mandates/diff?old=9102&new=9103").json()
    rows = list(csv.reader(io.StringIO(client.get(
        "/download/mandate-diff/length.csv?old=9102&new=9103").text)))  # fmt: skip
    by_measure = {r[1]: (r[2], r[3]) for r in rows[1:-1]}
    assert by_measure["tasks"] == (str(diff["length"]["old"]["tasks"]),
                                   str(diff["length"]["new"]["tasks"]))  # fmt: skip
    changes = list(csv.reader(io.StringIO(client.get(
        "/download/mandate-diff/changes.csv?old=9102&new=9103").text)))  # fmt: skip
    shown = [p for p in diff["paragraphs"] if p["kind"] != "unchanged" or p["moved"]
             or (p["old_tier"] and p["new_tier"] and p["old_tier"] != p["new_tier"])]  # fmt: skip
    assert len(changes) - 2 == len(shown) > 0
    assert client.get("/download/mandate-diff/length.csv?old=9102").status_code == 400
