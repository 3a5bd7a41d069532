"""Find date expressions in a sentence and resolve them against the publication date.

Pure standard library.  Everything is relative to ``published``; the default direction is
the past, ``future=True`` (a planned event) sends bare weekdays, bare months and year-less
dates forward.  Choices (the golden file ``tests/data/dates_golden.tsv`` pins them):

* Span: ``text[start:end]``, with a leading ``on/in/since/by/until/till/from/during`` and
  modifiers (``last``, ``late on``, ``at the end of``), never ``before/after/of``.
* Weekdays: the latest on/before ``published`` (same weekday = that day); future: the first
  on/after.  ``last``/``this past`` strictly before, ``next``/``(this) coming`` strictly
  after; ``morning``/``night``/``early``/``earlier on`` change nothing.  ``Wed.`` needs its
  dot; ``Good/Black/Bloody Friday`` and ``The Sun.`` are names.
* today/tonight/this morning 0, yesterday/last night -1, tomorrow +1, the day before
  yesterday -2, the day after tomorrow +2 (day).
* ``last/this/next week`` -7/0/+7 days; ``earlier this week`` its Monday, ``later this
  week`` its Friday (not before ``published``).  Months: the 15th (5th early/beginning, 25th
  late/end); years: July 1 (Feb 15 early, Nov 1 late, Dec 15 end).  An unmodified ``this``
  month/year is clipped to not after ``published`` (future: not before); ``earlier this``
  to before it, ``later this`` to after it.  A weekend is its Saturday (week precision):
  the current one on a weekend, else the previous/coming one.
* ``in recent/the coming days|weeks|months``, ``within ...``: +-3 days (week), +-14 days
  (week), +-60 days (month); with a count (``the past two weeks``) half the span.
* ``N days/weeks/months/years ago`` count from ``published``; ``a day earlier/later`` and
  ``the previous/following/same day`` from the nearest preceding date, else ``published``;
  ``a day before/after <date>`` shifts that date, and when no date follows nothing is
  returned unless the clause ends there (``a day after he flew to Asmara`` -> none).
  ``hours after`` is never a date.  Precision: the coarser of unit and base.
* Absolute: ``March 3``, ``3 March``, ``Oct. 17``, ``the 3rd of March``, ``March 3-5`` (first
  day), ``March 3, 2019``, ISO ``2019-03-01``; other numeric forms (``15/09/2022``) are
  skipped, as are impossible days.  No year: latest on/before ``published`` (future: on/after).
* Months (``in August``, ``early/mid/late February``, ``the end of February``): month
  precision, day 5/15/25/25, else 15.  No year: the latest such month not after the
  publication month (future: not before; ``last``/``next``: strictly), clipped like
  ``this month`` when unmodified.  ``May``/``March`` alone need a day, year, preposition or
  modifier; a bare month before a capitalised word (``June Smith``) or ``'s`` is a name;
  abbreviations need a day or year.
* Years (July 1): a 1900-2100 number after ``in/since/by/until/from/during/of/before/after/
  around/year/between`` or ``early/mid/late/the end of``, or before an event noun (``the
  1994 genocide``, ``the 2002 border ruling``); never before a count noun (``2000 troops``)
  or touching ``$ , . / -`` (``2,000``, ``F-2000``).  ``1998-2000``/``1998-99`` give the first
  year; decades (``1990s``) are skipped.
"""
from __future__ import annotations

import calendar
import datetime as dt
import logging
import re
from dataclasses import dataclass

__all__ = ["PRECISIONS", "DateMention", "find_dates", "date_for"]

logger = logging.getLogger(__name__)

PRECISIONS: tuple[str, ...] = ("day", "week", "month", "year")


@dataclass(frozen=True)
class DateMention:
    """One resolved date expression; ``text == source[start:end]``."""

    start: int
    end: int
    text: str
    date: dt.date
    precision: str  # "day" | "week" | "month" | "year"

    def __post_init__(self) -> None:
        if self.precision not in PRECISIONS:
            raise ValueError(f"bad precision {self.precision!r}")
        if not 0 <= self.start <= self.end:
            raise ValueError(f"bad span {self.start}..{self.end}")


