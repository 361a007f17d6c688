"""Questions are read by their words: the same fact in any form reads the same."""

from __future__ import annotations

import pytest

from intents.morphology import Role, analyze, verb_of_stem
from intents.normalize import read


def content(text: str) -> list[tuple[str, bool, bool, bool]]:
    return [
        (w.key, w.negated, w.passive, w.desire) for w in analyze(text) if w.role is Role.CONTENT
    ]


@pytest.mark.parametrize(
    ("forms", "reading"),
    [
        (
            ["殴られていた", "なぐられてた", "殴られてます", "殴られとる"],
            [("殴る", False, True, False)],
        ),
        (
            ["学校に行けなくなった", "学校へは行けません", "学校行かへん", "学校に行けてない"],
            [("学校", False, False, False), ("行く", True, False, False)],
        ),
        (
            ["ご飯を食べさせてもらえず", "ごはん食べてない", "御飯を食べていません"],
            [("御飯", False, False, False), ("食べる", True, False, False)],
        ),
        (["帰りたくない", "帰りたくありません", "帰りたくないです"], [("帰る", True, False, True)]),
        (["子供", "子ども", "こども"], [("子供", False, False, False)]),
        (["あざ", "アザ", "痣"], [("痣", False, False, False)]),
    ],
)
def test_one_fact_in_any_form_reads_the_same(forms: list[str], reading: list[object]) -> None:
    for form in forms:
        assert content(form) == reading, form


def test_a_negation_reaches_over_an_adverb_but_not_over_punctuation() -> None:
    assert content("お金が全然ない")[0][:2] == ("御", False)  # お金 is read as 御 + 金
    assert ("金", True, False, False) in content("お金が全然ない")
    assert all(not negated for _, negated, _, _ in content("ご飯を食べた。ない"))


def test_the_kansai_fold_keeps_to_word_endings() -> None:
    assert content("来えへん") == [("来る", True, False, False)]
    assert content("できひん") == [("出来る", True, False, False)]
    assert not any(negated for _, negated, _, _ in content("たいへんです"))
    assert not any(negated for _, negated, _, _ in content("へんな人がいる"))


def test_kansai_negatives_before_rashii_and_mitai_are_negatives() -> None:
    # 帰ってへんらしい, 行かへんみたい: hearsay and hedges after the Kansai negative
    assert ("帰る", True, False, False) in content("弟が家に帰ってへんらしい")
    assert ("行く", True, False, False) in content("塾に行かへんみたいや")


def test_eastern_nee_after_a_verb_is_a_negative_and_elsewhere_an_exclamation() -> None:
    assert ("来る", True, False, False) in content("迎えが来ねぇ日がある")
    assert ("分かる", True, False, False) in content("さっぱりわからねえ")
    assert not any(negated for _, negated, _, _ in content("今日は疲れたねえ"))
    assert not any(negated for _, negated, _, _ in content("そうだねえ"))


def test_a_condition_is_not_a_past() -> None:
    # 「連絡したら」 asks what would happen: nothing is done yet
    said = [w for w in analyze("児相に連絡したらどうなる") if w.key == "連絡"][0]
    assert (said.past, said.conditional) == (False, True)
    done = [w for w in analyze("児相に連絡したけど") if w.key == "連絡"][0]
    assert (done.past, done.conditional) == (True, False)


def test_denying_a_formal_noun_denies_the_clause_before_it() -> None:
    assert ("ふざける", True, False, False) in content("ふざけている様子はない")
    assert ("叩く", True, True, False) in content("叩かれたことはありません")
    assert ("ふざける", False, False, False) in content("ふざけている感じがする")


def test_particles_are_kept_as_particles() -> None:
    roles = [(w.key, w.role) for w in analyze("はらっぱとは")]
    assert roles[-2:] == [("と", Role.PARTICLE), ("は", Role.PARTICLE)]


@pytest.mark.parametrize(
    ("forms", "reading"),
    [
        # staff typing in kana space their words; a space does not cut a verb from its ない
        (["へんじ しない", "返事しない", "返事をしない"], [("返事", True, False, False)]),
        # a negated ある after a noun negates the noun, as ない does
        (
            ["危険性はありません", "危険性はない", "危険性ない"],
            [("危険", False, False, False), ("性", True, False, False)],
        ),
        (["食べ物がありません", "食べ物がない", "食べ物ない"], [("食べ物", True, False, False)]),
    ],
)
def test_spaces_and_negated_aru_read_like_the_plain_form(
    forms: list[str], reading: list[object]
) -> None:
    for form in forms:
        assert content(form) == reading, form


