"""Small HTML checks for the web tests (standard library parser only)."""

from __future__ import annotations

from html.parser import HTMLParser


class PageFacts(HTMLParser):
    """Collects what the accessibility and self-containment tests look at."""

    def __init__(self) -> None:
        super().__init__()
        self.tags: list[tuple[str, dict[str, str]]] = []
        self.label_for: set[str] = set()
        self.text: list[str] = []
        self._in_label = 0
        self.wrapped_controls = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = {k: v or "" for k, v in attrs}
        self.tags.append((tag, a))
        if tag == "label":
            self._in_label += 1
            if a.get("for"):
                self.label_for.add(a["for"])
        if tag == "input" and self._in_label:
            self.wrapped_controls += 1

    def handle_endtag(self, tag: str) -> None:
        if tag == "label" and self._in_label:
            self._in_label -= 1

    def handle_data(self, data: str) -> None:
        self.text.append(data)

    def all(self, tag: str) -> list[dict[str, str]]:
        return [a for t, a in self.tags if t == tag]

    def unlabelled_controls(self) -> list[str]:
        """Form controls without a <label for> (radio buttons may sit inside their label)."""
        out = []
        for tag, a in self.tags:
            if tag not in ("input", "select", "textarea") or a.get("type") == "hidden":
                continue
            if a.get("type") == "radio":
                continue
            if a.get("id") not in self.label_for:
                out.append(f"{tag} name={a.get('name')}")
        return out

    def plain_text(self) -> str:
        return " ".join(" ".join(self.text).split())


def parse(html: str) -> PageFacts:
    facts = PageFacts()
    facts.feed(html)
    return facts
