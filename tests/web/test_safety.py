"""Safety of the dashboard: warm-up, cross-site posts and host names, size limits, input
checks on observations, filters clamped to the data, API description and HTTP semantics."""

from __future__ import annotations

import shutil
import warnings
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest

with warnings.catch_warnings():
    warnings.simplefilter("ignore", DeprecationWarning)
    from fastapi.testclient import TestClient

from peaceops.framework.store import changes, observations
from peaceops.web.app import create_app
from peaceops.workspace import Workspace

GOOD = {
    "indicator_id": "I2",
    "value": "23",
    "date": "2019-06-30",
    "source": "Mission reporting",
    "note": "",
    "entered_by": "Analyst",
}


@pytest.fixture
def fresh(tmp_path: Path, small_ws: Path) -> Iterator[tuple[TestClient, Path]]:
    shutil.copytree(small_ws, tmp_path / "ws")
    with TestClient(create_app(tmp_path / "ws")) as c:
        yield c, tmp_path / "ws"


def _values(root: Path) -> list[tuple[str, float, str]]:
    with Workspace.open(root) as ws:
        return [(o.indicator_id, o.value, o.date.isoformat()) for o in observations(ws)]


# -- warm-up ----------------------------------------------------------------------------------


def test_no_500_while_the_server_warms_up(tmp_path: Path, small_ws: Path) -> None:
    shutil.copytree(small_ws, tmp_path / "ws")
    urls = ["/", "/context", "/framework", "/brief", "/plan", "/mandates", "/api/context"] * 2
    # Requests arrive while the warm-up thread is still drawing charts.
    with TestClient(create_app(tmp_path / "ws", warm=True)) as c, ThreadPoolExecutor(6) as pool:
        codes = list(pool.map(lambda u: c.get(u).status_code, urls))
    assert codes == [200] * len(urls)


def test_preload_imports_every_page_module() -> None:
    import sys

    from peaceops.web.app import preload

    preload()
    for name in ("peaceops.events.alerts", "peaceops.reports.brief", "peaceops.web.routes_plan"):
        assert name in sys.modules


# -- cross-site requests and host names -------------------------------------------------------


def test_cross_site_form_post_is_refused_and_nothing_saved(fresh) -> None:  # type: ignore[no-untyped-def]
    client, root = fresh
    before = _values(root)
    for headers in (
        {"Origin": "http://evil.example"},
        {"Origin": "null"},
        {"Sec-Fetch-Site": "cross-site", "Origin": "http://evil.example"},
        {"Sec-Fetch-Site": "same-site"},
    ):
        r = client.post("/framework/observe", data=GOOD, headers=headers, follow_redirects=False)
        assert r.status_code == 403, headers
        assert "another site" in r.text
    r = client.post(
        "/api/framework/observations",
        json={**GOOD, "value": 23},
        headers={"Origin": "http://evil.example"},
    )
    assert r.status_code == 403 and r.json()["status"] == 403
    assert _values(root) == before
    # The dashboard's own page (same origin) and non-browser clients (no Origin) may post.
    r = client.post(
        "/framework/observe",
        data=GOOD,
        headers={"Origin": "http://testserver", "Sec-Fetch-Site": "same-origin"},
        follow_redirects=False,
    )
    assert r.status_code == 303
    assert ("I2", 23.0, "2019-06-30") in _values(root)


def test_only_trusted_host_names_are_served(client) -> None:  # type: ignore[no-untyped-def]
    assert client.get("/", headers={"Host": "evil.example"}).status_code == 400
    assert client.get("/", headers={"Host": "attacker.example:8000"}).status_code == 400
    for host in ("localhost:8000", "127.0.0.1:8000", "[::1]:8000"):
        assert client.get("/api/mandates", headers={"Host": host}).status_code == 200, host


def test_serve_trusts_the_bound_host_and_extra_names(small_ws: Path) -> None:
    from peaceops.web.security import trusted_hosts

    hosts = trusted_hosts("10.1.2.3", ["dash.mission.example"])
    assert {"localhost", "127.0.0.1", "10.1.2.3", "dash.mission.example"} <= set(hosts)
    assert "0.0.0.0" not in trusted_hosts("0.0.0.0")
    with TestClient(create_app(small_ws, hosts=hosts)) as c:
        assert c.get("/api/mandates", headers={"Host": "dash.mission.example"}).status_code == 200
        assert c.get("/api/mandates", headers={"Host": "other.example"}).status_code == 400


