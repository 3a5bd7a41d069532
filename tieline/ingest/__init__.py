"""The ``ingest`` stage: read articles from text, HTML, JSON Lines, feeds and
WARC files (or Python strings) into :class:`~tieline.model.Article` records,
with a :class:`~tieline.model.Rejection` for every input that cannot be used."""
from tieline.ingest.language import guess_english, is_english
from tieline.ingest.readers import input_format, read_file, read_paths, read_stream, read_text

__all__ = [
    "guess_english",
    "input_format",
    "is_english",
    "read_file",
    "read_paths",
    "read_stream",
    "read_text",
]
