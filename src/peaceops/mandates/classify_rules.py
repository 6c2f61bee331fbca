"""Who the Council asks to act, and how: the sentence rules behind the task classifier.

PEMA codes a task only when the Council gives it to the peace operation (the mission, its force,
its observers, or the Secretary-General's operation): it *decides*, *authorizes*, *requests* or
*approves* that the mission do it, or *encourages* / *invites* the mission to do it (modality
``Encouraged``). Appeals to the parties or to Member States, statements (*reaffirms*, *stresses*,
*condemns*...) and requests for reports are not tasks. This module splits an operative paragraph
into clauses (one operative verb each) and each clause into action segments (one infinitive or
gerund each), and decides for every segment whether it gives the mission work and with which
modality.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from peaceops.mandates.model import Modality

__all__ = [
    "Clause",
    "Segment",
    "clauses",
    "lead_in",
    "mask_references",
    "mission_segments",
    "segment_modality",
    "vetoed",
]

_ADVERBS = (
    "also|further|furthermore|again|once|more|strongly|fully|hereby|urgently|accordingly|"
    "therefore|in|principle|this|context|connection|regard|to|that|end|,"
)
_MANDATE_VERBS = frozenset(
    {
        "decides",
        "authorizes",
        "authorises",
        "requests",
        "approves",
        "expands",
        "extends",
        "entrusts",
        "establishes",
        "endorses",
        "mandates",
        "agrees",
        "directs",
        # "Calls upon UNTEST to ...", "Urges the Force to ...": a task when the mission is
        # the addressee (appeals to the parties are told apart by the addressee).
        "calls",
        "urges",
        # "Determines that the Authority shall ...", like "Decides that ... shall".
        "determines",
        # "Supports the intention of the Secretary-General to deploy ..." (only that form).
        "supports",
    }
)
# "Stresses the need for the Mission to ...", "Emphasizes the importance of the role of
# UNTEST in ...": the Council gives the mission work by stressing it.
_STRESS_VERBS = frozenset({"stresses", "emphasizes", "emphasises", "underlines", "underscores"})
_STRESS_OBJECT = re.compile(
    r"^\W*(?:also\s+|further\s+|again\s+)?the\s+(?:(?:continued|urgent)\s+)?"
    r"(?:need|necessity)\s+for\s+|"
    r"^\W*(?:also\s+|further\s+|again\s+)?the\s+importance\s+of\s+(?:the\s+role\s+of\s+)?",
    re.IGNORECASE,
)
_SUPPORTED_INTENT = re.compile(
    r"^\W*(?:fully\s+|also\s+)?the\s+(?:intention|proposals?|decision|recommendations?|plans?)"
    r"\s+of\s+the\s+Secretary-General\b",
    re.IGNORECASE,
)
# Appeals to others to work with the mission on a task ("Urges all parties to cooperate fully
# with the Force in implementing the agreement"): the task after the cooperation phrase is the
# mission's, as PEMA codes it.
_APPEAL_VERBS = frozenset({"calls", "urges", "demands", "appeals", "requests", "encourages"})
_COOPERATE = re.compile(
    r"\bcooperat\w*\s+(?:fully\s+|closely\s+)?(?:and\s+\w+\s+)?with\s+(?:the\s+)?"
)
_ENCOURAGE_VERBS = frozenset({"encourages", "invites"})
_CLAUSE_VERBS = (
    "requests|decides|authorizes|authorises|approves|encourages|invites|urges|calls|demands|"
    "welcomes|expresses|reaffirms|stresses|underlines|emphasizes|notes|commends|appeals|supports|"
    "reiterates|condemns|declares|affirms|endorses|agrees|takes|recognizes|recalls|looks|"
    "deplores|insists|entrusts|determines"
)
# A new clause starts where a second operative verb follows a comma, semicolon or "and".
_CLAUSE_SPLIT = re.compile(
    r"(?:[,;]\s*(?:and\s+)?|\s+and\s+)(?:(?:in this (?:connection|context|regard)|to that end|"
    r"to this end),?\s+)?(?=(?:(?:also|further|again|once again|strongly|fully)\s+)?"
    r"(?:" + _CLAUSE_VERBS + r")\b)"
)
# A new action segment starts at each further infinitive or "in order to".
_SEGMENT_SPLIT = re.compile(r"(?:[,;:]\s*(?:and\s+)?|\s+and\s+|\s+in order\s+)(?=to\s+[a-z])")


def _known_acronyms() -> str:
    """Acronyms of the missions in the shipped table, as one regex alternative."""
    from peaceops.mandates.missions import known_missions

    names = sorted({m.acronym for m in known_missions() if len(m.acronym) >= 4}, key=len)
    return r"(?<![A-Za-z])(?:" + "|".join(re.escape(n) for n in reversed(names)) + r")(?![A-Za-z])"


_ACRONYMS = _known_acronyms()
_MISSION = re.compile(
    r"\b(?:Secretary-General|Special Representative|the Force|the Mission|the Operation|"
    r"the Authority\b(?!\s+(?:of|on|for)\b)|the Group\b(?!\s+of\b)|the Office\b(?!\s+of\b)|"
    r"the (?:peace-?keeping|United Nations) (?:force|operation|mission|presence)|"
    + _ACRONYMS
    + r"|"
    r"[A-Z][a-z]+ (?:Force|Mission|Operation)|(?:Force|Mission|Operation|Observer Group)\b|"
    r"military observers|observers|UN[A-Z]{2,}|MINU[A-Z]+|MONU[A-Z]+|ONU[A-Z]+|MIN[A-Z]{3,}|"
    r"[A-Z]{3,}(?= II\b)|the Secretary-General's operation|"
    r"(?:efforts|activities|presence|role) of the United Nations\b)"
)
_NOT_MISSION = re.compile(
    r"\b(?:Member States|States|parties|party|Government|Governments|authorities|Committee|"
    r"international community|agencies|programmes|organizations|donors|factions|movements|"
    r"leaders|all concerned|others concerned|Council)\b"
)
# "to" + verb, not "to the Council" / "to it".
_INFINITIVE = re.compile(r"\bto\s+(?!(?:the|it|its|him|them|a|an|this|that|all|any)\b)[a-z]")
_SHALL = re.compile(r"\bthat\b.*\b(?:shall|should|will)\b")
# Requests that are about the Council's own information, not work for the mission.
_REPORTING = re.compile(
    r"^to\s+(?:(?!investigat|monitor|observ|verif|supervis|document)\w+\s+){0,2}?"
    r"(?:report|submit|inform|keep|review|consider|study|examine|seek|"
    r"make (?:available|recommendations)|present|provide (?:the Council|it) with|"
    r"brief|consult|remain)\b",
    re.IGNORECASE,
)
_VIOLATIONS = re.compile(r"\b(?:violations?|abuses?|breaches)\b", re.IGNORECASE)
# The Secretary-General's personal diplomacy is not a task of the operation.
_PERSONAL = re.compile(
    r"\bhis (?:good offices|efforts|consultations|contacts|endeavours|(?:continuing )?mission)\b",
    re.IGNORECASE,
)
_MONITOR = re.compile(
    r"\b(?:monitor\w*|observ(?:e|es|ing|ation)\b|verif\w*|supervis\w*|investigat\w*|"
    r"report(?:s|ing)? on)",
    re.IGNORECASE,
)
_SECURITY = re.compile(
    r"\b(?:protect\w*|secur(?:e|es|ing)\b|(?:ensure|ensuring|provide|providing) (?:the )?security|"
    r"escort\w*|deter\w*|safeguard\w*|all necessary (?:means|measures)|use of force|"
    r"enforc\w*|necessary measures)",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class Clause:
    """Part of a paragraph governed by one operative verb, with its role."""

    verb: str  # lower-case operative verb, e.g. "requests"
    text: str
    gives_task: bool  # the Council gives the mission work in this clause
    encouraged: bool  # ... by encouraging or inviting rather than deciding or requesting
    # When set, only this part of the clause carries the task, all of it (the work named
    # after "cooperate with the Force", or after "the need for the Mission").
    focus: str | None = None


@dataclass(frozen=True)
class Segment:
    """One action of a clause (an infinitive or gerund phrase) with its modality."""

    text: str
    modality: Modality


def _verb_of(text: str) -> str:
    words: list[str] = re.findall(r"[A-Za-z-]+|,", text[:120])
    for word in words:
        low: str = word.lower()
        if re.fullmatch(_ADVERBS, low):
            continue
        return low
    return ""


def _addressee(clause: str) -> str:
    """The words naming who is to act: between the verb and ``to``/``shall``/``should``."""
    m = re.search(r"\b(?:to|shall|should|will|may)\b", clause[:400])
    return clause[: m.start()] if m else clause[:200]


def _names_mission(text: str) -> bool:
    """Whether the mission/Secretary-General is named before any other actor."""
    mission = _MISSION.search(text)
    if mission is None:
        return False
    other = _NOT_MISSION.search(text)
    return other is None or mission.start() <= other.start()


_PERSON = re.compile(r"^(?:Secretary-General|Special Representative)")


def _names_operation(text: str) -> bool:
    """Whether the operation itself (not the Secretary-General) is named before others."""
    for m in _MISSION.finditer(text):
        other = _NOT_MISSION.search(text)
        if other is not None and other.start() < m.start():
            return False
        if not _PERSON.match(m.group(0)):
            return True
    return False


def _cooperation(verb: str, text: str) -> Clause | None:
    """An appeal to others to cooperate with the mission on a task, as a clause on that task."""
    if verb not in _APPEAL_VERBS:
        return None
    for m in _COOPERATE.finditer(text):
        named = _MISSION.match(text, m.end()) or _MISSION.match(text, m.end() - 4)
        if named is None or _PERSON.match(named.group(0)) or _PERSONAL.search(text[: m.start()]):
            continue
        tail = text[named.end() :]
        tail = re.sub(r"^[^,;]*?\b(?:and|,)\s+(?=(?:in|to|on)\b)", "", tail, count=1)
        if re.match(r"\W*(?:in|to|on|with a view to|so as to)\b", tail):
            return Clause(verb, text, True, False, focus=tail)
    return None


def _stressed(verb: str, head: str) -> Clause | None:
    """ "Stresses the need for UNTEST to ..." as a clause on the work that follows."""
    lead = _STRESS_OBJECT.match(head) if verb in _STRESS_VERBS else None
    if lead is None:
        return None
    # the mission must follow at once: "the need for UNTEST to", "the role of the Mission in"
    named = _MISSION.match(head, lead.end())
    if named is None or _PERSON.match(named.group(0)):
        return None
    rest = head[named.end() :]
    if not re.match(r"\s*(?:to|in|continuing to)\b", rest):
        return None
    return Clause(verb, head, True, False, focus=rest)


def _classify_clause(text: str) -> Clause:
    verb = _verb_of(text)
    head = text.split(" ", 1)[1] if " " in text else ""
    who = _addressee(head)
    if verb in _ENCOURAGE_VERBS:
        return Clause(verb, text, _names_mission(who), True)
    special = _cooperation(verb, text) or _stressed(verb, head)
    if special is not None:
        return special
    if verb not in _MANDATE_VERBS:
        return Clause(verb, text, False, False)
    if verb == "supports" and not _SUPPORTED_INTENT.match(head):
        return Clause(verb, text, False, False)
    # Calls and urgings to the Secretary-General concern his own diplomacy; only those to
    # the mission (by name) give it work.
    if verb in ("calls", "urges") and not _names_operation(who):
        return Clause(verb, text, False, False)
    if _names_mission(who):
        return Clause(verb, text, True, False)
    # "Decides to extend the mandate of UNPROFOR ...": the Council acts on the mission itself.
    council_acts = verb in ("decides", "approves", "endorses", "agrees", "determines") and re.match(
        r"^\W*(?:\w+\W+){0,5}?(?:to|the)\b", head
    )
    # The mission must be what the Council acts on ("Decides, in this context, to extend the
    # mandate of UNTEST"), not a carve-out later in the sentence.
    action = _INFINITIVE.search(head)
    start = action.start() if action else 0
    first = head[: start + len(re.split(r"[,;:]", head[start:], maxsplit=1)[0])]
    if council_acts and not _NOT_MISSION.search(who) and _MISSION.search(first):
        return Clause(verb, text, True, False)
    return Clause(verb, text, False, False)


def clauses(text: str) -> tuple[Clause, ...]:
    """Split an operative paragraph into clauses and decide the role of each."""
    parts = [p.strip() for p in _CLAUSE_SPLIT.split(text) if p and p.strip()]
    return tuple(_classify_clause(p) for p in parts)


def lead_in(text: str) -> Clause:
    """The clause that introduces a paragraph's sub-paragraphs (the last one before ``:``)."""
    found = clauses(text)
    return found[-1] if found else Clause("", text, False, False)