@dataclass(frozen=True)
class _Offset:
    """``a day earlier`` / ``two weeks after``: resolved once the surrounding dates are known."""

    start: int
    end: int
    n: int
    unit: str  # day | week | month | year
    sign: int  # -1, 0, +1
    link: bool  # True for before/after: shifts the date that follows


_WEEKDAYS = {"monday": 0, "tuesday": 1, "wednesday": 2, "thursday": 3, "friday": 4,
             "saturday": 5, "sunday": 6, "mon": 0, "tue": 1, "tues": 1, "wed": 2, "thu": 3,
             "thur": 3, "thurs": 3, "fri": 4, "sat": 5, "sun": 6}
_MONTHS = {name.lower(): i for i, name in enumerate(calendar.month_name) if name}
_MONTHS.update({"jan": 1, "feb": 2, "mar": 3, "apr": 4, "jun": 6, "jul": 7, "aug": 8,
                "sep": 9, "sept": 9, "oct": 10, "nov": 11, "dec": 12})
_NUMBERS = {"a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6,
            "seven": 7, "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12,
            "few": 3, "several": 3, "couple": 2}
_FULL_MONTHS = frozenset(name.lower() for name in calendar.month_name if name)
_GUARDED_MONTHS = frozenset({"may", "march"})
_SPAN_PREPS = r"on|in|since|by|until|till|from|during"

_MONTH = (r"(?P<mon>(?:January|February|March|April|May|June|July|August|September|October"
          r"|November|December)\b|(?:Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept|Sep|Oct|Nov|Dec)\b\.?)")
_YEAR = r"(?:19\d\d|20\d\d|2100)"
_YEAR_END = r"(?![\w%]|[.,/:]\d|-\d)"
_DAY = (r"(?P<day>\d{1,2})(?:st|nd|rd|th)?(?!\d|[.,:]\d)"
        r"(?:\s*[-–]\s*\d{1,2}(?:st|nd|rd|th)?(?!\d))?")
_NUM = (r"\d{1,3}|(?:a\s+)?(?:few|couple\s+of)|several|an?|one|two|three|four|five|six|seven"
        r"|eight|nine|ten|eleven|twelve")

_WEEKDAY_RX = re.compile(
    rf"\b(?:(?P<prep>(?i:{_SPAN_PREPS}))\s+)?"
    r"(?:(?P<mod>(?i:last|next|this\s+coming|this\s+past|this|coming|past|earlier\s+on|early\s+on"
    r"|late\s+on|later\s+on|earlier|early|late|later))\s+)?"
    r"(?<!Good )(?<!Black )(?<!Bloody )"
    r"(?P<wd>(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)\b"
    r"|(?:Mon|Tues|Tue|Wed|Thurs|Thur|Thu|Fri|Sat|Sun)\.)"
    r"(?:\s+(?i:morning|afternoon|evening|night)\b)?")
_MONTH_FIRST_RX = re.compile(
    rf"\b(?:(?P<prep>(?i:{_SPAN_PREPS}))\s+)?"
    r"(?:(?P<mod>(?i:(?:at\s+)?the\s+(?:end|beginning|start|middle)\s+of|end\s+of|end|early|late"
    r"|mid|last|next|this|earlier\s+in|later\s+in))(?:\s+|-))?"
    + _MONTH + rf"(?:\s+{_DAY})?(?:,?\s+(?i:of\s+)?(?P<year>{_YEAR}){_YEAR_END})?")
_DAY_FIRST_RX = re.compile(
    rf"(?:\b(?P<prep>(?i:{_SPAN_PREPS}))\s+)?(?:(?i:the)\s+)?(?<![\w$€£.,/-])"
    r"(?P<day>\d{1,2})(?:st|nd|rd|th)?(?:\s*[-–]\s*\d{1,2}(?:st|nd|rd|th)?)?\s+(?:(?i:of)\s+)?"
    + _MONTH + rf"(?:,?\s+(?P<year>{_YEAR}){_YEAR_END})?")
