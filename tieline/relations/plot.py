"""Drawing a relation series to a PNG with matplotlib (Agg backend)."""
from __future__ import annotations

import datetime as dt
import logging
import os
from pathlib import Path

from tieline.relations.series import RelationSeries

logger = logging.getLogger(__name__)

QUAD_LABELS = ("verbal cooperation", "material cooperation", "verbal conflict",
               "material conflict")
QUAD_COLOURS = ("#9ecae1", "#3182bd", "#fdae6b", "#e6550d")


def plot_relations(series: RelationSeries, path: str | os.PathLike[str], *,
                   title: str | None = None, dpi: int = 120) -> Path:
    """Three panels sharing the time axis: happenings per quad class (both
    directions, stacked), the cooperation-conflict index per direction, and the
    mean Goldstein score per direction.  Returns the path written."""
    import matplotlib

    matplotlib.use("Agg", force=True)
    from matplotlib.figure import Figure

    out = Path(path)
    fig = Figure(figsize=(10, 7.5), layout="constrained")
    counts, index, gold = fig.subplots(3, 1, sharex=True)
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
    labels = {"ab": f"{series.a} → {series.b}", "ba": f"{series.b} → {series.a}", "both": "both"}
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
    gold.set_xlabel(series.by)
    gold.legend(loc="upper left", fontsize="small")
    fig.suptitle(title or f"{series.a} – {series.b} by {series.by}")
    out.parent.mkdir(parents=True, exist_ok=True)
    fig.savefig(out, dpi=dpi)
    logger.info("wrote %s", out)
    return out


def _bar_width(by: str) -> float:
    return {"day": 0.9, "week": 6.0, "month": 27.0, "quarter": 85.0, "year": 350.0}.get(by, 1.0)
