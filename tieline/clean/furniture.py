"""Remove page furniture (photo credits, "Read also" links, bylines, share
buttons, subscription prompts, copyright notices) from article text.

Only whole lines are removed, and only lines that are furniture on their own:
the decision for a line never depends on its neighbours, so cleaning is
idempotent.  Every other line is kept as it is (trailing whitespace stripped).
"""
from __future__ import annotations

import logging
import re
from dataclasses import replace

from tieline.clean.lines import looks_like_title, normalise_newlines
from tieline.model import Article

logger = logging.getLogger(__name__)

__all__ = ["clean_article", "clean_text", "furniture_kind", "is_furniture", "looks_like_title"]

_SEP = r"\s*(?:[:|»›>\-–—]|$)"  # after a label: a separator or the end of the line

# -- photo credits and captions ---------------------------------------------
_PHOTO_LABEL = re.compile(
    r"^\(?\s*(?:photo(?:graph)?s?|images?|pictures?|pic|credits?|photo\s+credit|image\s+credit"
    r"|caption)\s*(?::|\s+by\s)",
    re.IGNORECASE,
)
_FILE_PHOTO = re.compile(r"^\(?\s*file\s+(?:photo|picture|image|pic)s?\s*\)?\s*(?:[:\-–—|].*)?$",
                         re.IGNORECASE)
_CREDIT_WORDS = re.compile(
    r"getty\s+images|shutterstock|ap\s+photo|\bepa-efe\b|\bimago\b|\bvia\s+(?:reuters|afp|ap|getty|xinhua)\b"
    r"|\bvia\s+getty\b|\balamy\b",
    re.IGNORECASE,
)
_AGENCIES = (r"(?:reuters|afp|ap|epa|epa-efe|xinhua|anadolu|tass|sputnik|getty|ria\s+novosti|yonhap"
             r"|kyodo|pti|ani|ians|efe|dpa|bbc|cnn|al\s*jazeera)")
_AGENCY_ONLY = re.compile(rf"^\(\s*{_AGENCIES}(?:\s*/\s*[^)]*)?\s*\)$", re.IGNORECASE)
_AGENCY_PREFIX = re.compile(r"^(?:REUTERS|AFP|AP|EPA|EPA-EFE|XINHUA|ANADOLU|TASS|SPUTNIK|YONHAP|KYODO)/\S")
_AGENCY_SUFFIX = re.compile(rf"\S/\s*{_AGENCIES}\)?$", re.IGNORECASE)

# -- links to other stories ---------------------------------------------------
_RELATED = re.compile(
    r"^(?:read\s+(?:also|more)|also\s+read|see\s+also|related"
    r"(?:\s+(?:articles?|stor(?:y|ies)|coverage|news|content|links?|posts?|reading|topics|video))?"
    r"|more\s+(?:on\s+this(?:\s+story)?|stories|from\s+\w+)|recommended(?:\s+stories)?|don'?t\s+miss"
    r"|must\s+read|top\s+stories|trending(?:\s+now)?|you\s+may\s+also\s+like|suggested\s+reading)"
    + _SEP,
    re.IGNORECASE,
)
_LABEL_UPPER = re.compile(r"^(?:MORE|WATCH|LISTEN|VIDEO|PHOTOS|GALLERY|EXPLAINER)\s*:")

# -- bylines and credit footers ---------------------------------------------
_BYLINE = re.compile(r"^by\s+(?P<rest>.+)$", re.IGNORECASE)
_FOOTER = re.compile(
    r"^(?:additional\s+)?(?:reporting|editing|writing|written|edited|compiled|produced|translated"
    r"|research|graphics|fact-checking)\s+by\s+(?P<rest>.+)$",
    re.IGNORECASE,
)
_BYLINE_CONNECTORS = frozenset(
    "and & with in for of the our a an from at".split()
)
_BYLINE_ROLES = frozenset(
    """staff writer writers reporter reporters correspondent correspondents editor editors
    desk bureau news agency agencies wire wires services service team special senior chief
    political diplomatic foreign defence defense security economics business sports
    online digital web contributor contributors columnist analyst analysis""".split()
)
_FOOTER_CONNECTORS = frozenset(
    """reporting editing writing written edited compiled produced translated research
    graphics additional by and & with in from at of for the""".split()
)
_NAME_PARTICLES = frozenset("al el bin ibn de del della der di da dos du van von la le ter".split())
_NAME_TOKEN = re.compile(r"^(?:[A-Z][\w'’.\-]*|[A-Z]\.|(?:al|el)-[A-Z][\w'’\-]*|Mc[A-Z]\w*)$")
_NOT_A_BYLINE_START = frozenset(
    """monday tuesday wednesday thursday friday saturday sunday january february march april
    may june july august september october november december then now noon midnight late early
    far contrast comparison way numbers""".split()
)
_NOT_A_BYLINE = re.compile(r"^by\s+the\s+(?:numbers|way|time|end|same)\b", re.IGNORECASE)

