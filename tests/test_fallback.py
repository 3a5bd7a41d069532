"""The meaning-based fallback (tieline/events/fallback.py) and its index script."""
import json
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest

from tieline.api import extract
from tieline.config import Config
from tieline.events.fallback import (NO_EVENT, Embedder, PhraseCoder, ReferenceIndex, WordPiece, data_dir,
                                     default_embedder, load_index, read_phrases)

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "scripts"))
import build_fallback_index as build  # noqa: E402

ON = Config(n_process=1, fallback=True)
OFF = Config(n_process=1, fallback=False)


def _events(text, config):
    return {(e.source.key, e.target.key if e.target else None, e.root, e.mode, e.confidence)
            for e in extract(text, published="2024-03-05", title="", config=config)}


def test_fallback_phrase_codes_own_phrases():
    matches = PhraseCoder(threshold=0.85).classify(["ridicule", "annex territory", "kidnap diplomat", "deport"])
    assert [m.code[:2] if m.code else None for m in matches] == ["11", "17", "18", "17"]
    assert all(0.85 <= m.similarity <= 1.0 + 1e-5 for m in matches)


def test_fallback_threshold_decides():
    phrases = ["bake cake", "kidnap diplomat"]
    loose = PhraseCoder(threshold=0.0).classify(phrases)
    strict = PhraseCoder(threshold=0.8).classify(phrases)
    assert loose[0].code is not None and strict[0].code is None  # a cake is no event
    assert strict[1].code == loose[1].code is not None
    assert strict[0].similarity == pytest.approx(loose[0].similarity)


class _FixedEmbedder:
    def __init__(self, table):
        self.table = table

    def embed(self, phrases):
        return np.array([self.table[p] for p in phrases], dtype=np.float32)


def test_fallback_threshold_and_no_event_rows_on_a_tiny_index():
    e = np.eye(384, dtype=np.float32)
    index = ReferenceIndex(("attack", "harvest"), ("190", NO_EVENT), e[:2], e[:2], np.array([0, 1]))
    near = (e[0] * 0.9 + e[2] * 0.436) / np.linalg.norm(e[0] * 0.9 + e[2] * 0.436)
    embedder = _FixedEmbedder({"attack": e[0], "strike": near, "harvest": e[1], "reap": e[1]})
    coder = PhraseCoder(threshold=0.85, embedder=embedder, index=index)
    got = {m.phrase: m.code for m in coder.classify(["attack", "strike", "harvest"])}
    assert got == {"attack": "190", "strike": "190", "harvest": None}
    assert PhraseCoder(threshold=0.95, embedder=embedder, index=index).classify(["strike"])[0].code is None
    assert coder.classify([]) == []


def test_fallback_wordpiece_tokenizes_like_bert():
    wp = WordPiece.from_file(data_dir() / "tokenizer.json")
    assert wp.tokens("Besieged Zürich's embassy!") == ["besieged", "zurich", "'", "s", "embassy", "!"]
    assert wp.tokens("unpeacekeeping")[0] == "un" and all(t.startswith("##") for t in wp.tokens("unpeacekeeping")[1:])
    assert wp.tokens("\u2603") == ["[UNK]"]
    ids = wp.encode("attack", max_tokens=8)
    assert ids[0] == wp.vocab["[CLS]"] and ids[-1] == wp.vocab["[SEP]"] and len(ids) == 3
    assert len(wp.encode("word " * 100, max_tokens=16)) == 16


def test_fallback_embedder_is_deterministic_and_cached():
    emb = Embedder()
    a = emb.embed(["seize tanker", "mock"])
    b = Embedder().embed(["mock", "seize tanker"])[::-1]
    assert a.shape == (2, 384) and np.allclose(a, b, atol=1e-6)
    assert np.allclose(np.linalg.norm(a, axis=1), 1.0, atol=1e-5)
    assert emb.embed([]).shape == (0, 384)


def test_fallback_index_matches_its_phrases():
    index = load_index()
    assert len(index.phrases) == len(index.codes) == index.vectors.shape[0] > 5000
    vectors = default_embedder().embed(["expel diplomat"])
    i, sim = index.nearest(vectors, default_embedder().embed(["expel"]))[0]
    assert index.phrases[i] == "expel diplomat" and sim > 0.99


def test_fallback_read_phrases_rejects_a_bad_row():
    assert read_phrases("# header\nattack\t190\tx:1\nharvest\t---\tx:2\n") == [("attack", "190"), ("harvest", "---")]
    with pytest.raises(ValueError, match="p.tsv:2"):
        read_phrases("attack\t190\tx:1\nattack 190\n", "p.tsv")
    with pytest.raises(ValueError):
        read_phrases("attack\tABC\tx:1\n")


