"""Project-written illustrative resolution texts in the modern mandate structure.

NOT OFFICIAL TEXT. These three consecutive "renewals" of a MINUSMA-like mandate were written
for peaceops, in our own words, to exercise the reader, tier detection, diff and history on the
modern layout (headings "Strategic priorities", "Priority tasks", "Other tasks"; paragraphs with
(a)/(i) sub-paragraphs). Their symbols (S/RES/9101-9103) do not exist; the rendered text says
so in a line of its own. Official resolutions come from ``peaceops mandates fetch SYMBOL``.
"""

from __future__ import annotations

import html
import textwrap
from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from peaceops.mandates.model import Resolution
    from peaceops.workspace import Workspace

__all__ = [
    "FRENCH_SAMPLE",
    "ILLUSTRATIVE_NOTE",
    "MODERN_RENEWALS",
    "NON_RESOLUTION_SAMPLE",
    "ModernFixture",
    "modern_fixture",
    "modern_resolution_html",
    "modern_resolution_text",
    "save_illustrative_renewals",
]

ILLUSTRATIVE_NOTE = (
    "Illustrative text written for the peaceops project; not an official United Nations document."
)

# The texts give no meeting number: an invented one would read as a fact.
_NO_MEETING = "(illustrative: no such meeting was held)"

# (kind, text): kind is "pre" (preambular), "head" (section heading), "op" (numbered operative
# paragraph), "sub" (lettered sub-paragraph) or "subsub" (roman sub-sub-paragraph).
Part = tuple[str, str]

_PREAMBLE_COMMON: tuple[Part, ...] = (
    (
        "pre",
        "Recalling its previous resolutions and the statements of its President on the "
        "situation in Mali,",
    ),
    (
        "pre",
        "Reaffirming its strong commitment to the sovereignty, unity and territorial "
        "integrity of Mali,",
    ),
    (
        "pre",
        "Stressing that the Malian parties bear the primary responsibility for implementing "
        "the Agreement on Peace and Reconciliation in Mali,",
    ),
)
_CLOSING: tuple[Part, ...] = (
    ("head", "Capacities of MINUSMA and safety and security of its personnel"),
    (
        "op",
        "Authorizes MINUSMA to use all necessary means, within its capabilities and its "
        "areas of deployment, to carry out its mandate;",
    ),
    (
        "op",
        "Requests the Secretary-General to report to the Security Council every three "
        "months on the implementation of the present resolution;",
    ),
    ("op", "Decides to remain actively seized of the matter."),
)


@dataclass(frozen=True)
class ModernFixture:
    """One illustrative resolution: symbol parts, adoption, and its paragraphs in order."""

    key: str
    number: int
    year: int
    adopted: str  # "28 June 2018"
    parts: tuple[Part, ...]

    @property
    def symbol(self) -> str:
        return f"S/RES/{self.number} ({self.year})"


_R2018 = ModernFixture(
    key="minusma-like-2018",
    number=9101,
    year=2018,
    adopted="28 June 2018",
    parts=(
        *_PREAMBLE_COMMON,
        (
            "pre",
            "Expressing grave concern about the deterioration of the security situation in "
            "the centre of Mali and about attacks against civilians,",
        ),
        ("pre", "Acting under Chapter VII of the Charter of the United Nations,"),
        ("head", "Mandate of MINUSMA"),
        (
            "op",
            "Decides to extend the mandate of the United Nations Multidimensional Integrated "
            "Stabilization Mission in Mali (MINUSMA) until 30 June 2019;",
        ),
        ("head", "Strategic priorities"),
        (
            "op",
            "Decides that the strategic priority of MINUSMA is to support the implementation "
            "of the Agreement by the Malian parties, and that its second strategic priority is to "
            "support the return of State authority to the centre of Mali;",
        ),
        ("head", "Priority tasks"),
        ("op", "Decides that MINUSMA's mandate shall include the following priority tasks:"),
        ("sub", "Support to the implementation of the Agreement"),
        (
            "subsub",
            "To support the implementation of the political and institutional reforms "
            "provided for by the Agreement, including the decentralization process;",
        ),
        (
            "subsub",
            "To support the cantonment, disarmament, demobilization and reintegration of "
            "armed groups, including through the integration of former combatants into the "
            "reconstituted security forces;",
        ),
        ("sub", "Protection of civilians"),
        (
            "subsub",
            "To protect, without prejudice to the primary responsibility of the Malian "
            "authorities, civilians under threat of physical violence;",
        ),
        (
            "subsub",
            "To take robust and active steps to anticipate, deter and respond to threats "
            "against civilians, notably in the north and centre of Mali;",
        ),
        (
            "sub",
            "To monitor, document and report to the Security Council on violations of "
            "international humanitarian law and on abuses and violations of human rights, "
            "including all forms of sexual and gender-based violence;",
        ),
        ("head", "Other tasks"),
        ("op", "Further decides that MINUSMA's mandate shall include the following other tasks:"),
        (
            "sub",
            "To support the Malian authorities in the removal and destruction of mines and "
            "other explosive devices;",
        ),
        (
            "sub",
            "To assist the Malian authorities in protecting cultural and historical sites "
            "from attacks;",
        ),
        ("sub", "To carry out quick-impact projects that contribute to stabilization;"),
        *_CLOSING,
    ),
)