# -- sharing, subscriptions, ads, legal ----------------------------------------
_SHARE = re.compile(
    r"^(?:share(?:\s+(?:this|the))?(?:\s+(?:article|story|page|post|video))?"
    r"|share\s+(?:on|via|to|with)\s+[\w.+ ]{1,25}|tweet(?:\s+this)?|email\s+this(?:\s+article)?)"
    r"\s*[:!]?$",
    re.IGNORECASE,
)
_SOCIAL_WORDS = frozenset(
    """facebook twitter x whatsapp linkedin email e-mail print reddit telegram share tweet
    pinterest messenger copy link flipboard pocket""".split()
)
_CLICK = re.compile(r"^(?:click|tap)\s+here\b", re.IGNORECASE)
_SUBSCRIBE = re.compile(r"^(?:(?:subscribe|sign\s+up|signup|register\s+now)\b|newsletter\s*:)",
                        re.IGNORECASE)
_ADVERT = re.compile(
    r"^(?:advertisement|advert|ad|ads|sponsored(?:\s+content)?|paid\s+content|promoted)"
    r"(?:\s*[:\-–—]\s*.*)?$"
    r"|^(?:story|article)\s+continues\s+(?:below|after)(?:\s+(?:this\s+)?(?:advertisement|ad))?$"
    r"|^scroll\s+to\s+continue(?:\s+with\s+content)?$",
    re.IGNORECASE,
)
_COPYRIGHT = re.compile(r"^(?:©|\(c\)|copyright\s*(?:©|\(c\)|\d{4}\b))", re.IGNORECASE)
_COPYRIGHT_WORD = re.compile(r"^copyright\b", re.IGNORECASE)
_RIGHTS = re.compile(r"all\s+rights\s+reserved\W*$", re.IGNORECASE)
_FOLLOW = re.compile(
    r"^follow\s+(?:us\b|@\w+|.{1,60}?\bon\s+(?:twitter|facebook|instagram|x|telegram|linkedin"
    r"|youtube|tiktok|whatsapp|threads|bluesky|google\s+news)\b)",
    re.IGNORECASE,
)


def _words(line: str) -> list[str]:
    return line.split()


def _clean_token(token: str) -> str:
    return token.strip(",;|()[]\"“”")


def _is_name_list(rest: str, connectors: frozenset[str]) -> bool:
    """Whether ``rest`` is only names, connectors (and role words): the tail of
    a byline such as "Jane Doe and John Roe in Kyiv" or "our Gulf correspondent"."""
    tokens = [_clean_token(t) for t in rest.split()]
    tokens = [t for t in tokens if t and t not in {"-", "–", "—", "/"}]
    if not tokens:
        return False
    content = 0
    for token in tokens:
        lower = token.lower()
        if lower in connectors or lower in _NAME_PARTICLES:
            continue
        if lower.rstrip(".") in _BYLINE_ROLES:
            content += 1
            continue
        if _NAME_TOKEN.match(token) or (token.isupper() and token.isalpha()):
            content += 1
            continue
        return False
    return content > 0


def _is_byline(line: str) -> bool:
    match = _BYLINE.match(line)
    if not match or _NOT_A_BYLINE.match(line):
        return False
    rest = match.group("rest").strip()
    words = _words(rest)
    if not words or len(words) > 10:
        return False
    if _clean_token(words[0]).lower() in _NOT_A_BYLINE_START:
        return False
    if rest.endswith((".", "!", "?", ":")) and not re.search(r"\b(?:[A-Z]\.|Jr\.|Sr\.)$", rest):
        return False
    return _is_name_list(rest, _BYLINE_CONNECTORS)


