"""The ways staff write a window's name fold into one form (the name search reads the
surface; the words of a question are read by the analyzer: test_morphology.py)."""

from __future__ import annotations

import pytest

from intents.normalize import (
    contains_word,
    normalize,
    normalize_full,
    phrase_spans,
    romaji_as_japanese,
    romaji_as_kana,
    without_long_o,
)


@pytest.mark.parametrize(
    ("variants", "expected"),
    [
        (["ﾏﾀﾆﾃｨ安心コール", "マタニティ安心コール", "またにてぃ安心こーる"], "またにてぃ安心こる"),
        (["０１２３はらっぱ", "0123はらっぱ", "0123ハラッパ"], "0123はらっぱ"),
        (["子供", "子ども", "こども", "コドモ"], "こども"),
        (["緑ヶ丘", "緑ケ丘", "緑ケ丘"], "緑け丘"),
        (["センター", "センタ", "せんたー"], "せんた"),
        (["子家セン！", "子家セン 。", "「子家セン」", "こかせん"], "子家せん"),
        (["さくらづつみ", "さくらずつみ", "サクラヅツミ"], "さくらずつみ"),
        (["保険センター", "保健センター"], "保健せんた"),
    ],
)
def test_spelling_variants_fold_together(variants: list[str], expected: str) -> None:
    assert {normalize(v) for v in variants} == {expected}


def test_slack_markup_is_removed_or_replaced_by_its_label() -> None:
    text = (
        "<@U012AB3CD> <#C123|ssw-queue> の件 <https://example.org|リンク> と <https://example.org>"
    )
    assert normalize(text) == "sswqueueの件りんくと"


def test_latin_words_keep_boundaries() -> None:
    spaced = normalize_full("Is this SCHOOL open? ask the SC").spaced
    assert contains_word(spaced, "sc")
    assert not contains_word(normalize_full("school").spaced, "sc")
    assert contains_word(normalize_full("SCさん以外").spaced, "sc")


def test_romaji_words_are_read_as_kana_and_english_words_are_left_alone() -> None:
    harappa = romaji_as_kana(normalize_full("Is Harappa open today?"))
    assert harappa is not None and "はらっぱ" in harappa.squashed
    assert "today" in harappa.spaced  # not a run of romaji syllables
    assert romaji_as_kana(normalize_full("phone number of the center")) is None
    assert without_long_o("きちじょうじ じどうかん") == "きちじょじ じどかん"


def test_an_english_plural_is_the_same_word() -> None:
    assert contains_word("she has burn marks", "burn mark")
    assert not contains_word("a bookmark", "mark")


def test_an_english_phrase_is_found_in_its_other_forms_and_with_a_word_between() -> None:
    def found(question: str, phrase: str) -> bool:
        return next(phrase_spans(normalize_full(question).spaced, phrase), None) is not None

    assert found("he puts him out on the balcony", "put out on the balcony")
    assert found("a man in a silver car by the gate", "man in a car")
    # a word that turns it over never stands between: "not fine now" is no "fine now"
    assert not found("she is not fine now", "is fine now")
    # tense and derivation are kept: to handle is not handled, parenting is not parents
    assert not found("how do I handle this", "handled")
    assert not found("her parents called", "parenting")
    # nor does a Japanese word stand between English words
    assert not found("man 車 in a car", "man in a car")
    # and a word that turns it over right before it makes it no match
    assert not found("they are not starving i think", "starving")
    assert not found("he didnt hit her", "hit her")
    assert found("the kids are starving", "starving")


def test_a_japanese_sentence_in_romaji_is_read_as_kana_particles_and_all() -> None:
    said = romaji_as_japanese(normalize_full("she said 'papa ni tatakareta kara kaeritakunai'"))
    assert said == "she said ぱぱにたたかれたからかえりたくない"
    assert romaji_as_japanese(normalize_full("boku wa kowai")) == "ぼくはこわい"
    # an English sentence with a word or two that look like romaji is no Japanese
    assert romaji_as_japanese(normalize_full("same clothes, no bento today")) is None


def test_an_english_contraction_typed_without_its_apostrophe_is_the_contraction() -> None:
    assert normalize_full("she hasnt come home, im worried").spaced == (
        "she hasn t come home i m worried"
    )
    # words that are words too are left alone
    assert normalize_full("he is ill, its fine, were late").spaced == "he is ill its fine were late"


def test_an_english_phrase_never_runs_across_the_end_of_a_sentence() -> None:
    def found(question: str, phrase: str) -> bool:
        read = normalize_full(question)
        return (
            next(phrase_spans(read.spaced, phrase, False, read.sentence_breaks), None) is not None
        )

    # the case is closed; now is the start of the next sentence, no "closed now"
    assert not found("That case is closed. Now we need a training", "closed now")
    assert not found("is it bad? now he is fine", "bad now")
    assert not found("she was hit\nby the door at school", "hit by")
    # … while a full stop inside a number ends nothing
    assert found("temp 37.6 now", "6 now")
    assert found("is the office closed now?", "closed now")


def test_an_english_negative_is_one_not_whichever_helper_says_it() -> None:
    def found(question: str, phrase: str) -> bool:
        spans = phrase_spans(normalize_full(question).spaced, normalize_full(phrase).spaced)
        return next(spans, None) is not None

    # the phrase says "doesn't go" once; "hasn't gone", "won't go", "isn't going" are it too
    assert found("Ken hasn't gone to school once this term", "doesn't go to school")
    assert found("after the holidays the girl won't go to school", "doesn't go to school")
    assert found("he isn't going to school", "doesn't go to school")
    assert found("the boy cannot find his mum", "can't find")
    # a phone's apostrophe is one too, and a question word's 's is "is"
    assert found("he didn’t come home", "didn't come home")
    assert found("where’s the health center?", "where is")
    # a phrase's own form is kept: its "went missing" is no "going missing" (of a thing)
    assert not found("the class pencils keep going missing", "went missing")
