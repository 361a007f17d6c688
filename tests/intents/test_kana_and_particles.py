"""A phrase written once is found however staff type it: in kana the analyzer may give
the wrong kanji (あと → 後 where 跡 is meant), and speech drops を and が."""

from __future__ import annotations

import pytest

from intents.kana_words import KanaWords
from intents.lexicon import PhraseSet, phrase_of
from intents.morphology import analyze
from intents.normalize import read


def found(phrases: list[str], question: str, negated: bool = False) -> list[str]:
    """The phrases (as written) found in the question."""
    matcher = PhraseSet(phrase_of(p, p, negated=negated) for p in phrases)
    return [m.phrase.tag for m in matcher.scan(read(question))]


def test_a_kana_word_matches_the_phrase_by_its_reading() -> None:
    assert found(["ベルトの跡"], "背中にベルトのあとみたいな線がある") == ["ベルトの跡"]


def test_a_kana_word_of_another_part_of_speech_does_not() -> None:
    # 「ような」 is 様 typed in kana, never the verb 酔う
    assert found(["酔っている"], "ほっとできるような場所を探しています") == []


def test_a_dropped_case_marker_does_not_hide_the_phrase() -> None:
    assert found(["返事"], "名前を呼んでも返事しない", negated=True) == ["返事"]
    assert found(["呼吸をする"], "さっきから呼吸してない", negated=True) == ["呼吸をする"]


def test_the_one_a_call_comes_from_is_not_the_doer() -> None:
    # 母親から「まだ帰ってこない」と電話: the mother rang, the child is not home
    assert found(["母親が帰ってくる"], "母親からまだ帰ってこないと電話", negated=True) == []
    assert found(["母親が帰ってくる"], "母親が夜まで帰ってこない", negated=True) == [
        "母親が帰ってくる"
    ]
    # から after a time is since: 母は昼から不在 is the mother away
    assert found(["母が不在"], "母は昼から不在") == ["母が不在"]


def test_a_particle_that_is_the_meaning_still_counts() -> None:
    # 「夜まで」 is not 「夜」: the particle asks the hours
    assert found(["夜まで"], "夜まで開いていますか") == ["夜まで"]
    assert found(["夜まで"], "夜の相談窓口") == []


def test_a_compound_noun_counts_as_its_last_part() -> None:
    # 頭痛薬 is a kind of 薬: 「薬をたくさん飲む」 is found in it
    assert found(["薬をたくさん飲む"], "頭痛薬をたくさん飲んだらしい") == ["薬をたくさん飲む"]
    # a word that is not a compound keeps its own meaning (様子 is no 子)
    assert found(["子がいない"], "様子がいつもと違う") == []


def test_a_kana_verb_the_analyzer_conjugated_is_no_noun_of_its_reading() -> None:
    # 「にさいじ」's さい is read as 咲く, conjugated: it is not 柵 (さく); 「ころんで うった」 is no 鬱
    assert found(["柵"], "にさいじの こが ないてる") == []
    assert found(["鬱"], "ころんで あたまを うった") == []
    # a kana word the analyzer left in its plain form may be a noun it misjudged (いえ, 家)
    assert found(["家に帰る"], "まだ いえに かえってない", negated=True) == ["家に帰る"]


def kana_words(*nouns: str) -> KanaWords:
    return KanaWords(word for noun in nouns for word in analyze(noun))


def test_a_noun_typed_in_kana_and_cut_into_pieces_is_read_in_its_kanji() -> None:
    restore = kana_words("学童", "下校", "ベランダ").restore
    assert restore("3ねんの こが がくどうに こない") == "3ねんの こが 学童に こない"
    assert restore("さっき げこう した") == "さっき 下校 した"
    # the sentence going on in the same run after the particle
    assert restore("まだ がくどうにきてない") == "まだ 学童にきてない"
    # a noun the data writes in katakana, its particle read as the copula
    assert restore("よるも べらんだに だされた") == "よるも ベランダに だされた"


@pytest.mark.parametrize(
    "text",
    [
        "まだ あいて ますか",  # 開いて, a verb the analyzer found: no 相手
        "いえでも たべてない",  # 家でも: the reading would end on a particle (家出も)
        "こどもが おるんやけど",  # a particle inside a longer run: no 火傷
    ],
)
def test_kana_that_reads_as_other_words_stays_kana(text: str) -> None:
    assert kana_words("相手", "家出", "火傷").restore(text) == text


def test_a_lone_kana_the_analyzer_misread_is_a_one_kana_noun_when_the_phrase_goes_on() -> None:
    # 「ち とまらない」: the analyzer reads ち as the interjection ちっ; it is 血, its が dropped
    assert found(["血が止まる"], "ゆびを きって ちとまらない", negated=True) == ["血が止まる"]
    # one kana alone names nothing
    assert found(["血"], "ち、とまらない") == []


def test_a_compound_noun_typed_in_kana_is_restored_whole_even_where_cut_through_a_helper() -> None:
    # 熱中症 is 熱中 | 症 to the analyzer, and ねっちゅうしょう is ね | っちゅう | しょう
    restore = KanaWords((), compounds=["熱中症"]).restore
    assert restore("ぶかつちゅう ねっちゅうしょうかも") == "ぶかつちゅう 熱中症かも"
    # a suffix after it is a noun's company (熱中症っぽい)
    assert (
        restore("こうていで ねっちゅうしょうっぽい せいとが ふたり")
        == "こうていで 熱中症っぽい せいとが ふたり"
    )
