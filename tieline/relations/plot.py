"""Drawing a relation series to a PNG with matplotlib (Agg backend)."""
from __future__ import annotations

import datetime as dt
import logging
import os
from pathlib import Path
from typing import TYPE_CHECKING

from tieline.relations.series import RelationSeries

if TYPE_CHECKING:
    from matplotlib.figure import Figure

logger = logging.getLogger(__name__)

QUAD_LABELS = ("verbal cooperation", "material cooperation", "verbal conflict",
               "material conflict")
QUAD_COLOURS = ("#9ecae1", "#3182bd", "#fdae6b", "#e6550d")


def _label(code: str) -> str:
    from tieline.store.api import actor_name

    name = actor_name(code)
    return f"{name} ({code})" if name and name.upper() != code else code


def plot_title(series: RelationSeries) -> str:
    """"Russia (RUS) – Ukraine (UKR) by month, asserted events"."""
    kept = "all modes" if series.modes is None else " and ".join(series.modes) + " events"
    exact = ", exact dates only" if series.precision == "exact" else ""
    return f"{_label(series.a)} – {_label(series.b)} by {series.by}, {kept}{exact}"


def monthly_counts(series: RelationSeries) -> tuple[list[dt.date], list[int]]:
    """Happenings (both directions) per calendar month, or per period when the
    periods are longer than a month."""
    if series.by not in ("day", "week", "month"):
        return [p.start for p in series.periods], [p.both.events for p in series.periods]
    months: dict[dt.date, int] = {}
    for p in series.periods:
        month = p.start.replace(day=1)
        months[month] = months.get(month, 0) + p.both.events
    return list(months), list(months.values())


def relations_figure(series: RelationSeries, *, title: str | None = None) -> Figure:
    """Four panels sharing the time axis: happenings per quad class (both
    directions, stacked), the cooperation-conflict index per direction, the
    mean Goldstein score per direction, and happenings per month (so a reader
    sees when a series rests on few events).  Title and legends use names."""
    import matplotlib

    matplotlib.use("Agg", force=True)
    from matplotlib.figure import Figure

    fig = Figure(figsize=(10, 9.5), layout="constrained")
    counts, index, gold, monthly = fig.subplots(
        4, 1, sharex=True, gridspec_kw={"height_ratios": [3, 3, 3, 1.6]})
    starts = [p.start for p in series.periods]
    width = _bar_width(series.by)
    middles = [s + dt.timedelta(days=width / 2) for s in starts]
    bottom = [0] * len(starts)
    for q in range(4):
        values = [p.both.quad[q] for p in series.periods]
        counts.bar(starts, values, width=width, bottom=bottom, color=QUAD_COLOURS[q],
                   label=QUAD_LABELS[q], align="edge")
        bottom = [b + v for b, v in zip(bottom, values)]
    counts.set_ylabel("happenings")
    counts.legend(loc="upper left", fontsize="small", ncols=2)
    a, b = _label(series.a), _label(series.b)
    labels = {"ab": f"{a} → {b}", "ba": f"{b} → {a}", "both": "both"}
    styles = {"ab": "-", "ba": "-", "both": ":"}
    for direction in ("ab", "ba", "both"):
        cci = [p.direction(direction).cci for p in series.periods]
        mean = [p.direction(direction).goldstein_mean for p in series.periods]
        index.plot(middles, [float("nan") if v is None else v for v in cci], styles[direction],
                   marker="o", markersize=3, label=labels[direction])
        if direction != "both":
            gold.plot(middles, [float("nan") if v is None else v for v in mean], marker="o",
                      markersize=3, label=labels[direction])
    index.axhline(0, color="grey", linewidth=0.8)
    index.set_ylim(-1.05, 1.05)
    index.set_ylabel("cooperation − conflict")
    index.legend(loc="upper left", fontsize="small")
    gold.axhline(0, color="grey", linewidth=0.8)
    gold.set_ylim(-10.5, 10.5)
    gold.set_ylabel("mean Goldstein")
    gold.legend(loc="upper left", fontsize="small")
    month_starts, month_counts = monthly_counts(series)
    per = "month" if series.by in ("day", "week", "month") else series.by
    monthly.bar(month_starts, month_counts, width=_bar_width(per), align="edge", color="#636363")
    monthly.set_ylabel(f"events per {per}")
    monthly.set_xlabel(series.by)
    fig.suptitle(title or plot_title(series))
    return fig


def plot_relations(series: RelationSeries, path: str | os.PathLike[str], *,
                   title: str | None = None, dpi: int = 120) -> Path:
    """Draw :func:`relations_figure` to a PNG; returns the path written."""
    out = Path(path)
    fig = relations_figure(series, title=title)
    out.parent.mkdir(parents=True, exist_ok=True)
    fig.savefig(out, dpi=dpi)
    logger.info("wrote %s", out)
    return out


def _bar_width(by: str) -> float:
    return {"day": 0.9, "week": 6.0, "month": 27.0, "quarter": 85.0, "year": 350.0}.get(by, 1.0)
