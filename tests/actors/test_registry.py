"""The actor registry: reading, validation (one clear error, nothing stored) and name matching."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
import yaml

from peaceops.actors.mapping import NameResolver
from peaceops.actors.model import ACTOR_TYPES, fold_actor_name, strip_period_suffix
from peaceops.actors.registry import (
    USER_REGISTRY_FILE,
    RegistryError,
    import_registry,
    load_registry,
    parse_registry,
    workspace_registry,
)
from peaceops.workspace import Workspace


def _doc(*actors: dict) -> dict:
    return {"actors": list(actors)}


def _actor(name: str, *aliases, type_: str = "jihadist group", **extra) -> dict:
    return {"name": name, "type": type_, "source": "test", "aliases": list(aliases), **extra}


def test_shipped_mali_registry_is_valid_and_sourced():
    reg = load_registry(country="MLI")
    assert len(reg.actors) > 50
    for a in reg.actors:
        assert a.type in ACTOR_TYPES
        assert a.source.strip()
        for key in a.source.replace(",", ";").split(";"):
            # every source key an entry cites is defined in the file's sources
            assert key.strip() in dict(reg.sources), (a.name, key)
    # exactly one actor is the UN mission, and it is MINUSMA
    assert [a.name for a in reg.mission] == ["MINUSMA"]
    jnim = reg.get("JNIM")
    assert jnim is not None and jnim.start == date(2017, 3, 2)
    assert reg.get("Katiba Macina").umbrella(date(2018, 1, 1)) == "JNIM"
    assert reg.get("Katiba Macina").umbrella(date(2016, 1, 1)) is None
    gatia = reg.get("GATIA")
    assert gatia.is_signatory(date(2016, 1, 1)) and not gatia.is_signatory(date(2015, 1, 1))
    assert reg.get("MSA").signatory is None


def test_period_suffixes_are_dropped_wherever_they_stand():
    name = "Police Forces of Mali (2013-2020) Gendarmerie"
    assert strip_period_suffix(name) == "Police Forces of Mali Gendarmerie"
    assert fold_actor_name("Military Forces of Mali (2020-)") == "military forces of mali"
    assert fold_actor_name("Civilians (Mali)") == "civilians mali"


def test_resolution_by_date_and_precedence():
    resolver = NameResolver(load_registry(country="MLI"))
    france = "Military Forces of France (2012-2017)"
    assert resolver.resolve(france, date(2013, 2, 1)).name == "Operation Serval"
    assert resolver.resolve(france, date(2016, 2, 1)).name == "Operation Barkhane"
    # the exact alias wins over the generic ethnic-militia pattern listed later
    assert resolver.resolve("Dogon Ethnic Militia (Mali)", date(2019, 1, 1)).name == (
        "Dogon ethnic militias"
    )
    assert resolver.resolve("Sao Ethnic Militia (Mali)", date(2019, 1, 1)).type == (
        "community militia"
    )
    # other UN bodies are not the mission
    assert not resolver.resolve("UNHCR: United Nations Refugee Agency", date(2019, 1, 1)).un_mission
    assert resolver.resolve(
        "MINUSMA: United Nations Multidimensional Integrated Stabilization Mission in Mali (2013-)",
        date(2019, 1, 1),
    ).un_mission
    # Nigeria is not Niger: the catch-all for foreign forces takes it
    assert resolver.resolve("Military Forces of Nigeria (1999-2015)", date(2013, 1, 1)).name == (
        "Other foreign national forces"
    )
    # a name used before the actor existed maps to nothing
    jnim = "JNIM: Group for Support of Islam and Muslims"
    assert resolver.resolve(jnim, date(2016, 12, 1)) is None
    assert resolver.resolve(jnim, date(2017, 3, 2)).label == "JNIM"


def test_alias_written_with_its_period_matches_only_that_name():
    reg = parse_registry(
        _doc(
            _actor("Old army", {"name": "Army of X (1990-2000)"}, type_="state forces"),
            _actor("Army", "Army of X", type_="state forces"),
        )
    )
    r = NameResolver(reg)
    assert r.resolve("Army of X (1990-2000)", date(1995, 1, 1)).name == "Old army"
    assert r.resolve("Army of X (2000-)", date(2005, 1, 1)).name == "Army"


@pytest.mark.parametrize(
    ("doc", "entry", "words"),
    [
        (_doc(_actor("A", "Alpha"), _actor("B", "alpha")), "B", "duplicate alias"),
        (_doc(_actor("A", "Alpha", "ALPHA")), "A", "duplicate alias"),
        (
            _doc(
                _actor("A", "Alpha", **{"from": "2010-01-01", "to": "2015-12-31"}),
                _actor("B", "Alpha", **{"from": "2015-06-01"}),
            ),
            "B",
            "overlapping validity",
        ),
        (_doc(_actor("A", "Alpha", type_="rebels")), "A", "unknown type 'rebels'"),
        (_doc({"name": "A", "type": "civilians", "aliases": []}), "A", "no source"),
        (_doc(_actor("A", {"pattern": "(unclosed"})), "A", "not a regular expression"),
        (_doc(_actor("A", "Alpha", **{"from": "2015-13-01"})), "A", "not a date"),
        (_doc(_actor("A", "Alpha", **{"from": "2016", "to": "2015"})), "A", "before it starts"),
    ],
)
def test_bad_registry_names_the_entry(doc, entry, words):
    with pytest.raises(RegistryError) as info:
        parse_registry(doc, "mine.yaml")
    assert info.value.entry == entry
    assert words in str(info.value)
    assert str(info.value).startswith("mine.yaml: actor ")
    assert "\n" not in str(info.value)


def test_consecutive_periods_of_one_alias_are_fine():
    reg = parse_registry(
        _doc(
            _actor("A", "Alpha", **{"to": "2014-07-31"}),
            _actor("B", "Alpha", **{"from": "2014-08-01"}),
        )
    )
    r = NameResolver(reg)
    assert r.resolve("Alpha", date(2014, 7, 31)).name == "A"
    assert r.resolve("Alpha", date(2014, 8, 1)).name == "B"


def test_user_file_overrides_and_extends_the_shipped_registry(workspace: Workspace, tmp_path):
    user = tmp_path / "mine.yaml"
    user.write_text(
        yaml.safe_dump(
            _doc(
                _actor("Katiba Macina", "Katiba Macina", "Macina Liberation Front"),
                _actor("New front", "New Front of the Centre", type_="other armed group"),
            )
        )
    )
    reg = import_registry(workspace, user)
    assert reg.get("New front") is not None
    assert [a.name for a in reg.actors].count("Katiba Macina") == 1
    macina = reg.get("Katiba Macina")
    assert macina.memberships == ()  # the user's entry replaced the shipped one
    assert (workspace.root / USER_REGISTRY_FILE).read_text() == user.read_text()
    assert workspace_registry(workspace).get("New front") is not None


def test_refused_registry_stores_nothing(workspace: Workspace, tmp_path):
    good = tmp_path / "good.yaml"
    good.write_text(yaml.safe_dump(_doc(_actor("Front A", "Front A name"))))
    import_registry(workspace, good)
    before = (workspace.root / USER_REGISTRY_FILE).read_bytes()
    bad = tmp_path / "bad.yaml"
    # duplicates an alias of the shipped registry without periods
    bad.write_text(yaml.safe_dump(_doc(_actor("Copy", "Ansar Dine"))))
    with pytest.raises(RegistryError, match=r"bad\.yaml: actor 'Copy': duplicate alias"):
        import_registry(workspace, bad)
    assert (workspace.root / USER_REGISTRY_FILE).read_bytes() == before
    assert not [p for p in Path(workspace.root).iterdir() if p.name.startswith(".actors-")]


def test_not_yaml_is_one_line(workspace: Workspace, tmp_path):
    bad = tmp_path / "bad.yaml"
    bad.write_text("actors: [\n  - name: x\n  : :")
    with pytest.raises(Exception, match=r"bad\.yaml: not valid YAML \(line \d+\)"):
        import_registry(workspace, bad)
    assert not (workspace.root / USER_REGISTRY_FILE).exists()


def test_alias_source_must_be_known():
    doc = _doc(_actor("A", {"name": "Alpha", "source": "gdelt"}))
    with pytest.raises(RegistryError, match="alias source 'gdelt' is not one of: acled, ucdp"):
        parse_registry(doc, "mine.yaml")
    # the same name limited to different sources names different actors without conflict
    reg = parse_registry(
        _doc(_actor("A", {"name": "Alpha", "source": "ucdp"}), _actor("B", "Alpha"))
    )
    r = NameResolver(reg)
    assert r.resolve("Alpha", date(2020, 1, 1), "ucdp").name == "A"
    assert r.resolve("Alpha", date(2020, 1, 1), "acled").name == "B"


def test_registry_and_mapping_are_kept_on_the_workspace_and_dropped_on_publish(
    with_events, tmp_path
):
    """The registry and the mapped events live in ``Workspace.cached``: a second read is the
    same object, an imported registry or a new events file is read afresh."""
    import sys

    sys.path.insert(0, str(Path(__file__).parent))
    from actor_fixtures import acled

    from peaceops.actors.mapping import actor_frames

    ws = with_events([acled(date(2020, 1, 5), "New Front of the Centre", "Civilians (Mali)")])
    first = actor_frames(ws)
    assert actor_frames(ws) is first
    assert workspace_registry(ws) is workspace_registry(Workspace.open(ws.root))
    assert first.events.get_column("actor1_canonical").to_list() == [None]

    user = tmp_path / "mine.yaml"
    user.write_text(
        yaml.safe_dump(
            _doc(_actor("New front", "New Front of the Centre", type_="other armed group"))
        )
    )
    before = ws.data_version()
    import_registry(ws, user)
    assert ws.data_version() != before  # pages and caches made from the old registry go
    mapped = actor_frames(ws)
    assert mapped is not first
    assert mapped.events.get_column("actor1_canonical").to_list() == ["New front"]

    with_events([acled(date(2021, 1, 5), "New Front of the Centre", "Civilians (Mali)")] * 2)
    again = actor_frames(ws)
    assert again is not mapped
    assert again.events.height == 2