_R2019 = ModernFixture(
    key="minusma-like-2019",
    number=9102,
    year=2019,
    adopted="27 June 2019",
    parts=(
        *_PREAMBLE_COMMON,
        (
            "pre",
            "Welcoming the steps taken by the Malian parties since its last renewal, while "
            "regretting persistent delays in key provisions of the Agreement,",
        ),
        ("pre", "Acting under Chapter VII of the Charter of the United Nations,"),
        ("head", "Mandate of MINUSMA"),
        ("op", "Decides to extend the mandate of MINUSMA until 30 June 2020;"),
        ("head", "Strategic priorities"),
        (
            "op",
            "Decides that the strategic priority of MINUSMA remains to support the "
            "implementation of the Agreement by the Malian parties and other relevant Malian "
            "stakeholders;",
        ),
        (
            "op",
            "Decides that MINUSMA's second strategic priority is to facilitate the "
            "implementation by Malian actors of a comprehensive politically-led strategy to "
            "protect civilians, reduce intercommunal violence and re-establish State "
            "authority in the centre of Mali;",
        ),
        ("head", "Priority tasks"),
        ("op", "Decides that MINUSMA's mandate shall include the following priority tasks:"),
        ("sub", "Support to the implementation of the Agreement"),
        (
            "subsub",
            "To support the implementation of the political and institutional reforms "
            "provided for by the Agreement, including the decentralization process and the "
            "organization of inclusive elections;",
        ),
        (
            "subsub",
            "To support the cantonment, disarmament, demobilization and reintegration of "
            "armed groups, including through the integration of former combatants into the "
            "reconstituted security forces;",
        ),
        ("sub", "Protection of civilians"),
        (
            "subsub",
            "To protect, without prejudice to the primary responsibility of the Malian "
            "authorities, civilians under threat of physical violence;",
        ),
        (
            "subsub",
            "To take robust and active steps to anticipate, deter and respond to threats "
            "against civilians, notably in the centre of Mali, including through mobile and "
            "flexible deployments;",
        ),
        (
            "subsub",
            "To support local reconciliation initiatives that reduce intercommunal violence;",
        ),
        (
            "sub",
            "To monitor, document and report to the Security Council on violations of "
            "international humanitarian law and on abuses and violations of human rights, "
            "including all forms of sexual and gender-based violence;",
        ),
        ("head", "Other tasks"),
        ("op", "Further decides that MINUSMA's mandate shall include the following other tasks:"),
        (
            "sub",
            "To support the Malian authorities in the removal and destruction of mines and "
            "other explosive devices;",
        ),
        ("sub", "To carry out quick-impact projects that contribute to stabilization;"),
        *_CLOSING,
    ),
)

_R2020 = ModernFixture(
    key="minusma-like-2020",
    number=9103,
    year=2020,
    adopted="29 June 2020",
    parts=(
        *_PREAMBLE_COMMON,
        (
            "pre",
            "Expressing deep concern about the continued violence against civilians in the "
            "centre of Mali and about the humanitarian situation,",
        ),
        ("pre", "Acting under Chapter VII of the Charter of the United Nations,"),
        ("head", "Mandate of MINUSMA"),
        ("op", "Decides to extend the mandate of MINUSMA until 30 June 2021;"),
        ("head", "Strategic priorities"),
        (
            "op",
            "Decides that the strategic priority of MINUSMA remains to support the "
            "implementation of the Agreement by the Malian parties and other relevant Malian "
            "stakeholders, as well as the political transition;",
        ),
        (
            "op",
            "Decides that MINUSMA's second strategic priority is to facilitate the "
            "implementation by Malian actors of a comprehensive politically-led strategy to "
            "protect civilians, reduce intercommunal violence and re-establish State "
            "authority in the centre of Mali;",
        ),
        ("head", "Priority tasks"),
        ("op", "Decides that MINUSMA's mandate shall include the following priority tasks:"),
        ("sub", "Support to the implementation of the Agreement and the transition"),
        (
            "subsub",
            "To support the implementation of the political and institutional reforms "
            "provided for by the Agreement, and the holding of free, fair and inclusive elections "
            "at the end of the transition;",
        ),
        (
            "subsub",
            "To support the cantonment, disarmament, demobilization and reintegration of "
            "armed groups;",
        ),
        (
            "subsub",
            "To support the full, equal and meaningful participation of women in the "
            "peace process;",
        ),
        ("sub", "Protection of civilians"),
        (
            "subsub",
            "To protect, without prejudice to the primary responsibility of the Malian "
            "authorities, civilians under threat of physical violence;",
        ),
        (
            "subsub",
            "To take robust and active steps to anticipate, deter and respond to threats "
            "against civilians, notably in the centre of Mali, including through mobile and "
            "flexible deployments;",
        ),
        (
            "subsub",
            "To support local reconciliation initiatives that reduce intercommunal violence;",
        ),
        (
            "sub",
            "To monitor, document and report to the Security Council on violations of "
            "international humanitarian law and on abuses and violations of human rights, "
            "including all forms of sexual and gender-based violence;",
        ),
        (
            "sub",
            "To support the Malian authorities in the redeployment of the reconstituted "
            "defence and security forces to the centre and north of Mali;",
        ),
        ("head", "Other tasks"),
        ("op", "Further decides that MINUSMA's mandate shall include the following other tasks:"),
        (
            "sub",
            "To support the Malian authorities in the removal and destruction of mines and "
            "other explosive devices;",
        ),
        *_CLOSING,
    ),
)