# -- sizes ------------------------------------------------------------------------------------


def test_long_fields_are_refused_with_a_message(fresh) -> None:  # type: ignore[no-untyped-def]
    client, root = fresh
    before = _values(root)
    r = client.post("/framework/observe", data={**GOOD, "source": "x" * 20_000})
    assert r.status_code == 400
    assert "At most 300 characters" in r.text.split('id="err-source"')[1]
    r = client.post("/api/framework/observations", json={**GOOD, "value": 1, "note": "n" * 5000})
    assert r.status_code == 400 and "note" in r.json()["errors"]
    assert _values(root) == before


def test_request_body_over_the_limit_is_refused(fresh) -> None:  # type: ignore[no-untyped-def]
    client, root = fresh
    before = _values(root)
    huge = '{"indicator_id": "I2", "value": 1, "date": "2019-06-30", "source": "s", "note": "'
    huge += "x" * 2_000_000 + '"}'
    r = client.post(
        "/api/framework/observations",
        content=huge.encode(),
        headers={"content-type": "application/json"},
    )
    assert r.status_code == 413
    r = client.post("/framework/observe", data={**GOOD, "note": "y" * 400_000})
    assert r.status_code == 413
    assert _values(root) == before


def test_charts_do_not_grow_with_typed_text(fresh) -> None:  # type: ignore[no-untyped-def]
    from peaceops.framework.store import record_observation

    client, root = fresh
    short_page = client.get("/framework").text
    with Workspace.open(root) as ws:  # written past the web form's limit, as a script could
        record_observation(ws, "I2", 25, __import__("datetime").date(2019, 3, 31), "S" * 200_000)
    page = client.get("/framework").text
    assert len(page) < len(short_page) + 20_000
    assert "S" * 300 not in page.split("<details>")[0]


# -- observation values and dates ------------------------------------------------------------


@pytest.mark.parametrize(
    ("change", "field", "message"),
    [
        ({"value": "35,5"}, "value", "decimal comma: write 35.5"),
        ({"value": "-3"}, "value", "0 or more"),
        ({"value": "1e400"}, "value", "not a finite number"),
        ({"date": "2017-06-30"}, "date", "before the framework starts (2017-12-31"),
        ({"date": "2999-01-01"}, "date", "in the future"),
    ],
)
def test_observation_values_and_dates_are_checked(client, small_ws, change, field, message) -> None:  # type: ignore[no-untyped-def]
    before = _values(small_ws)
    r = client.post("/framework/observe", data={**GOOD, **change})
    assert r.status_code == 400
    assert message in r.text.split(f'id="err-{field}"')[1].split("</p>")[0]
    assert _values(small_ws) == before


def test_value_rules_per_unit() -> None:
    from peaceops.errors import InputError
    from peaceops.framework.checks import check_value, parse_value, value_range

    assert parse_value("1,500") == 1500 and parse_value("12,345.5") == 12345.5
    assert parse_value(" 35.5 ") == 35.5 and parse_value("1 500") == 1500
    for bad in ("35,5", "1,50", "3.5.1", "twenty", ""):
        with pytest.raises(InputError):
            parse_value(bad)
    assert value_range("percent") == (0, 100) and value_range("%") == (0, 100)
    assert value_range("fatalities") == (0, None) and value_range("score change") == (None, None)
    check_value(100, "percent")
    with pytest.raises(InputError, match="from 0 to 100"):
        check_value(100.5, "percent")


def test_duplicate_observation_is_refused_then_replaced_with_a_record(fresh) -> None:  # type: ignore[no-untyped-def]
    client, root = fresh
    first = client.post("/framework/observe", data=GOOD, follow_redirects=False)
    assert first.status_code == 303
    again = client.post("/framework/observe", data={**GOOD, "value": "25"})
    assert again.status_code == 400
    assert "already has a value for 2019-06-30: 23" in again.text
    assert 'name="replace"' in again.text  # the form offers to replace it
    assert [v for v in _values(root) if v[2] == "2019-06-30"] == [("I2", 23.0, "2019-06-30")]
    replaced = client.post(
        "/framework/observe", data={**GOOD, "value": "25", "replace": "on"}, follow_redirects=False
    )
    assert replaced.status_code == 303
    status = client.get("/api/framework/status").json()
    i2 = next(i for i in status["indicators"] if i["id"] == "I2")
    assert i2["latest"] == 25.0
    with Workspace.open(root) as ws:
        notes = [o.note for o in observations(ws) if o.date.isoformat() == "2019-06-30"]
        log = changes(ws)
    assert any("replaces 23" in n for n in notes)
    assert sum(c.action == "observe" for c in log) >= 2