_ISO_RX = re.compile(
    rf"(?:\b(?P<prep>(?i:{_SPAN_PREPS}))\s+)?(?<![\w/.-])"
    r"(?P<y>(?:19|20)\d\d)-(?P<m>\d\d)-(?P<d>\d\d)(?![\w/-]|\.\d)")
_YEAR_RX = re.compile(
    rf"(?:\b(?:(?P<sprep>(?i:{_SPAN_PREPS}))|(?P<cprep>(?i:of|before|after|around|circa|year"
    r"|between)))\s+)?"
    r"(?:\b(?P<ymod>(?i:early|mid|late|the\s+end\s+of|the\s+start\s+of|the\s+beginning\s+of"
    r"|the\s+middle\s+of|end|start))(?:\s+|-))?"
    rf"(?<![\w$€£.,/:])(?P<y1>{_YEAR})(?:\s*[-–]\s*(?P<y2>{_YEAR}|\d\d))?{_YEAR_END}")
_EVENT_NOUN_RX = re.compile(
    r"['’]?s?\s+(?:[a-z]+(?:-[a-z]+)?\s+)?(?:election|vote|referendum|poll|war|genocide|massacre"
    r"|coup|invasion|uprising|revolution|attack|bombing|ruling|verdict|agreement|accord|deal"
    r"|treaty|ceasefire|truce|protest|crisis|earthquake|quake|tsunami|flood|census|budget"
    r"|constitution|law|summit|Olympics|World\s+Cup|Games|campaign|offensive|conflict|crackdown"
    r"|violence|riot|unrest|killing|assassination|independence|occupation|annexation|shooting"
    r"|siege|famine|drought|report|survey|decision|resolution|talks|peace|season|deadline"
    r"|target|level|plan|visit|meeting|incident|raid|strike|airstrike|blast|explosion|hurricane"
    r"|cyclone|pandemic|outbreak|midterm|cup|championship|tournament|bid)s?\b")
_COUNT_NOUN_RX = re.compile(
    r"\s+(?:people|persons|troops|soldiers|police|officers|fighters|militants|civilians|refugees"
    r"|migrants|prisoners|residents|workers|children|students|members|delegates|families|homes"
    r"|houses|cases|deaths|votes|seats|vehicles|rockets|missiles|km|kilometres|kilometers|miles"
    r"|metres|meters|feet|tonnes|tons|kg|hectares|barrels|dollars|euros|pounds|rupees|yuan"
    r"|GMT|UTC|hours|hrs|local)\b", re.IGNORECASE)
_REL_DAY_RX = re.compile(
    r"(?i)\b(?:(?P<m2>the\s+day\s+before\s+yesterday)|(?P<p2>the\s+day\s+after\s+tomorrow)"
    r"|(?P<m1>yesterday(?:\s+(?:morning|afternoon|evening))?|last\s+night)"
    r"|(?P<p1>tomorrow(?:\s+(?:morning|afternoon|evening|night))?)"
    r"|(?P<z>(?:earlier\s+|later\s+)?(?<!USA\s)(?<!Russia\s)today(?!\s+(?:programme|show))"
    r"|tonight|this\s+(?:morning|afternoon|evening)))\b")
_REL_UNIT_RX = re.compile(
    r"(?i)\b(?:(?P<sub>earlier|later|early|late|mid|(?:at\s+|by\s+)?the\s+(?:end|beginning"
    r"|start|middle)\s+of|end\s+of)[\s-]+)?(?:(?P<prep>over|at|during)\s+)?"
    r"(?P<det>last|this|next|coming|the)\s+(?P<unit>week|weekend|month|year)\b")
_FUZZY_RX = re.compile(
    r"(?i)\b(?:(?P<within>within)|(?:in|over|during|for)\s+(?:the\s+)?"
    r"(?P<dir>recent|coming|past|last|next|following))"
    rf"(?:\s+(?P<n>{_NUM}))?\s+(?P<unit>days?|weeks?|months?)\b")