TINY_DICTIONARY = """# header
####### SYNONYM SETS #######

&WEAPON
+MISSILE
+ROCKET

####### VERB PATTERNS #######

---  INTERCEPT   [---]  ---
INTERCEPT  # someone 1/1/93
HALT {HALTS HALTED HALTING }
- * &WEAPON                                           [1711]        # INTERCEPT
- * (WITH {SPECIAL FORCES})                           [193:193]     # INTERCEPT
- * HARVEST                                           [---]         # HALT
- * VESSEL                                            [999]         # INTERCEPT

---  HAIL   [051]  ---
HAIL
ACCLAIM [052]
- * DECISION                                          [051]         # HAIL
- * DECISION                                          [051]         # ACCLAIM
- * DECISION                                          [052]         # ACCLAIM
- * DECISION                                          [:057]        # ACCLAIM
"""
TINY_CODES = ("code\troot\tquad_class\tgoldstein\tdescription\n"
              "051\t05\t1\t3.4\tPraise or endorse\n052\t05\t1\t3.5\tDefend verbally\n"
              "057\t05\t1\t8.0\tSign formal agreement\n1711\t17\t4\t-9.2\tConfiscate property\n"
              "193\t19\t4\t-10.0\tFight with small arms and light weapons\n")


def test_fallback_script_derives_phrases_from_a_tiny_dictionary(tmp_path):
    rows = build.parse_dictionary(TINY_DICTIONARY)
    assert ("intercept missile", "1711") in [(p, c) for p, c, _ in rows]
    assert ("intercept with special forces", "193") in [(p, c) for p, c, _ in rows]
    assert ("halt harvest", NO_EVENT) in [(p, c) for p, c, _ in rows]
    assert ("hail", "051") in [(p, c) for p, c, _ in rows] and ("acclaim", "052") in [(p, c) for p, c, _ in rows]
    assert not any(p == "intercept" for p, _, _ in rows)  # the block has no code of its own
    known = {"051", "052", "057", "1711", "193"}
    selected = {p: c for p, c, _ in build.select(rows, known)}
    assert "intercept vessel" not in selected  # 999 is no CAMEO code
    assert selected["acclaim decision"] == "051"  # two votes for 051 against one each for 052 and 057
    (tmp_path / "cameo.txt").write_text(TINY_DICTIONARY, encoding="utf-8")
    (tmp_path / "codes.tsv").write_text(TINY_CODES, encoding="utf-8")
    args = ["--dictionary", str(tmp_path / "cameo.txt"), "--codes", str(tmp_path / "codes.tsv")]
    assert build.main([*args, "--out", str(tmp_path / "a")]) == 0
    assert build.main([*args, "--out", str(tmp_path / "b")]) == 0
    for name in ("phrases.tsv", "vectors.npy", "verbs.npy"):
        assert (tmp_path / "a" / name).read_bytes() == (tmp_path / "b" / name).read_bytes()
    index = load_index(tmp_path / "a")
    assert "praise or endorse" in index.phrases and index.vectors.shape == (len(index.phrases), 384)
    assert build.main(["--dictionary", str(tmp_path / "missing.txt"), "--codes", str(tmp_path / "codes.tsv"),
                       "--out", str(tmp_path / "c")]) == 2


def test_fallback_loads_the_model_lazily_once():
    code = ("import sys, tieline, tieline.events.fallback as fb, tieline.events.stage\n"
            "from tieline.config import Config\n"
            "stage = tieline.events.stage.EventStage(Config(fallback=True), {})\n"
            "before = 'onnxruntime' in sys.modules\n"
            "stage.coder.fallback.phrases.classify(['mock'])\n"
            "print(json.dumps([before, 'onnxruntime' in sys.modules, fb.default_embedder() is fb.default_embedder()]))")
    out = subprocess.run([sys.executable, "-c", "import json\n" + code], capture_output=True, text=True, check=True)
    assert json.loads(out.stdout) == [False, True, True]


def test_fallback_codes_a_verb_no_rule_knows():
    text = "Russia belittled the United States on Tuesday."
    assert _events(text, OFF) == set()
    assert _events(text, ON) == {("RUS", "USA", "11", "asserted", 0.3)}
    event = extract(text, published="2024-03-05", title="", config=ON)[0]
    assert event.trigger == "belittled" and text[event.trigger_span[0]:event.trigger_span[1]] == "belittled"
    assert event.cameo.startswith("11") and str(event.date) == "2024-03-05"


def test_fallback_events_take_the_mode_of_their_verb():
    assert _events("Turkey would annex part of Syria if talks failed.", ON) == {("TUR", "SYR", "17", "hypothetical", 0.3)}
    assert _events("Russia did not belittle the United States.", ON) == {("RUS", "USA", "11", "negated", 0.3)}


def test_fallback_leaves_coded_verbs_and_non_events_alone():
    coded = "France condemned Russia on Monday."
    assert _events(coded, ON) == _events(coded, OFF) != set()
    assert _events("Japan baked a cake with France on Monday.", ON) == set()
    assert _events("Iran's minister spoke in Iraq on Monday.", ON) == set()  # a place, not a target


def test_fallback_setting_reads_from_the_environment():
    config = Config.load(env={"TIELINE_FALLBACK": "1", "TIELINE_FALLBACK_THRESHOLD": "0.9"})
    assert config.fallback is True and config.fallback_threshold == 0.9
    assert Config.load(env={}).fallback is False
