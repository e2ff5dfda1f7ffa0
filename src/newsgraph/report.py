"""The readable report of ``newsgraph analyze`` (without ``--json``), drawn with rich."""

from __future__ import annotations

from collections import Counter

from rich.console import Console, Group
from rich.padding import Padding
from rich.panel import Panel
from rich.table import Table
from rich.text import Text

from newsgraph.model import Document

NARROW = 100  # below this many columns the tables keep to what fits
EVENT_COLUMNS = ("type", "source", "target", "modality", "cert.", "date")


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
    narrow = console.width < NARROW
    if doc.actors:
        counts = Counter(i for m in doc.mentions for i in m.actor_ids)
        table = Table(title="actors", title_justify="left", show_edge=False, expand=narrow)
        if narrow:
            # a narrow terminal: one line per actor where possible, the id left to --json
            table.add_column("actor", ratio=3, overflow="fold")
            table.add_column("kind", no_wrap=True)
            table.add_column("where/sector", no_wrap=True)
            table.add_column("role", ratio=2, overflow="ellipsis", no_wrap=True)
            table.add_column("n", justify="right", no_wrap=True)
        else:
            for col in ("actor", "kind", "country", "sector", "role", "id"):
                table.add_column(col)
            table.add_column("mentions", justify="right")
        for a in sorted(doc.actors, key=lambda a: -counts[a.id]):
            if narrow:
                where = "/".join(x for x in (a.country, a.sector) if x)
                table.add_row(a.name, a.kind, where, a.role or "", str(counts[a.id]))
            else:
                table.add_row(a.name, a.kind, a.country or "", a.sector or "", a.role or "", a.id, str(counts[a.id]))
        parts.append(Text(""))
        parts.append(table)
    names = {a.id: a.name for a in doc.actors}

    def who(ids: list[str]) -> str:
        return ", ".join(names.get(i, i) for i in ids) or "-"

    if doc.events:
        table = Table(title="events", title_justify="left", show_edge=False, expand=narrow)
        columns = ("type", "source", "target", "modality", "date") if narrow else EVENT_COLUMNS
        for col in columns:
            table.add_column(col, no_wrap=col in ("type", "date"))
        for e in doc.events:
            kind = e.type + (f" ({e.plover_type})" if e.plover_type and e.plover_type != e.type else "")
            modality = e.modality + (" (background)" if e.background else "")
            row = {
                "type": kind,
                "source": who(e.source),
                "target": who(e.target),
                "modality": modality,
                "cert.": f"{e.certainty:.2f}",
                "date": e.date.value if e.date else "",
            }
            table.add_row(*(row[c] for c in columns))
        parts.append(Text(""))
        parts.append(table)
    if doc.statements:
        parts.append(Text("\nstatements", style="bold"))
        for st in doc.statements:
            when = st.date.value if st.date else "?"
            chain = " -> ".join(c.name for c in st.chain)
            speaker = names.get(st.speaker, st.speaker_text) if st.speaker else st.speaker_text
            parts.append(Padding(Text(f"{speaker or '?'} {st.cue} ({st.form}, {when}): {st.content}"), (0, 0, 0, 2)))
            parts.append(Padding(Text(f"via {chain}", style="dim"), (0, 0, 0, 4)))
    if doc.forecasts:
        parts.append(Text("\nforecasts", style="bold"))
        for f in doc.forecasts:
            window = f"{f.not_before or '…'} – {f.by or 'open'}"
            who_said = names.get(f.predictor, f.predictor) if f.predictor else "-"
            line = f"{who_said}: {f.proposition} [{f.confidence or ''}; {window}; {f.status}]"
            parts.append(Padding(Text(line), (0, 0, 0, 2)))
    unresolved = sorted({m.text for m in doc.mentions if not m.actor_ids})
    if unresolved:
        parts.append(Text("unresolved: " + ", ".join(unresolved), style="dim"))
    for note in doc.notes:
        parts.append(Text(f"note: {note}", style="yellow"))
    parts.append(Text("\n" + "\n\n".join(doc.paragraphs)))
    # wrapped inside the panel whatever the console's soft-wrap setting (which keeps JSON lines whole)
    panel = Panel(Group(*parts), title=Text(doc.title or "(untitled)", style="bold"), title_align="left")
    console.print(panel, soft_wrap=False)
