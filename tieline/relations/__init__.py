"""Relation series between two actors, and their plots."""
from __future__ import annotations

from tieline.relations.plot import plot_relations
from tieline.relations.series import PERIODS, Period, PeriodStats, RelationSeries, TopEvent, \
    relation_series

__all__ = ["PERIODS", "Period", "PeriodStats", "RelationSeries", "TopEvent", "plot_relations",
           "relation_series"]
