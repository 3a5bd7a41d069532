"""Exceptions raised by the tieline library (the CLI maps them to exit codes)."""


class TielineError(Exception):
    """Base class of every error tieline raises on purpose."""


class ConfigError(TielineError):
    """A configuration value or pipeline definition is wrong."""


class InputError(TielineError):
    """An input path or option cannot be used at all (not a per-article problem)."""


class ModelError(TielineError):
    """The spaCy model is missing or cannot be loaded."""


class StoreError(TielineError):
    """The event store cannot be opened, migrated or written."""
