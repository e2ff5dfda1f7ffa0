"""The readable report of ``newsgraph analyze`` (without ``--json``), drawn with rich."""

from __future__ import annotations

from collections import Counter

from rich.console import Console, Group
from rich.panel import Panel
from rich.table import Table
from rich.text import Text

from newsgraph.model import Document


def render_document(doc: Document, console: Console) -> None:
    meta = Table.grid(padding=(0, 2))
    meta.add_column(style="bold cyan", no_wrap=True)
    meta.add_column()
    rows = [
        ("id", doc.id),
        ("input", doc.origin or ""),
        ("url", doc.url or ""),
        ("published", f"{doc.published} (from {doc.published_from})" if doc.published else "unknown"),
        ("language", doc.language or "unknown"),
        ("credited source", doc.credited_source or ""),
        ("author", doc.author or ""),
        ("site", doc.site or ""),
        ("paragraphs", f"{len(doc.paragraphs)} ({doc.duplicates_removed} duplicate(s) removed)"),
    ]
    for key, value in rows:
        if value:
            meta.add_row(key, value)
    parts: list = [meta]
    if doc.boilerplate:
        parts.append(Text("\nremoved as page furniture:", style="bold"))
        for line in doc.boilerplate:
            parts.append(Text(f"  - {line}", style="dim"))
    if doc.mentions:
        counts = Counter((m.text, m.label) for m in doc.mentions)
        table = Table(title="mentions", title_justify="left", show_edge=False)
        table.add_column("text")
        table.add_column("label")
        table.add_column("n", justify="right")
        table.add_column("actor")
        ids = {(m.text, m.label): m.actor_id for m in doc.mentions}
        for (text, label), n in counts.most_common():
            table.add_row(text, label, str(n), ids.get((text, label)) or "")
        parts.append(Text(""))
        parts.append(table)
    for note in doc.notes:
        parts.append(Text(f"note: {note}", style="yellow"))
    parts.append(Text("\n" + "\n\n".join(doc.paragraphs)))
    console.print(
        Panel(Group(*parts), title=Text(doc.title or "(untitled)", style="bold"), title_align="left")
    )
