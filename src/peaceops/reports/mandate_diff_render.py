"""Render a MandateDiff as Markdown or HTML with word highlighting (terminal text: the CLI)."""

from __future__ import annotations

import html

from peaceops.mandates.diff import MandateDiff, ParagraphChange

__all__ = ["label", "render_html", "render_markdown", "summary_lines"]


def label(p: ParagraphChange) -> str:
    ids = f"{p.old_id} -> {p.new_id}" if p.old_id and p.new_id else (p.new_id or p.old_id or "")
    extra = " (moved)" if p.moved else ""
    if p.tier_changed and p.old_tier and p.new_tier:
        extra += f" (priority {p.old_tier.value} -> {p.new_tier.value})"
    return f"{p.kind} {ids}{extra}"


def summary_lines(d: MandateDiff) -> list[str]:
    lines = [f"{d.old_label or d.old_symbol} -> {d.new_label or d.new_symbol}"]
    for key in ("words", "operative_paragraphs", "tasks"):
        old, new = d.length_old[key], d.length_new[key]
        lines.append(f"{key}: {_count(old)} -> {_count(new)}")
    lines.append("tasks added: " + (", ".join(d.tasks_added) or "none"))
    lines.append("tasks dropped: " + (", ".join(d.tasks_dropped) or "none"))
    for task, old_m, new_m in d.task_modalities:
        lines.append(f"modality changed: {task} {'/'.join(old_m)} -> {'/'.join(new_m)}")
    if d.paragraphs_note:
        lines.append(d.paragraphs_note)
    return lines


def _count(value: int | None) -> str:
    return "n/a (no text)" if value is None else str(value)


def render_markdown(d: MandateDiff) -> str:
    """Markdown with <ins>/<del> word highlighting."""
    out = ["# " + summary_lines(d)[0], ""] + [f"- {line}" for line in summary_lines(d)[1:]]
    for p in d.paragraphs:
        if p.kind == "unchanged" and not p.moved:
            continue
        out += ["", f"## {label(p)}", ""]
        out.append(" ".join(_html_word(w.op, w.text) for w in p.words))
    return "\n".join(out) + "\n"


def _html_word(op: str, text: str) -> str:
    t = html.escape(text)
    return f"<ins>{t}</ins>" if op == "insert" else f"<del>{t}</del>" if op == "delete" else t


def render_html(d: MandateDiff) -> str:
    """A standalone HTML page with <ins>/<del> word highlighting."""
    summary = "".join(f"<li>{html.escape(s)}</li>" for s in summary_lines(d)[1:])
    body = []
    for p in d.paragraphs:
        if p.kind == "unchanged" and not p.moved:
            continue
        words = " ".join(_html_word(w.op, w.text) for w in p.words)
        body.append(
            f'<section class="{p.kind}"><h2>{html.escape(label(p))}</h2><p>{words}</p></section>'
        )
    title = html.escape(summary_lines(d)[0])
    return (
        '<!doctype html><html lang="en"><head><meta charset="utf-8">'
        f"<title>{title}</title><style>ins{{background:#d4f7d4}}del{{background:#f7d4d4}}</style>"
        f"</head><body><h1>{title}</h1><ul>{summary}</ul>{''.join(body)}</body></html>\n"
    )