_AGO_RX = re.compile(rf"(?i)\b(?P<n>{_NUM})\s+(?P<unit>day|week|month|year)s?\s+ago\b")
_OFFSET_RX = re.compile(
    rf"(?i)\b(?:(?P<n>{_NUM}|the)\s+(?P<unit>day|week|month|year)s?\s+"
    r"(?P<dir>earlier|later|before|after|previously|prior|beforehand)"
    r"|the\s+(?P<rel>previous|preceding|following|next|same)\s+(?P<unit2>day|week|month|year))\b")
_CLAUSE_END_RX = re.compile(r"\s*(?:[.,;:!?)\]—–-]|$)")
_CAP_WORD_RX = re.compile(r"\s+[A-Z][a-z]")
_WORD_RX = re.compile(r"\w+")
_THE_BEFORE_RX = re.compile(r"(?i)\bthe\s+$")
_POSSESSIVE_RX = re.compile(r"['’]s\b")
_REP_RX = re.compile(r"(?i)\b(?:end|early|beginning|start|mid|middle|late)\b")
_REP_WORDS = {"end": "end", "early": "early", "beginning": "early", "start": "early",
              "mid": "mid", "middle": "mid", "late": "late"}

_MONTH_DAY = {"early": 5, "mid": 15, "late": 25, "end": 25, None: 15}
_YEAR_DAY = {"early": (2, 15), "mid": (7, 1), "late": (11, 1), "end": (12, 15), None: (7, 1)}


def _number(word: str) -> int:
    if word.isdigit():
        return int(word)
    words = [w for w in word.lower().split() if w not in ("a", "an", "of")]
    return _NUMBERS[words[0]] if words else 1


def _rep(mod: str | None) -> str | None:
    """Which representative day a modifier asks for: early | mid | late | end | None."""
    if not mod:
        return None
    found = _REP_RX.search(mod)
    return _REP_WORDS[found.group(0).lower()] if found else None


def _coarser(a: str, b: str) -> str:
    return a if PRECISIONS.index(a) >= PRECISIONS.index(b) else b


def _add_months(d: dt.date, n: int) -> dt.date:
    y, m = divmod(d.month - 1 + n, 12)
    year, month = d.year + y, m + 1
    return dt.date(year, month, min(d.day, calendar.monthrange(year, month)[1]))


def _shift(d: dt.date, n: int, unit: str) -> dt.date:
    if unit in ("day", "week"):
        return d + dt.timedelta(days=n * (7 if unit == "week" else 1))
    shifted = _add_months(d, n * (12 if unit == "year" else 1))
    if unit == "month":
        return shifted.replace(day=15)
    return shifted.replace(month=7, day=1)


def _weekday_date(pub: dt.date, wd: int, mode: str) -> dt.date:
    """mode: past (on/before), last (strictly before), future (on/after), next (strictly after)."""
    back, fwd = (pub.weekday() - wd) % 7, (wd - pub.weekday()) % 7
    if mode == "past":
        return pub - dt.timedelta(days=back)
    if mode == "last":
        return pub - dt.timedelta(days=back or 7)
    return pub + dt.timedelta(days=fwd if mode == "future" else (fwd or 7))


def _month_year(pub: dt.date, month: int, mode: str) -> int:
    """The year of the month named ``month``; ``mode`` as for :func:`_weekday_date`."""
    if mode in ("past", "last"):
        return pub.year - (month > pub.month or (mode == "last" and month == pub.month))
    return pub.year + (month < pub.month or (mode == "next" and month == pub.month))


def _day_without_year(pub: dt.date, month: int, day: int, future: bool) -> dt.date | None:
    step, year = (1 if future else -1), pub.year
    for _ in range(9):  # leap days may need up to 8 years
        try:
            d = dt.date(year, month, day)
        except ValueError:
            year += step
            continue
        if (d >= pub) if future else (d <= pub):
            return d
        year += step
    return None


def _clip(d: dt.date, pub: dt.date, future: bool) -> dt.date:
    return max(d, pub) if future else min(d, pub)


def _mention(text: str, start: int, end: int, date: dt.date, precision: str) -> DateMention:
    return DateMention(start, end, text[start:end], date, precision)


