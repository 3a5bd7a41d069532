"""Tests for tieline.ingest.language: the stdlib English detector."""
from __future__ import annotations

import json
from pathlib import Path

import pytest

from tieline.ingest.language import guess_english, is_english

from samples import DEV, ENGLISH, SEED, SHARED  # noqa: E402,F401

FOREIGN = {
    "french": "Le président russe Vladimir Poutine a reçu jeudi son homologue chinois Xi Jinping "
              "à Samarcande, en Ouzbékistan, pour leur première rencontre en personne depuis le "
              "début de la guerre en Ukraine. Les deux dirigeants ont affiché leur volonté de "
              "renforcer leurs relations face aux pays occidentaux, selon les médias d'État.",
    "spanish": "El presidente ruso, Vladímir Putin, recibió el jueves a su homólogo chino, Xi "
               "Jinping, en Samarcanda, Uzbekistán, en su primer encuentro en persona desde el "
               "inicio de la guerra en Ucrania. Ambos líderes mostraron su voluntad de reforzar "
               "las relaciones frente a los países occidentales, según los medios estatales.",
    "german": "Der russische Präsident Wladimir Putin hat am Donnerstag seinen chinesischen "
              "Amtskollegen Xi Jinping in Samarkand in Usbekistan empfangen. Es war ihr erstes "
              "persönliches Treffen seit Beginn des Krieges in der Ukraine. Beide wollen ihre "
              "Beziehungen gegenüber dem Westen stärken, was auch die Staatsmedien berichteten.",
    "dutch": "De Russische president Vladimir Poetin heeft donderdag zijn Chinese ambtgenoot Xi "
             "Jinping ontvangen in Samarkand. Het is hun eerste ontmoeting sinds het begin van "
             "de oorlog in Oekraïne. Beide leiders willen hun banden met elkaar versterken, zo "
             "meldden de staatsmedia. Het bezoek is over een week.",
    "danish": "Den russiske præsident Vladimir Putin mødtes torsdag med sin kinesiske kollega Xi "
              "Jinping i Samarkand i Usbekistan. Det er første gang, at de to ledere mødes, "
              "siden krigen i Ukraine begyndte. Begge ønsker at styrke forholdet for at stå imod "
              "Vesten, og det er vigtigt for dem, skriver statsmedier.",
    "czech": "Ruský prezident Vladimir Putin se ve čtvrtek setkal se svým čínským protějškem Si "
             "Ťin-pchingem v Samarkandu. Je to jejich první osobní setkání od začátku války na "
             "Ukrajině. Oba lídři chtějí posílit vztahy, aby to bylo vidět i na Západě, napsala "
             "státní média. To je důležité.",
    "chinese": "俄罗斯总统普京周四在乌兹别克斯坦撒马尔罕会见了中国国家主席习近平，"
               "这是乌克兰战争开始以来两人首次面对面会晤。",
    "russian": "Президент России Владимир Путин в четверг встретился с председателем КНР Си "
               "Цзиньпином в Самарканде. Это их первая личная встреча с начала войны.",
    "arabic": "التقى الرئيس الروسي فلاديمير بوتين نظيره الصيني شي جين بينغ في سمرقند يوم الخميس.",
}


def test_language_accepts_english() -> None:
    guess = guess_english(ENGLISH)
    assert guess.is_english
    assert guess.function_share > 0.15
    assert guess.latin_share == 1.0


@pytest.mark.parametrize("language", sorted(FOREIGN))
def test_language_rejects_other_languages(language: str) -> None:
    guess = guess_english(FOREIGN[language])
    assert not guess.is_english, guess
    assert guess.detail


def test_language_rejects_mostly_non_latin_script() -> None:
    mixed = "Xi Jinping 习近平 " + "俄罗斯总统普京周四在乌兹别克斯坦撒马尔罕会见了中国国家主席" * 2
    assert not is_english(mixed)
    assert "non-Latin" in guess_english(mixed).detail


def test_language_accepts_english_with_foreign_quote() -> None:
    text = ENGLISH + " Xi told him: “我们是好朋友” — we are good friends, state media said."
    assert is_english(text)


def test_language_short_latin_text_gets_benefit_of_doubt() -> None:
    assert is_english("Ukraine War: Zelensky Slams Russia")
    assert is_english("Putin trifft Xi in Samarkand")  # too short to judge
    assert is_english("")


def test_language_accepts_seed_and_dev_articles() -> None:
    texts = []
    if SEED.exists():
        texts.append(SEED.read_text(encoding="utf-8"))
    if DEV.exists():
        texts += [json.loads(line)["text"] for line in DEV.read_text(encoding="utf-8").splitlines()
                  if line.strip()]
    if not texts:
        pytest.skip("shared articles not available")
    for text in texts:
        guess = guess_english(text)
        assert guess.is_english and guess.function_share > 0.12, (text[:60], guess)
