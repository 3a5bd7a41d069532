"""``tieline extract`` and ``tieline evaluate``: thin wrappers over the library."""
from __future__ import annotations

import csv
import datetime as dt
import io
import json
import sys
from typing import IO, Any

import click

from tieline.cli.errors import EXIT_OK, EXIT_REJECTED, CommandError
from tieline.errors import TielineError

CSV_FIELDS = ("article_id", "sentence_index", "span_start", "span_end", "source_code", "source_country",
              "source_org", "source_text", "target_code", "target_country", "target_org", "target_text",
              "cameo", "root", "quad_class", "goldstein", "plover", "mode", "date", "date_precision",
              "date_text", "location", "attributed_to", "quote", "confidence", "sentence")


def _date(ctx: Any, param: Any, value: str | None) -> dt.date | None:
    if value is None:
        return None
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise click.BadParameter(f"not an ISO date (YYYY-MM-DD): {value!r}") from None


def _flat(e: dict) -> dict:
    s, t = e["source"], e["target"] or {}
    loc = e.get("location") or {}
    return {"article_id": e["article_id"], "sentence_index": e["sentence_index"],
            "span_start": e["span"][0], "span_end": e["span"][1],
            "source_code": s["code"], "source_country": s["country"], "source_org": s["org"],
            "source_text": s["text"], "target_code": t.get("code"), "target_country": t.get("country"),
            "target_org": t.get("org"), "target_text": t.get("text"), "cameo": e["cameo"], "root": e["root"],
            "quad_class": e["quad_class"], "goldstein": e["goldstein"], "plover": e["plover"],
            "mode": e["mode"], "date": e["date"], "date_precision": e["date_precision"],
            "date_text": e["date_text"], "location": loc.get("name"), "attributed_to": e["attributed_to"],
            "quote": e["quote"], "confidence": e["confidence"], "sentence": e["sentence"]}


class _Writer:
    def __init__(self, out: IO[str], fmt: str) -> None:
        self.out, self.fmt = out, fmt
        self.csv = csv.DictWriter(out, CSV_FIELDS) if fmt == "csv" else None
        if self.csv:
            self.csv.writeheader()
        self.rows: list[dict] = []

    def write(self, e: dict) -> None:
        if self.fmt == "jsonl":
            self.out.write(json.dumps(e, ensure_ascii=False) + "\n")
        elif self.csv:
            self.csv.writerow(_flat(e))
        else:
            self.rows.append(e)

    def close(self) -> None:
        if self.fmt == "table":
            self.out.write(_table(self.rows))


def _table(rows: list[dict]) -> str:
    head = ("article", "source", "target", "cameo", "mode", "date", "trigger")
    body = [(r["article_id"][:32], r["source"]["code"] or "-", (r["target"] or {}).get("code") or "-",
             r["cameo"], r["mode"], r["date"] or "-", r["trigger"]) for r in rows]
    widths = [max(len(str(x)) for x in col) for col in zip(head, *body)]
    buf = io.StringIO()
    for row in (head, *body):
        buf.write("  ".join(str(x).ljust(w) for x, w in zip(row, widths)).rstrip() + "\n")
    buf.write(f"{len(rows)} events\n")
    return buf.getvalue()


@click.command("extract")
@click.argument("paths", nargs=-1, required=True)
@click.option("-o", "--output", type=click.Path(dir_okay=False, writable=True), help="Write events here (default: stdout).")
@click.option("--format", "fmt", type=click.Choice(["jsonl", "csv", "table"]), default="jsonl", show_default=True)
@click.option("--published", callback=_date, help="Publication date (YYYY-MM-DD) for inputs that carry none.")
@click.option("--rejects", type=click.Path(dir_okay=False, writable=True), help="Write rejected inputs here as JSON Lines.")
@click.option("--workers", type=click.IntRange(0, 64), default=None,
              help="Worker processes (default: the config's n_process; 0: one per core).")
@click.option("--config", "config_path", type=click.Path(exists=True, dir_okay=False), help="TOML settings file.")
def extract_command(paths: tuple[str, ...], output: str | None, fmt: str, published: dt.date | None,
                    rejects: str | None, workers: int | None, config_path: str | None) -> None:
    """Code the events stated in news articles (text, HTML, JSON Lines, directories)."""
    from tieline.api import extract_paths
    from tieline.config import Config

    try:
        config = Config.load(config_path)
        out = open(output, "w", encoding="utf-8", newline="") if output else sys.stdout
        rej = open(rejects, "w", encoding="utf-8") if rejects else None
        writer = _Writer(out, fmt)
        rejected = 0
        try:
            for doc in extract_paths(paths, published=published, config=config, n_process=workers):
                if doc.rejection is not None:
                    rejected += 1
                    r = doc.rejection
                    click.echo(f"rejected {r.origin or r.article_id}: {r.reason}: {r.detail}", err=True)
                    if rej:
                        rej.write(json.dumps(r.to_dict(), ensure_ascii=False) + "\n")
                    continue
                for e in doc.events:
                    writer.write(e.to_dict())
            writer.close()
        finally:
            if output:
                out.close()
            if rej:
                rej.close()
    except TielineError as exc:
        raise CommandError(str(exc)) from exc
    sys.exit(EXIT_REJECTED if rejected else EXIT_OK)


@click.command("evaluate")
@click.option("--gold", required=True, type=click.Path(exists=True, dir_okay=False), help="Gold file (JSON Lines).")
@click.option("--pred", type=click.Path(exists=True, dir_okay=False), help="Score these predictions instead of running tieline.")
@click.option("--json", "as_json", is_flag=True, help="Print the figures as JSON.")
@click.option("--config", "config_path", type=click.Path(exists=True, dir_okay=False), help="TOML settings file.")
def evaluate_command(gold: str, pred: str | None, as_json: bool, config_path: str | None) -> None:
    """Score tieline (or a prediction file) against hand-coded gold events."""
    from tieline.config import Config
    from tieline.evaluation import evaluate, format_scores, read_predictions

    try:
        predictions = read_predictions(pred) if pred else None
        scores, _ = evaluate(gold, config=Config.load(config_path), predictions=predictions)
    except TielineError as exc:
        raise CommandError(str(exc)) from exc
    if as_json:
        click.echo(json.dumps(scores.to_dict(), indent=2))
    else:
        click.echo(format_scores(scores))


def register(group: click.Group) -> None:
    """Add the extraction commands to the ``tieline`` group."""
    group.add_command(extract_command)
    group.add_command(evaluate_command)