# References to the framework a task follows ("in line with the Peace Accords", "as recommended
# in paragraph 5 of his report") name documents, not tasks.
_REFERENCE = re.compile(
    r"\b(?:in (?:line|accordance|conformity|keeping) with|pursuant to|as (?:proposed|recommended|"
    r"described|outlined|set out|provided for|envisaged|called for) (?:by|in)|referred to in|"
    r"contained in|defined in|established (?:by|under|in))\s+[^,;:]{0,100}"
    # "the report of the Secretary-General ... on the situation in X" names a report's topic
    r"|\b(?:the|his|its|a|latest|further|special) (?:\w+ )?reports?\b"
    r"[^,;:]{0,60}?\bon\b[^,;:]{0,100}",
    re.IGNORECASE,
)


# Names of missions trigger neither tasks nor modalities ("Protection Force", "Verification
# Mission", "Transitional Authority").
_MISSION_NAME = re.compile(
    r"\b(?:United Nations|UN)(?: [A-Z][\w-]*| of| in| for| and)*? "
    r"(?:Force|Mission|Operation|Group|Authority|Office)"
)


# A document's title names its subject, not a task: "the Agreement on a Cease-fire and
# Cessation of Hostilities", "the Protocol on Demobilization". The title reads as "the
# agreement" ("the peace agreement" when it is one), so a task on the agreement stays one.
_TITLE_WORD = r"(?:[A-Z][\w'’-]*|of|on|for|and|a|an|the|in|to|between|with)"
_TITLE = re.compile(
    r"\bthe\s+(?:[A-Z][\w'’-]*\s+){0,6}?"
    r"(?P<head>Agreements?|Accords?|Protocols?|Declaration|Treaty|Plan|Programme|Arrangements?|"
    r"Memorandum|Charter|Convention|Act|Commission|Committee)"
    r"(?P<rest>\s+(?:on|for|of|between|to|concerning|regarding)\s+"
    + _TITLE_WORD
    + r"(?:\s+"
    + _TITLE_WORD
    + r"){0,12})?"
)
# Time phrases date the work, they do not give it: "until the elections", "pending the
# cease-fire", "within three months of the signing of the peace agreement".
_TIME = re.compile(
    r"\b(?:until|till|pending|prior to|before|after|following|upon|by the time of|"
    r"in the (?:run-up|period leading up) to|within (?:\w+ ){1,2}(?:days|weeks|months) of)\s+"
    r"(?:the\s+)?(?:[\w-]+\s+){0,3}?(?:elections?|cease-?fire|cessation of hostilities|referendum|"
    r"signing|signature|installation|inauguration|entry into force|completion|conclusion)\b"
    r"(?:\s+of\s+(?:the\s+)?(?:[\w-]+\s+){0,4}?[\w-]+)?",
    re.IGNORECASE,
)
# What an agreement contains is not what the mission does: "the Agreement, which provides for
# the demobilization of forces", "as provided for in the Accords".
_CONTENTS = re.compile(
    r"\b(?:which|that)\s+(?:provides?|provided|calls?|called|stipulates?|envisages?|contains?|"
    r"sets? out|foresees?|includes?)\b(?:\s+for)?[^;:]{0,160}?(?=[;:]|,\s+(?:and\s+)?to\b|$)"
    r"|\b(?:as\s+)?(?:provided|called)\s+for\s+(?:in|by)\s+(?:the\s+)?[^,;:]{0,80}",
    re.IGNORECASE,
)