_FIXTURES = {f.key: f for f in (_R2018, _R2019, _R2020)}
MODERN_RENEWALS: tuple[str, ...] = tuple(_FIXTURES)

FRENCH_SAMPLE = """Résolution 2531 (2020)

Adoptée par le Conseil de sécurité à sa 8743e séance, le 29 juin 2020

Le Conseil de sécurité,

Rappelant ses résolutions antérieures sur la situation au Mali,

1. Décide de proroger le mandat de la Mission jusqu'au 30 juin 2021;

2. Décide de rester activement saisi de la question.
"""

NON_RESOLUTION_SAMPLE = """Quarterly logistics note

The convoy schedule for the next quarter is attached. Fuel deliveries to the northern
camps will follow the usual rotation, and the warehouse inventory is due in March.
"""


def modern_fixture(key: str) -> ModernFixture:
    """The illustrative resolution with this key (one of ``MODERN_RENEWALS``)."""
    return _FIXTURES[key]


def _labelled(fx: ModernFixture) -> list[tuple[str, str, str]]:
    """(kind, label, text) with paragraph numbers and (a)/(i) labels filled in."""
    out: list[tuple[str, str, str]] = []
    n = 0
    letter = 0
    roman = 0
    romans = ["i", "ii", "iii", "iv", "v", "vi", "vii", "viii"]
    for kind, text in fx.parts:
        if kind == "op":
            n, letter, roman = n + 1, 0, 0
            out.append((kind, f"{n}.", text))
        elif kind == "sub":
            letter, roman = letter + 1, 0
            out.append((kind, f"({chr(ord('a') + letter - 1)})", text))
        elif kind == "subsub":
            roman += 1
            out.append((kind, f"({romans[roman - 1]})", text))
        else:
            out.append((kind, "", text))
    return out


def modern_resolution_text(key: str, width: int = 88) -> str:
    """The fixture as plain text, hard-wrapped like a printed resolution."""
    fx = modern_fixture(key)
    lines = [
        f"United Nations{' ' * 40}{fx.symbol}",
        f"Security Council{' ' * 38}Distr.: General",
        f"{' ' * 54}{fx.adopted}",
        "",
        ILLUSTRATIVE_NOTE,
        "",
        f"Resolution {fx.number} ({fx.year})",
        "",
        f"Adopted by the Security Council at its meeting on {fx.adopted} {_NO_MEETING}",
        "",
        "The Security Council,",
        "",
    ]
    for kind, label, text in _labelled(fx):
        body = f"{label} {text}".strip()
        indent = {"sub": "    ", "subsub": "        "}.get(kind, "")
        lines.extend(textwrap.wrap(body, width, initial_indent=indent, subsequent_indent=indent))
        lines.append("")
    return "\n".join(lines)


def modern_resolution_html(key: str) -> str:
    """The fixture as a small HTML document (used to make PDFs with a text layer in tests)."""
    fx = modern_fixture(key)
    body = [
        f"<p>United Nations {html.escape(fx.symbol)}</p>",
        f"<p><em>{html.escape(ILLUSTRATIVE_NOTE)}</em></p>",
        f"<h1>Resolution {fx.number} ({fx.year})</h1>",
        f"<p>Adopted by the Security Council at its meeting on {fx.adopted} {_NO_MEETING}</p>",
        "<p>The Security Council,</p>",
    ]
    for kind, label, text in _labelled(fx):
        if kind == "head":
            body.append(f"<h2>{html.escape(text)}</h2>")
        else:
            pad = {"sub": 2, "subsub": 4}.get(kind, 0)
            body.append(
                f'<p style="margin-left:{pad}em">{html.escape(label)} {html.escape(text)}</p>'
            )
    return (
        "<!DOCTYPE html><html><head><meta charset='utf-8'><title>"
        f"{html.escape(fx.symbol)}</title></head><body>" + "\n".join(body) + "</body></html>"
    )


def save_illustrative_renewals(ws: Workspace) -> list[Resolution]:
    """Read and store the project-written renewals of a MINUSMA-like mandate (S/RES/9101-9103,
    labelled as not official), for demos and test workspaces."""
    from peaceops.mandates.reader import read_text
    from peaceops.mandates.store import save_resolution

    saved = []
    for key in MODERN_RENEWALS:
        res = read_text(modern_resolution_text(key), source=f"illustrative text {key}")
        save_resolution(ws, res)
        saved.append(res)
    return saved