@pytest.mark.parametrize(
    "request_form",
    ["見に来てもらえませんか", "見に来てくれませんか", "見に来ていただけないでしょうか"],
)
def test_a_polite_request_is_a_wish_not_a_negation(request_form: str) -> None:
    assert content(request_form)[-1] == ("来る", False, False, True)


def test_a_worry_that_a_child_is_not_given_something_stays_negated() -> None:
    assert ("食べる", True, False, False) in content("家でご飯を食べさせてもらえないかと心配")


def test_advice_to_do_something_is_not_having_done_it() -> None:
    assert [w.past for w in analyze("連絡したほうがいい") if w.role is Role.CONTENT][0] is False
    assert [w.past for w in analyze("連絡したので") if w.role is Role.CONTENT][0] is True


def test_kansai_tarin_on_a_compound_verb_is_a_negative() -> None:
    assert ("遊び足りる", True) in [(w.key, w.negated) for w in analyze("まだ遊び足りんだけ")]


def test_a_short_causative_is_the_verb_made_to_be_done() -> None:
    # 立たされる (立たす + れる) is 立たせる suffered: stood, made to, passive
    assert ("立つ", True, True) in [
        (w.key, w.causative, w.passive) for w in analyze("外に立たされた")
    ]


def test_asking_to_be_reminded_is_not_having_done_it() -> None:
    # 「でしたっけ」 asks what the procedure was: nothing is done yet
    assert [w.past for w in analyze("まず児相に連絡するんでしたっけ") if w.key == "連絡"] == [False]
    assert [w.past for w in analyze("もう児相に連絡しました") if w.key == "連絡"] == [True]


def test_kana_the_analyzer_would_misread_is_read_as_meant() -> None:
    # without kanji the analyzer guesses the adverb 却って; 来る after it decides 帰る
    assert content("おやが かえってこない") == [
        ("親", False, False, False),
        ("帰る", True, False, False),
    ]
    assert ("帰る", True, False, False) in content("まだ いえに かえってないの")
    # where the next letters do not decide it, nothing is folded
    assert content("かえって迷惑") == [
        ("却って", False, False, False),
        ("迷惑", False, False, False),
    ]


def test_a_supposition_is_not_a_negation() -> None:
    # 「…のではないか」 supposes it is so
    assert ("居る", False, False, False) in content("弟が一人で家にいるのではないか")
    assert ("殴る", False, True, False) in content("殴られているんじゃないかと思う")


def test_the_case_de_links_no_helper_verb() -> None:
    # 読んでくれる: くれる helps 読む; 包丁で切る, 自転車で行く: the verb after the case で is the fact
    assert content("本を読んでくれる") == [
        ("本", False, False, False),
        ("読む", False, False, False),
    ]
    assert ("切る", False, True, False) in content("包丁で切られた")
    assert ("行く", False, False, False) in content("自転車で行ける")


def test_a_kansai_negative_after_an_i_stem_is_a_negative() -> None:
    assert ("足りる", True, False, False) in content("お皿が一枚足りひん")
    assert ("起きる", True, False, False) in content("なんぼ呼んでも起きひんねん")


def test_a_noun_that_is_a_verbs_stem_names_the_verbs_act() -> None:
    # terse case notes name acts by their stem, which the dictionary lists as nouns
    assert verb_of_stem("締め出し") == "締め出す"
    assert verb_of_stem("蹴り") == "蹴る"
    # a noun in kana alone, or one whose stem makes no verb, is only itself
    assert verb_of_stem("まつり") == ""
    assert verb_of_stem("地域") == ""


def test_kana_spaced_by_words_is_read_as_the_same_words() -> None:
    # staff typing in kana put a space between the words: the folds reach over it
    assert ("帰る", True, False, False) in content("むすこが まだ かえって こないの")
    assert ("行く", False, False, False) in content("ともだちの いえに いったきり")
    # 泣いてます after a pause is crying, not a negation of the word before
    assert ("泣く", False, False, False) in content("げんかんで ずっと ないてます")


def test_kansai_and_kana_wishes_read_as_wishes() -> None:
    # 遊びたりない is 足りない; Kansai 帰りたない is 帰りたくない (not 帰らない)
    assert ("遊び足りる", True, False, False) in content("まだ遊びたりないみたい")
    assert ("帰る", True, False, True) in content("まだ帰りたないって言うねん")
    # おでこ is the forehead, not お + で + こぶ (a bump)
    assert ("額", False, False, False) in content("転んでおでこを打った")