# -- filters ----------------------------------------------------------------------------------


def test_filters_are_clamped_to_the_data(client) -> None:  # type: ignore[no-untyped-def]
    r = client.get("/context?to=9999")
    assert r.status_code == 200 and "The data ends on 2019-12-" in r.text
    r = client.get("/api/context?to=9999&from=0002")
    assert r.status_code == 200
    assert r.json()["notes"].keys() == {"from", "to"}
    r = client.get("/context?from=0002&by=month")
    assert r.status_code == 200  # 48 months: shown
    assert len(r.content) < 1_500_000
    r = client.get("/api/context/series?from=2030")
    assert r.status_code == 400 and "after the last event" in r.json()["errors"]["from"]
    r = client.get("/api/alerts?to=9999")
    assert r.status_code == 200


def test_unknown_region_and_event_type_are_400_with_a_message(client) -> None:  # type: ignore[no-untyped-def]
    r = client.get("/context?region=Atlantis")
    assert r.status_code == 400
    assert "not a region group or an admin1 area" in r.text.split('id="err-region"')[1]
    r = client.get("/api/context?event_type=Picnics")
    assert r.status_code == 400 and "Picnics" in r.json()["errors"]["event_type"]
    r = client.get("/api/context/series?region=Atlantis")
    assert r.status_code == 400
    r = client.get("/api/context/areas?region=centre")
    assert r.status_code == 200


# -- API description and HTTP semantics --------------------------------------------------------


def test_api_docs_work_offline_and_openapi_says_400(client) -> None:  # type: ignore[no-untyped-def]
    page = client.get("/api/docs")
    assert page.status_code == 200
    assert '<script src="http' not in page.text and "cdn" not in page.text.lower()
    assert "/api/framework/observations" in page.text
    spec = client.get("/openapi.json").json()
    codes = {c for path in spec["paths"].values() for op in path.values() for c in op["responses"]}
    assert "422" not in codes and "400" in codes
    assert spec["components"]["schemas"]["Error"]["properties"]["errors"]["type"] == "object"
    bad = client.get("/api/alerts?level=x")
    assert bad.status_code == 400 and "level" in bad.json()["errors"]


def test_head_and_allow_and_reloadable_form_address(client) -> None:  # type: ignore[no-untyped-def]
    for url in ("/", "/context", "/api/mandates", "/static/peaceops.css"):
        get, head = client.get(url), client.head(url)
        assert head.status_code == 200 and head.content == b"", url
        assert head.headers["content-type"] == get.headers["content-type"]
    r = client.delete("/api/mandates")
    assert r.status_code == 405 and r.headers["allow"] == "GET, HEAD"
    # After a failed post the address stays usable: opening or reloading it leads to the form.
    r = client.get("/framework/observe", follow_redirects=False)
    assert r.status_code == 303 and r.headers["location"] == "/framework#observe"


def test_mandate_counts_agree_across_list_history_and_diff(client) -> None:  # type: ignore[no-untyped-def]
    data = client.get("/api/mandates").json()
    history = {h["symbol"]: h for rows in data["history"].values() for h in rows}
    for r in data["resolutions"]:
        h = history.get(r["symbol"])
        if h is None:
            continue
        assert r["operative_paragraphs"] == h["operative_paragraphs"], r["symbol"]
        assert r["tasks"] == h["tasks"], r["symbol"]
    diff = client.get("/api/mandates/diff?old=9102&new=9103").json()
    new = next(r for r in data["resolutions"] if r["symbol"].startswith("S/RES/9103"))
    assert diff["length"]["new"]["operative_paragraphs"] == new["operative_paragraphs"]
    assert diff["length"]["new"]["tasks"] == new["tasks"]
    overview = client.get("/api/overview").json()
    assert overview["mandates"]["latest"]["operative_paragraphs"] == new["operative_paragraphs"]
