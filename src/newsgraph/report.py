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
    if doc.actors:
        counts = Counter(i for m in doc.mentions for i in m.actor_ids)
        table = Table(title="actors", title_justify="left", show_edge=False)
        for col in ("actor", "kind", "country", "sector", "role", "id"):
            table.add_column(col)
        table.add_column("mentions", justify="right")
        for a in sorted(doc.actors, key=lambda a: -counts[a.id]):
            table.add_row(a.name, a.kind, a.country or "", a.sector or "", a.role or "", a.id, str(counts[a.id]))
        parts.append(Text(""))
        parts.append(table)
    names = {a.id: a.name for a in doc.actors}

    def who(ids: list[str]) -> str:
        return ", ".join(names.get(i, i) for i in ids) or "-"

    if doc.events:
        table = Table(title="events", title_justify="left", show_edge=False)
        for col in ("type", "source", "target", "modality", "cert.", "date"):
            table.add_column(col)
        for e in doc.events:
            kind = e.type + (f" ({e.plover_type})" if e.plover_type and e.plover_type != e.type else "")
            modality = e.modality + (" (background)" if e.background else "")
            table.add_row(
                kind, who(e.source), who(e.target), modality, f"{e.certainty:.2f}", e.date.value if e.date else ""
            )
        parts.append(Text(""))
        parts.append(table)
    if doc.statements:
        parts.append(Text("\nstatements", style="bold"))
        for st in doc.statements:
            when = st.date.value if st.date else "?"
            chain = " -> ".join(c.name for c in st.chain)
            parts.append(Text(f"  {st.speaker_text or '?'} {st.cue} ({st.form}, {when}): {st.content}"))
            parts.append(Text(f"    via {chain}", style="dim"))
    if doc.forecasts:
        parts.append(Text("\nforecasts", style="bold"))
        for f in doc.forecasts:
            window = f"{f.not_before or '…'} – {f.by or 'open'}"
            parts.append(
                Text(
                    f"  {names.get(f.predictor, f.predictor) if f.predictor else '-'}: {f.proposition} "
                    f"[{f.confidence or ''}; {window}; {f.status}]"
                )
            )
    unresolved = sorted({m.text for m in doc.mentions if not m.actor_ids})
    if unresolved:
        parts.append(Text("unresolved: " + ", ".join(unresolved), style="dim"))
    for note in doc.notes:
        parts.append(Text(f"note: {note}", style="yellow"))
    parts.append(Text("\n" + "\n\n".join(doc.paragraphs)))
    console.print(Panel(Group(*parts), title=Text(doc.title or "(untitled)", style="bold"), title_align="left"))