def _mode(mod: str | None, future: bool) -> str:
    m = re.sub(r"\s+", " ", (mod or "").lower())
    if m in ("last", "past", "this past"):
        return "last"
    if m in ("next", "coming", "this coming"):
        return "next"
    if m == "earlier in":
        return "past"
    if m == "later in":
        return "future"
    return "future" if future else "past"


def _weekday(m: re.Match[str], text: str, pub: dt.date, future: bool) -> DateMention | None:
    wd = m.group("wd")
    if wd.endswith(".") and _THE_BEFORE_RX.search(text[max(0, m.start("wd") - 8):m.start("wd")]):
        return None  # "The Sun." is a newspaper
    date = _weekday_date(pub, _WEEKDAYS[wd.rstrip(".").lower()], _mode(m.group("mod"), future))
    return _mention(text, m.start(), m.end(), date, "day")


def _month_first(m: re.Match[str], text: str, pub: dt.date, future: bool) -> DateMention | None:
    mon, day, year = m.group("mon"), m.group("day"), m.group("year")
    month, mod = _MONTHS[mon.rstrip(".").lower()], m.group("mod")
    if not day and not year:
        if mon.rstrip(".").lower() not in _FULL_MONTHS:
            return None  # abbreviations need a day or a year
        if _CAP_WORD_RX.match(text, m.end()) and not (m.group("prep") or mod):
            return None  # "June Smith"
        if mon.lower() in _GUARDED_MONTHS and not (m.group("prep") or mod):
            return None  # "Theresa May", "March organisers"
        if _POSSESSIVE_RX.match(text, m.end()):
            return None  # "May's government"
    if day:
        if year:
            try:
                date: dt.date | None = dt.date(int(year), month, int(day))
            except ValueError:
                return None
        else:
            date = _day_without_year(pub, month, int(day), _mode(mod, future) in ("future", "next"))
        return _mention(text, m.start(), m.end(), date, "day") if date else None
    rep_day = _MONTH_DAY[_rep(mod)]
    if year:
        return _mention(text, m.start(), m.end(), dt.date(int(year), month, rep_day), "month")
    mode = _mode(mod, future)
    date = dt.date(_month_year(pub, month, mode), month, rep_day)
    if _rep(mod) is None:
        date = _clip(date, pub, mode in ("future", "next"))
    return _mention(text, m.start(), m.end(), date, "month")


def _day_first(m: re.Match[str], text: str, pub: dt.date, future: bool) -> DateMention | None:
    month = _MONTHS[m.group("mon").rstrip(".").lower()]
    day, year = int(m.group("day")), m.group("year")
    try:
        date = (dt.date(int(year), month, day) if year
                else _day_without_year(pub, month, day, future))
    except ValueError:
        return None
    return _mention(text, m.start(), m.end(), date, "day") if date else None


def _iso(m: re.Match[str], text: str, pub: dt.date, future: bool) -> DateMention | None:
    try:
        date = dt.date(int(m.group("y")), int(m.group("m")), int(m.group("d")))
    except ValueError:
        return None
    return _mention(text, m.start(), m.end(), date, "day")


def _year(m: re.Match[str], text: str, pub: dt.date, future: bool) -> DateMention | None:
    y1, ymod = m.start("y1"), m.group("ymod")
    if not ymod and y1 > 0 and text[y1 - 1] == "-":
        return None  # "F-2000", "MiG-2000"
    if _COUNT_NOUN_RX.match(text, m.end()):
        return None  # "in 2000 troops", "by 2000 GMT"
    if not (m.group("sprep") or m.group("cprep") or ymod or _EVENT_NOUN_RX.match(text, m.end())):
        return None  # "Section 2020", "Vision 2030"
    year = int(m.group("y1"))
    if m.group("y2"):
        y2 = int(m.group("y2"))
        if y2 < 100:
            y2 += year // 100 * 100
        if y2 <= year:
            return None  # "2019-10" is not a range of years
    month, day = _YEAR_DAY[_rep(ymod)]
    start = m.start() if m.group("sprep") else (m.start("ymod") if ymod else y1)
    return _mention(text, start, m.end(), dt.date(year, month, day), "year")


