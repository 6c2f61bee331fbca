"""Operative verbs ("Decides", "Calls upon", "Strongly condemns") and preambular openers.

An operative paragraph opens with a verb in the third person, perhaps after adverbs; a
preambular one with a participle or an adjective ("Recalling", "Deeply concerned").
"""

from __future__ import annotations

import re

__all__ = ["PREAMBLE_OPENER", "operative_verb"]

_ADVERBS = frozenset(
    [
        "also",
        "further",
        "again",
        "once",
        "more",
        "strongly",
        "firmly",
        "urgently",
        "fully",
        "hereby",
        "reiterates",
        "accordingly",
        "therefore",
        "likewise",
        "equally",
        "earnestly",
        "solemnly",
        "formally",
        "emphatically",
    ]
)
_PARTICLES = ("upon", "on")
# Words that open a preambular paragraph (participles and adjectives), as opposed to operative
# verbs in the third person ("Decides", "Requests").
PREAMBLE_OPENER = re.compile(
    r"^(?:[A-Z][a-z]+ly\s+[a-z]+(?:ing|ed)\b|[A-Z][a-z]+(?:ing|ed)\b|(?:Aware|Mindful|Conscious"
    r"|Determined|Cognizant|Also|Further|Alarmed|Anxious|Desirous|Gravely|Deeply)\s+[a-z]+(?:ing|ed)\b)"
)


def operative_verb(text: str) -> str:
    """The operative verb phrase opening a paragraph: "Decides", "Calls upon", "Also requests".

    Older texts open with "The Security Council requests ..."; the verb is then capitalised.
    """
    words = text.split(maxsplit=8)
    if len(words) >= 3 and words[0] == "The" and words[1] == "Security" and words[2] == "Council":
        words = words[3:]
        if words:
            words[0] = words[0].capitalize()
    out: list[str] = []
    for raw in words:
        w = raw.strip(",;:")
        if not w.isalpha():
            break
        if (w.lower() in _ADVERBS or w.endswith("ly")) and len(out) < 3:
            out.append(w)
            continue
        if w.endswith("s") and w[0].isalpha():
            out.append(w)
            idx = words.index(raw)
            nxt = [x.strip(",;:") for x in words[idx + 1 : idx + 3]]
            if nxt and nxt[0] in _PARTICLES:
                out.append(nxt[0])
            elif len(nxt) == 2 and nxt[0] == "again" and nxt[1] in _PARTICLES:
                out.extend(nxt)
            elif w == "Takes" and nxt[:1] == ["note"]:
                out.append("note")
            elif w == "Bears" and nxt == ["in", "mind"]:
                out.extend(nxt)
            return " ".join(out)
        break
    return ""
