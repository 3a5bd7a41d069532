"""The README documents every command, option and setting the code has (datasette-style)."""
import re
from dataclasses import fields
from pathlib import Path

import click
import pytest

from tieline.cli import main
from tieline.config import Config

README = (Path(__file__).resolve().parents[1] / "README.md").read_text(encoding="utf-8")
COMMANDS = sorted(main.commands)


@pytest.mark.parametrize("name", COMMANDS)
def test_docs_every_command_is_documented(name):
    assert f"tieline {name}" in README


@pytest.mark.parametrize("name,option", [(n, o) for n in COMMANDS for p in main.commands[n].params
                                         if isinstance(p, click.Option) for o in p.opts if o.startswith("--")])
def test_docs_every_option_is_documented(name, option):
    line = next(x for x in README.splitlines() if f"`tieline {name}" in x)
    assert option in line, f"{option} of 'tieline {name}' is not in the README's command table"


@pytest.mark.parametrize("setting", [f.name for f in fields(Config)])
def test_docs_every_setting_is_documented(setting):
    assert re.search(rf"^\| `{setting}` \|", README, re.M), f"setting {setting} missing from README"


def test_docs_readme_gives_exactly_the_two_setup_commands():
    setup = README.split("## Set-up", 1)[1].split("##", 1)[0]
    commands = re.findall(r"^make \w+", setup, re.M)
    assert commands == ["make demo", "make test"]