def _rel_day(m: re.Match[str], text: str, pub: dt.date, future: bool) -> DateMention | None:
    delta = {"m2": -2, "p2": 2, "m1": -1, "p1": 1, "z": 0}[m.lastgroup or "z"]
    return _mention(text, m.start(), m.end(), pub + dt.timedelta(days=delta), "day")


def _rel_unit(m: re.Match[str], text: str, pub: dt.date, future: bool) -> DateMention | None:
    sub = (m.group("sub") or "").lower()
    det, unit = m.group("det").lower(), m.group("unit").lower()
    if det == "the" and not sub and unit != "weekend":
        return None  # "the week before" is an offset, "the year" alone is nothing
    if m.group("prep") and unit != "weekend":
        return None
    shift = {"last": -1, "next": 1, "coming": 1}.get(det, 0)
    if unit == "weekend":
        current = pub - dt.timedelta(days=pub.weekday() - 5) if pub.weekday() >= 5 else None
        if det == "last":
            date = current - dt.timedelta(days=7) if current else _weekday_date(pub, 5, "past")
        elif det in ("next", "coming"):
            date = current + dt.timedelta(days=7) if current else _weekday_date(pub, 5, "future")
        else:
            date = current or _weekday_date(pub, 5, "future" if future else "past")
        return _mention(text, m.start(), m.end(), date, "week")
    if unit == "week":
        date = pub + dt.timedelta(days=7 * shift)
        if shift == 0 and sub == "earlier":
            date = pub - dt.timedelta(days=pub.weekday())
        elif shift == 0 and sub == "later":
            date = pub + dt.timedelta(days=max(0, 4 - pub.weekday()))
        return _mention(text, m.start(), m.end(), date, "week")
    rep = _rep(sub)
    if unit == "month":
        first = _add_months(pub.replace(day=1), shift)
        lo, hi = first, first.replace(day=calendar.monthrange(first.year, first.month)[1])
        date = first.replace(day=_MONTH_DAY[rep])
    else:
        lo, hi = dt.date(pub.year + shift, 1, 1), dt.date(pub.year + shift, 12, 31)
        date = dt.date(pub.year + shift, *_YEAR_DAY[rep])
    if shift == 0 and sub == "earlier":
        date = max(lo, min(date, pub - dt.timedelta(days=1)))
    elif shift == 0 and sub == "later":
        date = min(hi, max(date, pub + dt.timedelta(days=1)))
    elif shift == 0 and rep is None:
        date = _clip(date, pub, future)
    return _mention(text, m.start(), m.end(), date, unit)


def _fuzzy(m: re.Match[str], text: str, pub: dt.date, future: bool) -> DateMention | None:
    unit = m.group("unit").lower().rstrip("s")
    sign = -1 if (m.group("dir") or "").lower() in ("recent", "past", "last") else 1
    size = {"day": 1, "week": 7, "month": 30}[unit]
    if m.group("n"):
        days = max(1, round(_number(m.group("n")) * size / 2))
    elif m.group("unit").lower().endswith("s"):
        days = {"day": 3, "week": 14, "month": 60}[unit]
    else:
        days = max(1, round(size / 2))
    return _mention(text, m.start(), m.end(), pub + dt.timedelta(days=sign * days),
                    "month" if unit == "month" else "week")


def _ago(m: re.Match[str], text: str, pub: dt.date, future: bool) -> DateMention | None:
    unit = m.group("unit").lower()
    date = _shift(pub, -_number(m.group("n")), unit)
    return _mention(text, m.start(), m.end(), date, unit)


def _offset(m: re.Match[str], text: str, pub: dt.date, future: bool) -> _Offset | None:
    if m.group("rel"):
        rel = m.group("rel").lower()
        sign = {"previous": -1, "preceding": -1, "same": 0}.get(rel, 1)
        return _Offset(m.start(), m.end(), 1, m.group("unit2").lower(), sign, False)
    word = m.group("dir").lower()
    sign = 1 if word in ("later", "after") else -1
    n = 1 if m.group("n").lower() == "the" else _number(m.group("n"))
    link = word in ("before", "after")
    return _Offset(m.start(), m.end(), n, m.group("unit").lower(), sign, link)