def _title_repl(m: re.Match[str]) -> str:
    words = m.group(0)
    if sum(1 for w in words.split() if w[:1].isupper()) < 2 and not m.group("rest"):
        return words  # "the Agreement" alone is no title
    plain = "the peace agreement" if "Peace" in words else "the agreement"
    return plain.ljust(len(words))


def mask_references(text: str) -> str:
    """Blank out references to other documents, titles, time phrases, descriptions of what an
    agreement contains and mission names, so they trigger no task."""
    text = _REFERENCE.sub(lambda m: " " * len(m.group(0)), text)
    text = _CONTENTS.sub(lambda m: " " * len(m.group(0)), text)
    text = _TIME.sub(lambda m: " " * len(m.group(0)), text)
    text = _TITLE.sub(_title_repl, text)
    return _MISSION_NAME.sub(lambda m: "the mission".ljust(len(m.group(0))), text)


_LEAD_ASSIST = re.compile(
    r"^\W*(?:(?:to|shall|and)\s+)?(?:\w+ly\s+)?(?:assist|support|help|facilitate|contribute|promote|"
    r"coordinate|advise|encourag)\w*\b(?:\s*,\s*|\s+and\s+)?",
    re.IGNORECASE,
)


def segment_modality(text: str) -> Modality:
    """Monitor or Security when such a verb comes first in the segment, else Assist.

    A segment led by a helping verb ("to assist the authorities in protecting ...") is Assist:
    the mission helps others do it, unless a monitoring verb is coordinated with it ("to
    support, monitor and report on ...").
    """
    text = _MISSION_NAME.sub("the mission", text)
    lead = _LEAD_ASSIST.match(text)
    if lead:
        return Modality.MONITOR if _MONITOR.match(text, lead.end()) else Modality.ASSIST
    monitor = _MONITOR.search(text)
    security = _SECURITY.search(text)
    if monitor and (security is None or monitor.start() < security.start()):
        return Modality.MONITOR
    if security:
        return Modality.SECURITY
    return Modality.ASSIST


