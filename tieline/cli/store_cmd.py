"""Store commands (ingest, events, relations, export): see issue 3."""
from __future__ import annotations

import click


def register(group: click.Group) -> None:
    """Add the store commands to the ``tieline`` group."""