_RULES = ((_REL_DAY_RX, _rel_day), (_REL_UNIT_RX, _rel_unit), (_FUZZY_RX, _fuzzy),
          (_AGO_RX, _ago), (_OFFSET_RX, _offset), (_WEEKDAY_RX, _weekday),
          (_ISO_RX, _iso), (_MONTH_FIRST_RX, _month_first), (_DAY_FIRST_RX, _day_first),
          (_YEAR_RX, _year))


def find_dates(text: str, published: dt.date, *, future: bool = False) -> list[DateMention]:
    """All date expressions in ``text``, resolved against ``published``, in text order.

    ``future=True`` when the clause is about a planned event: bare weekdays, months and
    year-less dates then resolve on/after ``published`` instead of on/before it.
    """
    if not isinstance(published, dt.date):
        raise TypeError(f"published must be a datetime.date, not {type(published).__name__}")
    if isinstance(published, dt.datetime):
        published = published.date()
    found: list[DateMention | _Offset] = []
    for rx, rule in _RULES:
        for m in rx.finditer(text):
            try:
                item = rule(m, text, published, future)
            except (ValueError, OverflowError):
                logger.debug("unresolvable date %r", m.group(0))
                continue
            if item is not None:
                found.append(item)
    chosen: list[DateMention | _Offset] = []
    for item in sorted(found, key=lambda i: (i.start, -i.end)):
        if not chosen or item.start >= chosen[-1].end:
            chosen.append(item)
    return _resolve_offsets(text, published, chosen)


def _resolve_offsets(text: str, pub: dt.date,
                     items: list[DateMention | _Offset]) -> list[DateMention]:
    """Turn offsets into mentions: link ``before/after`` to the following date, anchor the
    rest to the preceding mention (else ``published``)."""
    out: list[DateMention] = []
    i = 0
    while i < len(items):
        item = items[i]
        i += 1
        if isinstance(item, DateMention):
            out.append(item)
            continue
        precision = item.unit  # the unit names are precision names
        if item.link:
            nxt = items[i] if i < len(items) else None
            gap = text[item.end:nxt.start] if nxt is not None else "x"
            if isinstance(nxt, DateMention) and not gap.strip():
                i += 1
                try:
                    date = _shift(nxt.date, item.sign * item.n, item.unit)
                except (ValueError, OverflowError):
                    continue
                out.append(_mention(text, item.start, nxt.end, date,
                                    _coarser(precision, nxt.precision)))
                continue
            if not _CLAUSE_END_RX.match(text, item.end):
                logger.debug("offset %r has no date to attach to", text[item.start:item.end])
                continue
        base = out[-1] if out else None
        try:
            date = _shift(base.date if base else pub, item.sign * item.n, item.unit)
        except (ValueError, OverflowError):
            continue
        if base is not None:
            precision = _coarser(precision, base.precision)
        out.append(_mention(text, item.start, item.end, date, precision))
    return out


def _distance(m: DateMention, anchor: int, anchor_end: int) -> int:
    """Characters between the trigger word ``anchor..anchor_end`` and the mention."""
    if m.start < anchor_end and m.end > anchor:
        return 0
    return m.start - anchor_end if m.start >= anchor_end else anchor - m.end


def date_for(text: str, anchor: int, published: dt.date, *, future: bool = False,
             window: tuple[int, int] | None = None) -> DateMention | None:
    """The date expression belonging to an event whose trigger word starts at ``anchor``.

    Expressions overlapping ``window`` (the event clause's char range) are preferred;
    otherwise (or when none is there) the nearest one in ``text``, measured from the trigger
    word's edges, ties going to the one after it.  ``None`` when ``text`` has no date.
    """
    mentions = find_dates(text, published, future=future)
    if window is not None:
        lo, hi = window
        inside = [m for m in mentions if m.start < hi and m.end > lo]
        mentions = inside or mentions
    if not mentions:
        return None
    word = _WORD_RX.match(text, max(0, anchor))
    anchor_end = word.end() if word else anchor
    return min(mentions,
               key=lambda m: (_distance(m, anchor, anchor_end), m.start < anchor, m.start))