def test_the_kansai_honorific_haru_reads_as_the_plain_form() -> None:
    # やってはる is やってる (going on), and the verb 貼る keeps its own reading
    assert [(w.key, w.progressive) for w in analyze("まだやってはる？")] == [
        (w.key, w.progressive) for w in analyze("まだやってる？")
    ]
    assert ("張る", False, False, False) in content("ポスターをはるのはどこ？")


def test_kansai_negatives_and_explanations_before_a_noun_or_yo() -> None:
    # 行けてへん中学生 is a pupil who cannot go; 子おるんよ is there is a child (いるのよ)
    assert ("行く", True, False, False) in content("学校に行けてへん中学生")
    assert ("居る", False, False, False) in content("そういう子おるんよ")
    # 寝るんが遅い is 寝るのが (the verb made a noun): a negative ん follows a 未然形, never る
    assert ("寝る", False, False, False) in content("うちの子、寝るんが遅くて")
    # … while くるんで is くるむ's て (wrapped), no ん at all
    assert ("包む", False, False, False) in content("タオルでくるんでおいた")


def test_toukou_shiburu_in_kana_is_refusing_to_go() -> None:
    # 登校しぶってる is 渋る, not し + 振る
    assert ("渋る", False, False, False) in content("朝になると登校しぶってる")


def test_kana_words_the_analyzer_breaks_are_read() -> None:
    # ぼたんでんち is no 牡丹 + でん + ち, and のみこんだ is 飲み込んだ, no のみ + こんだ
    keys = [w.key for w in analyze("ぼたんでんちを のみこんだ")]
    assert "電池" in keys and "飲み込む" in keys
    # きゅういん is 吸引, no きゅう + 居る
    assert "吸引" in [w.key for w in analyze("たんの きゅういんが ひつような こ")]


def test_a_kyushu_request_is_a_wish_not_a_negation() -> None:
    # 教えてくれんね asks to be told (教えてほしい), as 教えてくれませんか does
    assert [
        (w.desire, w.negated) for w in analyze("場所を教えてくれんね") if w.key == "教える"
    ] == [(True, False)]
    # … while 助けてくれんかった says no one helped
    assert [w.negated for w in analyze("誰も助けてくれんかった") if w.key == "助ける"] == [True]


def test_a_typo_of_ma_ni_au_reads_as_in_time() -> None:
    # 間に会う is the keyboard's 間に合う: one sound, the wrong kanji
    assert content("今から行って間に会う？") == content("今から行って間に合う？")


def test_an_emoji_ends_a_clause_as_a_comma_does() -> None:
    # the Kansai negative before an emoji is the end of its word, as before 、
    assert ("行く", True, False, False) in content("明日は塾に行かへん😢 しんどいって")
    assert content("塾に行かへん😢") == content("塾に行かへん、")


def test_taru_is_the_same_word_as_tariru() -> None:
    # 足る's negative (足らない, Kansai 足らへん, 足らん) is 足りない's
    for form in ("椅子が一脚足らない", "椅子が一脚足らへん", "椅子が一脚足らん"):
        assert ("足りる", True, False, False) in content(form), form


def test_a_question_typed_all_in_katakana_reads_as_its_words() -> None:
    # half-width katakana from a terminal: the same words as in hiragana, not loanwords
    assert [w.key for w in read("ｷｮｳ ｶﾞｯｺｳﾆ ｺﾅｶｯﾀ").words] == [
        w.key for w in read("きょう がっこうに こなかった").words
    ]
    # a loanword or a name alone, and English with a katakana name, are read as written
    assert [w.key for w in read("ヤングケアラー").words] == [
        w.key for w in analyze("ヤングケアラー")
    ]
    assert read("where is ハビット?").words == analyze("where is ハビット?")
    # … and half-width runs inside kanji text are kana words all the same
    assert [w.key for w in read("帰ﾘﾀｸﾅｲ").words] == [w.key for w in read("帰りたくない").words]


def test_a_number_reads_the_same_in_kanji_and_in_native_kana() -> None:
    # SudachiPy writes 一箱's 一 as 1 and ひと箱's ひと as 一: both are read as 1
    def keys(text: str) -> list[str]:
        return [w.key for w in analyze(text) if w.role is Role.CONTENT]

    assert keys("ひと箱") == keys("一箱") == ["1", "箱"]
    assert keys("ふた箱") == keys("二箱") == ["2", "箱"]