def _is_credit_footer(line: str) -> bool:
    inner = line.strip("()[] ")
    match = _FOOTER.match(inner)
    if not match:
        return False
    rest = match.group("rest").rstrip(".) ")
    if len(_words(rest)) > 40:
        return False
    return _is_name_list(rest, _FOOTER_CONNECTORS)


def _is_photo_credit(line: str) -> bool:
    words = len(_words(line))
    if _PHOTO_LABEL.match(line) or _FILE_PHOTO.match(line):
        return words <= 60
    if words > 12 or line.rstrip(")").endswith((".", "?", "!")):
        return False
    if _CREDIT_WORDS.search(line) or _AGENCY_ONLY.match(line) or _AGENCY_PREFIX.match(line):
        return True
    return words <= 8 and bool(_AGENCY_SUFFIX.search(line))


def _is_social(line: str) -> bool:
    if _SHARE.match(line):
        return True
    tokens = [t.strip("|·•,").lower() for t in re.split(r"[\s|·•]+", line) if t.strip("|·•,")]
    return 0 < len(tokens) <= 8 and all(t in _SOCIAL_WORDS for t in tokens) and (
        len(tokens) > 1 or tokens[0] not in {"x", "print", "pocket", "copy", "link"}
    )


def furniture_kind(line: str) -> str | None:
    """The kind of page furniture ``line`` is (``"photo"``, ``"related"``,
    ``"byline"``, ``"credits"``, ``"share"``, ``"click"``, ``"subscribe"``,
    ``"advert"``, ``"copyright"``, ``"follow"``), or ``None`` for a content line."""
    stripped = line.strip()
    if not stripped:
        return None
    if _is_photo_credit(stripped):
        return "photo"
    if _RELATED.match(stripped) or _LABEL_UPPER.match(stripped):
        return "related"
    if _is_byline(stripped):
        return "byline"
    if _is_credit_footer(stripped):
        return "credits"
    if _is_social(stripped):
        return "share"
    if _CLICK.match(stripped):
        return "click"
    if _SUBSCRIBE.match(stripped) and len(_words(stripped)) <= 25:
        return "subscribe"
    if _ADVERT.match(stripped) and len(_words(stripped)) <= 12:
        return "advert"
    if _COPYRIGHT.match(stripped) or (
        _COPYRIGHT_WORD.match(stripped) and len(_words(stripped)) <= 4
    ):
        return "copyright"
    if _RIGHTS.search(stripped) and len(_words(stripped)) <= 20:
        return "copyright"
    if _FOLLOW.match(stripped) and len(_words(stripped)) <= 20:
        return "follow"
    return None


def is_furniture(line: str) -> bool:
    """Whether ``line`` (one whole line) is page furniture."""
    return furniture_kind(line) is not None


def clean_text(text: str) -> tuple[str, tuple[str, ...]]:
    """Remove furniture lines from ``text``.

    Returns the cleaned text and the removed lines (trailing whitespace
    stripped), in order.  Newlines are normalised to ``\\n``, trailing
    whitespace is stripped from every line, runs of two or more blank lines
    become one blank line, and leading and trailing blank lines are dropped.
    """
    kept: list[str] = []
    removed: list[str] = []
    for raw in normalise_newlines(text).split("\n"):
        line = raw.rstrip()
        kind = furniture_kind(line)
        if kind is not None:
            logger.debug("removing %s line: %r", kind, line)
            removed.append(line)
            continue
        if not line and kept and not kept[-1]:
            continue  # collapse runs of blank lines
        kept.append(line)
    while kept and not kept[-1]:
        kept.pop()
    start = 0
    while start < len(kept) and not kept[start]:
        start += 1
    return "\n".join(kept[start:]), tuple(removed)


def clean_article(article: Article) -> Article:
    """A new :class:`Article` with page furniture removed from ``text``; the
    removed lines are appended to ``removed``."""
    text, removed = clean_text(article.text)
    if text == article.text and not removed:
        return article
    return replace(article, text=text, removed=article.removed + removed)
