"""Closed-class English words the actor and event stages both rely on."""
from __future__ import annotations

RELATIVE_PRONOUNS = frozenset({"which", "who", "that", "whom"})