def mission_segments(clause: Clause, inherited: bool = False) -> tuple[Segment, ...]:
    """The action segments of a clause that give the mission a task, with their modality.

    ``inherited`` marks a sub-paragraph whose lead-in clause gives the task: all its text counts.
    """
    if not (clause.gives_task or inherited):
        return ()
    if clause.focus is not None:
        inherited = True  # all of the focused text is the mission's work
    out: list[Segment] = []
    parts = _SEGMENT_SPLIT.split(clause.focus if clause.focus is not None else clause.text)
    if not inherited and _PERSONAL.search(parts[0]):
        return ()
    for i, part in enumerate(parts):
        part = part.strip()
        if not part:
            continue
        action = part
        if i == 0 and not inherited:
            m = _INFINITIVE.search(part)
            action = part[m.start() :] if m else ""
        # Reporting on violations is monitoring work; reporting to the Council is not a task.
        if action and _REPORTING.match(action) and not _VIOLATIONS.search(action):
            continue
        # "Decides that UNTEST shall monitor ..." has no infinitive but still gives the task.
        no_action = i == 0 and not inherited and not action and clause.verb != "approves"
        if no_action and not (clause.verb in ("decides", "determines") and _SHALL.search(part)):
            continue
        modality = Modality.ENCOURAGED if clause.encouraged else segment_modality(part)
        out.append(Segment(part, modality))
    return tuple(out)


# Phrases that cancel a task's trigger in the same clause. Force used only for the mission's own
# security and freedom of movement is self-defence, not a use-of-force mandate.
_UNLESS = {
    "UseOfForce": re.compile(
        r"^(?!.*\b(?:civilians?|safe areas?|humanitarian|population)\b)"
        r".*(?:(?:ensure|protect|secure|defend)\w* (?:its|their) (?:own )?(?:security|safety)|"
        r"(?:its|their) (?:own )?freedom of movement)",
        re.IGNORECASE | re.DOTALL,
    ),
}


def vetoed(task: str, segment: str) -> bool:
    """Whether the wording of a clause cancels a trigger of ``task`` found in it."""
    unless = _UNLESS.get(task)
    return bool(unless and unless.search(segment))
