"""The model's lemmas of the verbs the coder knows: its known errors are fixed from a data file."""
import pytest

from tieline.api import load_pipeline
from tieline.parse.nlp import lemma_fixes, parse_lemma_fixes


def _nlp():
    pipeline = load_pipeline()
    return next(s.nlp for s in pipeline.stages if hasattr(s, "nlp"))


def _forms(verb: str) -> list[str]:
    if verb.endswith("e"):
        return [verb + "d", verb[:-1] + "ing", verb + "s"]
    if verb.endswith("y") and verb[-2] not in "aeiou":
        return [verb[:-1] + "ied", verb + "ing", verb[:-1] + "ies"]
    if verb.endswith(("s", "sh", "ch", "x")):
        return [verb + "ed", verb + "ing", verb + "es"]
    return [verb + "ed", verb + "ing", verb + "s"]


def test_parse_lemmas_fixed_forms_lemmatise_to_their_verb():
    nlp = _nlp()
    for form, lemma in lemma_fixes().items():
        tok = nlp(f"Officials said they {form} it.")[3]
        assert tok.lemma_ == lemma, (form, tok.lemma_)


def test_parse_lemmas_hand_verbs_in_regular_forms_keep_their_lemma():
    from importlib import resources

    text = resources.files("tieline.events").joinpath("data", "verbs.txt").read_text(encoding="utf-8")
    verbs = sorted({line.split()[0].split("+")[0] for line in text.splitlines()
                    if line.strip() and not line.startswith(("#", "@")) and len(line.split()[0].split("+")[0]) > 3})
    nlp = _nlp()
    sentences = [(v, f, f"Officials said they {f} it.") for v in verbs for f in _forms(v)]
    wrong = [(f, d[3].lemma_) for (v, f, _), d in zip(sentences, nlp.pipe(s for _, _, s in sentences))
             if d[3].pos_ == "VERB" and d[3].lemma_.lower() != v]
    assert not wrong, f"add these to tieline/parse/data/lemma_fixes.txt: {wrong}"


@pytest.mark.parametrize("row", ["hoped", "hoped hope extra", "Hoped hope", "hop3d hope"])
def test_parse_lemmas_bad_rows_name_file_and_line(row):
    with pytest.raises(ValueError, match=r"l\.txt:2: expected 'form lemma'"):
        parse_lemma_fixes("# header\n" + row + "\n", "l.txt")
