"""Shared test inputs: where the shared evaluation files are, and a paragraph of English news."""
from pathlib import Path

SHARED = Path(__file__).parents[1].parent / "shared"
SEED = SHARED / "seed" / "russia-china-ties.txt"
DEV = SHARED / "eval" / "dev.jsonl"

ENGLISH = (
    "Chinese President Xi Jinping and Russian President Vladimir Putin met on Thursday in "
    "Samarkand, the first time they have met in person since the war in Ukraine began. "
    "The two leaders said they would work together against what they called attempts by "
    "the United States to build a unipolar world."
)
