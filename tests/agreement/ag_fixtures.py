"""Test data for the agreement tests: a small hand-written agreement (not the shipped example)."""

from __future__ import annotations

from pathlib import Path

SMALL = """
agreement:
  id: test-accord
  name: Test accord between a government and one movement
  short_name: Test accord
  parties: [Government, Movement]
  mediators: [Mediator]
  signatures:
  - {party: Government, date: 2016-01-10, place: Capital}
  - {party: Movement, date: 2016-01-10, place: Capital}
  phases:
  - {id: interim, name: Interim period, start: 2016-01-10, end: 2017-01-10}
  renewals:
  - {date: 2016-06-30, resolution: S/RES/1 (2016)}
  - {date: 2017-06-30, resolution: S/RES/2 (2017)}
parts:
- id: P1
  number: Title I
  name: Politics
  chapters:
  - id: C1
    number: Chapter 1
    name: Institutions
    provisions:
    - {id: p-assembly, article: Art. 1, summary: Elect regional assemblies.,
       responsible: [Government], phase: interim, tasks: [Democratization]}
    - {id: p-senate, article: Art. 2, summary: Create a senate., deadline: 2016-12-31}
- id: P2
  number: Title II
  name: Security
  chapters:
  - id: C2
    number: Chapter 2
    name: DDR
    provisions:
    - {id: s-ddr, article: Art. 3, summary: Disarm fighters., tasks: [DisarmDemob],
       indicators: [I-DDR]}
    - {id: s-patrols, article: Art. 4, summary: Mixed patrols., deadline: 2016-03-10}
"""


def write_csv(path: Path, rows: list[str]) -> Path:
    path.write_text("provision,date,level,source,note\n" + "\n".join(rows) + "\n", encoding="utf-8")
    return path
