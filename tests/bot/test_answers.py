"""Answers as the people who ask would judge them."""

from __future__ import annotations

import pytest

from answers import reasons
from answers.contract import answer_to_json
from answers.reasons import Reason, Why
from answers.render import render_text
from intents.understand import Intent
from tests.conftest import at


def names(answer) -> list[str]:  # type: ignore[no-untyped-def]
    return [c.resource.name for c in answer.cards]


def test_teacher_gets_189_when_child_fears_going_home(ask) -> None:  # type: ignore[no-untyped-def]
    answer = ask("4年の男子の腕に新しいあざ。「家に帰りたくない」と言って泣いている")
    text = render_text(answer)
    assert answer.intent is Intent.EMERGENCY
    assert answer.cards[0].resource.id == "national-189"
    assert text.index("189") < text.index("子ども家庭支援センター")
    assert "児童虐待防止法第6条" in text and "通告の代わりにはなりません" in text
    assert "24時間見守られていません" in text


def test_violence_happening_now_puts_110_first_then_189(ask) -> None:  # type: ignore[no-untyped-def]
    answer = ask("今まさに校門で父親が児童を殴っている、どうしたら")
    assert [c.resource.id for c in answer.cards[:2]] == ["national-110", "national-189"]
    assert render_text(answer).splitlines()[1].startswith("• 今まさに危険なら *110*")


def test_child_who_wants_to_die_gets_the_24_hour_sos_line(ask) -> None:  # type: ignore[no-untyped-def]
    answer = ask("担任してる子が今日『死にたい』って言ってきた")
    assert answer.cards[0].resource.id == "national-kodomo-sos"
    assert "0120-0-78310" in render_text(answer)


def test_emergency_names_the_local_centre_of_the_askers_city(ask) -> None:  # type: ignore[no-untyped-def]
    answer = ask("あざがあって家に帰りたくないと言っている", municipality="国分寺市")
    assert answer.cards[-1].resource.id == "kokubunji-kodomo-katei-shien-center"


def test_school_refusal_points_to_the_places_that_take_it(ask) -> None:  # type: ignore[no-untyped-def]
    answer = ask("不登校気味の子の保護者、どこを紹介すればいい？")
    assert answer.intent is Intent.FIND_SERVICE
    assert {"チャレンジルーム", "むさしのクレスコーレ", "教育支援センター"} & set(names(answer)[:3])
    assert Reason.need("不登校") in answer.cards[0].reasons


def test_a_secondary_school_age_question_does_not_get_a_toddler_playroom(ask) -> None:  # type: ignore[no-untyped-def]
    answer = ask("中学を出たあと高校に行っていない子が昼間いられる場所はありますか")
    assert names(answer)[0].startswith("みらいる")
    assert "0123はらっぱ" not in names(answer)


def test_staff_learn_harappa_is_closed_on_friday_and_when_it_opens(ask) -> None:  # type: ignore[no-untyped-def]
    answer = ask(
        "保護者がはらっぱに行きたいそうです。今日は開いていますか、電話番号も教えて",
        now="2026-11-27 09:30",
    )
    card = answer.cards[0]
    assert card.resource.name == "0123はらっぱ" and card.status.open_now is False
    text = render_text(answer)
    assert "0422-56-3210" in text and "11/29(日) 9:00から" in text


def test_consultation_line_open_on_saturday_while_office_line_is_not(ask) -> None:  # type: ignore[no-untyped-def]
    answer = ask("子家センの相談専用電話は土曜日もつながりますか", now="2026-11-28 10:00")
    card = answer.cards[0]
    assert card.status_phone == "相談専用電話" and card.status.open_now is True
    assert card.phones[0].phone.number == "0120-839-002"


def test_asking_for_the_free_dial_gives_the_0120_number_first(ask) -> None:  # type: ignore[no-untyped-def]
    answer = ask("子家センのフリーダイヤルの番号は？")
    assert answer.intent is Intent.CONTACT
    assert answer.cards[0].phones[0].phone.number == "0120-839-002"


def test_single_parent_line_is_picked_by_its_label(ask) -> None:  # type: ignore[no-untyped-def]
    answer = ask("ひとり親の相談用の電話番号はどれですか")
    assert answer.cards[0].phones[0].phone.number == "0422-60-1850"


def test_question_naming_another_city_is_answered_for_that_city(ask) -> None:  # type: ignore[no-untyped-def]
    answer = ask("武蔵野市の教育支援センターの所在地を教えて", municipality="大阪市西区")
    assert answer.cards[0].resource.id == "musashino-kyoiku-shien-center"
    assert "大野田小学校" in render_text(answer)


def test_unknown_facts_say_not_registered_instead_of_guessing(ask) -> None:  # type: ignore[no-untyped-def]
    answer = ask("くにサポの電話番号は？", municipality="国立市")
    text = render_text(answer)
    assert answer.cards[0].resource.id == "kunitachi-kunisapo"
    assert "電話: 登録されていません" in text and "住所: 登録されていません" in text
    assert answer_to_json(answer)["resources"][0]["open_now"] is None


def test_out_of_scope_question_says_so_and_points_to_the_general_window(ask) -> None:  # type: ignore[no-untyped-def]
    answer = ask("給食の牛乳が余ったらどうする？")
    assert answer.intent is Intent.UNKNOWN and answer.cards == ()
    assert "総合相談窓口「子ども家庭支援センター」" in render_text(answer)


def test_need_with_no_window_in_that_city_never_invents_one(ask) -> None:  # type: ignore[no-untyped-def]
    answer = ask("医療的ケア児の保育園の相談", municipality="大阪市西区")
    assert [c.reasons for c in answer.cards] == [(reasons.GENERAL_WINDOW,)]
    text = render_text(answer)
    assert "登録されていません" in text and "子育て支援室" in text


def test_ambiguous_place_asks_which_one(ask) -> None:  # type: ignore[no-untyped-def]
    answer = ask("児童館 今日あいてる？", municipality="国立市")
    assert answer.intent is Intent.OPENING_HOURS
    assert set(answer.clarify) >= {"中央児童館"} and len(answer.clarify) >= 2


def test_contract_has_exactly_the_documented_fields(ask) -> None:  # type: ignore[no-untyped-def]
    data = answer_to_json(ask("はらっぱって今日は開いてますか？"))
    assert set(data) == {"intent", "resources", "clarify", "text"}
    assert set(data["resources"][0]) == {
        "id",
        "name",
        "municipality",
        "open_now",
        "hours_today",
        "phones",
        "address",
    }
    assert data["resources"][0]["hours_today"] == "9:00-16:00"
    assert len(data["resources"]) <= 5


def test_consult_request_explains_how_to_file_and_names_the_ssw(ask) -> None:  # type: ignore[no-untyped-def]
    answer = ask("4年1組の児童のことでSSWさんに家庭訪問を頼みたいです")
    assert answer.intent is Intent.CONSULT_REQUEST
    assert answer.cards[0].resource.id == "musashino-ssw"
    assert "/ssw" in render_text(answer)


def test_school_fees_point_to_the_loan_window_first(ask) -> None:  # type: ignore[no-untyped-def]
    assert names(ask("高校進学の費用が払えない"))[0] == "武蔵野市民社会福祉協議会"


def test_parent_who_cannot_look_after_the_child_goes_to_the_general_centre(ask) -> None:  # type: ignore[no-untyped-def]
    assert (
        names(ask("お母さんが精神的に不安定で、子どもの面倒を見られてないみたい"))[0]
        == "子ども家庭支援センター"
    )


def test_infant_questions_do_not_send_parents_to_the_childrens_sos_line(ask) -> None:  # type: ignore[no-untyped-def]
    assert "24時間子供SOSダイヤル" not in names(ask("赤ちゃんの夜泣きがひどくて眠れないお母さん"))


def test_another_citys_generic_name_does_not_outrank_the_askers_own_windows(ask) -> None:  # type: ignore[no-untyped-def]
    answer = ask("障害児のショートステイ", municipality="国立市")
    assert {c.municipality.name for c in answer.cards} == {"国立市"}
    assert "しょうがいしゃ支援課" in names(answer)[:3]


def test_a_distinctive_name_from_another_city_is_still_found(ask) -> None:  # type: ignore[no-untyped-def]
    assert names(ask("はらっぱの電話番号", municipality="国立市"))[0] == "0123はらっぱ"


def test_a_general_question_about_a_child_goes_to_the_general_window(ask) -> None:  # type: ignore[no-untyped-def]
    answer = ask("小学生の子のことで親が相談したいって。どこがいい？")
    assert answer.intent is Intent.FIND_SERVICE and names(answer)[0] == "子ども家庭支援センター"
    assert ask("出張の旅費精算のやり方を教えて").intent is Intent.UNKNOWN  # not about a child


def test_a_specific_place_need_keeps_its_broader_need(ask) -> None:  # type: ignore[no-untyped-def]
    assert names(ask("高校生の居場所ってある？"))[0].startswith("みらいる")


def test_a_need_the_city_has_no_window_for_gets_its_general_window_as_a_card(ask) -> None:  # type: ignore[no-untyped-def]
    from bot.storage.gaps import is_gap

    answer = ask("子育てに疲れたお母さんの相談先", municipality="大阪市西区")
    assert answer.intent is Intent.FIND_SERVICE
    assert names(answer) == ["西区役所 保健福祉センター 子育て支援室"]
    assert render_text(answer).startswith(
        "この内容に合う窓口は大阪市西区のディレクトリに登録されていません"
    )
    assert is_gap(answer)  # still shown to the directory maintainers as a missing need


def test_a_place_to_be_question_is_not_read_as_asking_for_an_address(ask) -> None:  # type: ignore[no-untyped-def]
    answer = ask("高校を中退した子の居場所はある？")
    assert answer.intent is Intent.FIND_SERVICE
    assert names(answer)[0].startswith("みらいる")
    assert ask("はらっぱの場所は？").intent is Intent.CONTACT


def test_teacher_asking_where_a_high_schooler_can_go_after_school_gets_a_place(ask) -> None:  # type: ignore[no-untyped-def]
    assert names(ask("高校生が放課後に行ける場所"))[0].startswith("みらいる")


def test_asking_how_to_send_the_consult_form_is_a_request_to_the_ssw(ask) -> None:  # type: ignore[no-untyped-def]
    assert ask("相談票ってどうやって出すの？").intent is Intent.CONSULT_REQUEST


def test_a_family_needing_a_home_helper_gets_the_helper_service_first(ask) -> None:  # type: ignore[no-untyped-def]
    answer = ask("育児のヘルパーを頼みたい家庭", municipality="国分寺市")
    assert names(answer)[0].startswith("育児支援ヘルパー事業者")


def test_friends_written_in_kana_or_kanji_are_the_same_trouble(ask) -> None:  # type: ignore[no-untyped-def]
    kana, kanji = ask("友だちとトラブルが続いている小5"), ask("友達とトラブルが続いている小5")
    assert kana.intent is Intent.FIND_SERVICE and names(kana) == names(kanji) != []


def test_asking_where_a_window_is_gets_its_address(ask) -> None:  # type: ignore[no-untyped-def]
    answer = ask("教育支援センターの場所")
    assert answer.intent is Intent.CONTACT
    assert "吉祥寺北町4-11-37" in render_text(answer)


def test_a_child_missing_at_night_is_an_emergency(ask) -> None:  # type: ignore[no-untyped-def]
    answer = ask("小4の子が行方不明だと保護者から電話があった")
    assert answer.intent is Intent.EMERGENCY
    assert answer.cards[0].resource.id == "national-110"


def test_bullying_goes_to_education_counselling_before_the_police(ask) -> None:  # type: ignore[no-untyped-def]
    first = names(ask("いじめられていると相談してきた中2", municipality="国分寺市"))[0]
    assert first == "国分寺市教育委員会 教育相談室"


def test_a_parent_who_wants_to_leave_the_child_for_a_while_gets_short_stays(ask) -> None:  # type: ignore[no-untyped-def]
    answer = ask("子どもを一時的に預けたい", municipality="国分寺市")
    assert names(answer)[0].startswith("育児支援ヘルパー事業者・ショートステイ事業者")
    # … and a parent going into hospital, asked in English
    answer = ask(
        "A dad here must go to hospital for 3 days, no family nearby. Who can keep the kids overnight?",
        municipality="国分寺市",
    )
    assert names(answer)[0].startswith("育児支援ヘルパー事業者・ショートステイ事業者")


def test_asking_whether_a_place_exists_is_not_asking_for_its_address(ask) -> None:  # type: ignore[no-untyped-def]
    assert ask("勉強を見てもらえる場所はある？").intent is Intent.FIND_SERVICE


def test_teacher_afraid_to_send_a_child_home_from_a_violent_father_gets_189(ask) -> None:  # type: ignore[no-untyped-def]
    answer = ask("父親が暴力をふるうと子どもが言っている、今日帰すのが心配")
    assert answer.intent is Intent.EMERGENCY
    assert "national-189" in [c.resource.id for c in answer.cards]


def test_a_students_own_violence_is_problem_behaviour_not_abuse(ask) -> None:  # type: ignore[no-untyped-def]
    answer = ask("クラスで暴力をふるう生徒がいて困っています")
    assert answer.intent is Intent.FIND_SERVICE
    assert "national-189" not in [c.resource.id for c in answer.cards]


def test_parents_dv_finds_the_childs_centre_and_says_each_need_once(ask) -> None:  # type: ignore[no-untyped-def]
    answer = ask("保護者がDVを受けているみたい")
    assert answer.intent is Intent.FIND_SERVICE
    assert names(answer)[0] == "子ども家庭支援センター"
    header = render_text(ask("万引きを繰り返す子がいて")).splitlines()[0]
    assert header.count("問題行動") == 1


def test_gaming_all_night_goes_to_education_counselling(ask) -> None:  # type: ignore[no-untyped-def]
    answer = ask("ゲームばかりして昼夜逆転している中学生")
    assert answer.intent is Intent.FIND_SERVICE
    assert "教育支援センター" in names(answer)[:3]


def test_asking_late_at_night_what_answers_now_lists_only_lines_open_now(ask) -> None:  # type: ignore[no-untyped-def]
    answer = ask("夜でも相談できる窓口", now="2026-11-24 22:30")
    assert answer.intent is Intent.OPENING_HOURS
    assert "national-kodomo-sos" in [c.resource.id for c in answer.cards]
    assert all(c.status.open_now for c in answer.cards)
    text = render_text(answer)
    assert text.startswith("武蔵野市で今（11/24(火) 22:30）つながる窓口です。")
    assert "0120-0-78310" in text and "24時間）" in text and "0:00まで" not in text


def test_asking_in_the_morning_what_answers_at_night_lists_the_lines_open_tonight(ask) -> None:  # type: ignore[no-untyped-def]
    answer = ask("夜でも相談できる窓口", now="2026-11-24 10:00")
    assert answer.intent is Intent.OPENING_HOURS and answer.cards
    assert render_text(answer).startswith("武蔵野市で11/24(火) 21:00につながる窓口です。")
    assert "保健センター（健康課）" not in names(answer)  # open now, closed by 21:00
    assert "national-kodomo-sos" in [c.resource.id for c in answer.cards]
    sunday = ask("日曜の夜に相談できるところ", now="2026-11-24 10:00")
    assert render_text(sunday).startswith("武蔵野市で11/29(日) 21:00につながる窓口です。")
    assert "子ども家庭支援センター" not in names(sunday)  # its line is closed on Sundays


def test_a_friends_kick_goes_to_education_counselling_not_189(ask) -> None:  # type: ignore[no-untyped-def]
    answer = ask("友達に蹴られたって泣いて保健室に来た子がいる。相談先は？")
    assert answer.intent is Intent.FIND_SERVICE
    assert names(answer)[0] == "教育支援センター"


def test_a_parent_raging_drunk_at_home_gets_the_lines_and_the_childs_centre(ask) -> None:  # type: ignore[no-untyped-def]
    # recall first: a drunk parent rampaging where the child lives is danger now
    answer = ask("保護者がお酒を飲んで暴れるらしい")
    assert answer.intent is Intent.EMERGENCY
    assert "子ども家庭支援センター" in names(answer)


def test_a_graduate_past_18_is_pointed_to_the_place_for_young_people(ask) -> None:  # type: ignore[no-untyped-def]
    assert names(ask("18歳を過ぎた卒業生の相談はどこにつなぐ？"))[0].startswith("みらいる")


def test_an_hours_question_about_a_need_no_window_serves_is_not_a_list_of_open_windows(ask) -> None:  # type: ignore[no-untyped-def]
    answer = ask("フリースクールは何時まで？", municipality="大阪市西区")
    assert not answer.asks_what_is_open
    assert all(Reason(Why.OPEN_NOW) not in c.reasons for c in answer.cards)


def test_asking_in_office_hours_what_answers_now_puts_the_general_window_first(ask) -> None:  # type: ignore[no-untyped-def]
    answer = ask("今開いてる窓口は？", now="2026-11-24 10:30")
    assert names(answer)[0] == "子ども家庭支援センター"
    assert all(c.status.open_now for c in answer.cards)


def test_signs_of_neglect_a_teacher_notices_go_to_the_childs_centre(ask) -> None:  # type: ignore[no-untyped-def]
    for question in (
        "家が散らかっていて衛生状態が悪い",
        "いつも同じ服で、お風呂に入っていないみたい",
    ):
        answer = ask(question)
        assert answer.intent is Intent.FIND_SERVICE
        assert "子ども家庭支援センター" in names(answer)[:2], question
        assert "189" in render_text(answer)  # the last line still names 189 and 110
    # a parent shouting at the child, heard again and again, is psychological abuse: 189
    shouting = ask("保護者が子どもを怒鳴っているのをよく聞くと近所の人から")
    assert shouting.intent is Intent.EMERGENCY
    assert "子ども家庭支援センター" in names(shouting)


def test_asking_where_to_call_on_sunday_lists_the_windows_open_that_sunday(ask) -> None:  # type: ignore[no-untyped-def]
    answer = ask("日曜日に相談できるところ", now="2026-11-24 10:00")
    assert answer.intent is Intent.OPENING_HOURS and answer.cards
    assert render_text(answer).startswith("武蔵野市で11/29(日)に開いている窓口です。")
    assert "子ども家庭支援センター" not in names(answer)  # its lines are closed on Sundays
    for card in answer.cards:
        assert card.asked_day is not None and card.asked_day[1], card.resource.name


def test_the_line_named_for_the_askers_need_comes_first(ask) -> None:  # type: ignore[no-untyped-def]
    answer = ask("ひとり親の相談はどこに電話すればいい？")
    assert answer.intent is Intent.CONTACT
    assert answer.cards[0].phones[0].phone.number == "0422-60-1850"


def test_problem_behaviour_at_school_goes_to_the_school_office_before_the_police(ask) -> None:  # type: ignore[no-untyped-def]
    answer = ask("学校での問題行動", municipality="国分寺市")
    assert names(answer)[0] == "国分寺市教育委員会 学校指導課"
    assert (
        names(ask("中学生が万引きで補導された", municipality="国分寺市"))[0] == "立川少年センター"
    )


def test_staff_who_type_window_names_in_romaji_find_them(ask) -> None:  # type: ignore[no-untyped-def]
    assert names(ask("Is Harappa open today?"))[0] == "0123はらっぱ"
    assert names(ask("Is Sakurazutsumi Jidokan open now?"))[0] == "桜堤児童館"
    kunisapo = ask("Kunisapo's telephone please", municipality="国立市")
    assert kunisapo.intent is Intent.CONTACT
    assert names(kunisapo)[0] == "くにたち子育てサポート窓口（くにサポ）"


def test_english_questions_from_assistant_language_teachers(ask) -> None:  # type: ignore[no-untyped-def]
    assert ask("My student has burn marks on his arm").intent is Intent.EMERGENCY
    assert ask("Student self-harming, what should I do").intent is Intent.EMERGENCY
    truancy = ask("Who handles truancy?")
    assert truancy.intent is Intent.FIND_SERVICE and "教育支援センター" in names(truancy)
    # no food at home is neglect: 189, then the child's centre
    no_food = ask("Kid says there's no food at home")
    assert no_food.intent is Intent.EMERGENCY and "子ども家庭支援センター" in names(no_food)


def test_asking_where_such_places_are_finds_them_instead_of_asking_which_one(ask) -> None:  # type: ignore[no-untyped-def]
    answer = ask("不登校の子が通える場所はどこにある？")
    assert answer.intent is Intent.FIND_SERVICE and not answer.clarify
    assert "チャレンジルーム" in names(answer)


def test_a_child_who_has_not_come_home_since_yesterday_is_an_emergency(ask) -> None:  # type: ignore[no-untyped-def]
    answer = ask(
        "昨日から家に帰ってない子がいるみたいで、保護者とも連絡つかへん", municipality="大阪市西区"
    )
    assert answer.intent is Intent.EMERGENCY
    assert answer.cards[0].resource.id == "national-110"
    assert ask("親が帰ってこない日が多いらしい").intent is not Intent.EMERGENCY


def test_another_citys_window_named_by_kind_gives_way_to_the_askers_own(ask) -> None:  # type: ignore[no-untyped-def]
    # 児相 is an alias of 国分寺市's 小平児童相談所; a 武蔵野市 teacher reporting abuse needs 189
    answer = ask("児相に通告したいけど番号は？")
    assert "小平児童相談所" not in names(answer)
    assert answer.cards[0].resource.id == "national-189"
    # SC is also 大阪市西区's; a 武蔵野市 teacher gets 武蔵野市's own school counsellors
    counsellors = ask("SCに相談したい")
    assert counsellors.cards[0].resource.municipality_id == "musashino"
    assert "学校派遣相談員" in names(counsellors)


def test_a_child_cooking_for_a_depressed_mother_is_a_young_carer(ask) -> None:  # type: ignore[no-untyped-def]
    answer = ask("母親がうつで寝込んでいて、子どもがご飯を作っている")
    assert "ヤングケアラー" in answer.understanding.needs
    assert "子ども家庭支援センター" in names(answer)[:2]


def test_speech_and_selective_mutism_go_to_development_services(ask) -> None:  # type: ignore[no-untyped-def]
    assert names(ask("吃音の相談はどこ？"))[0] == "児童発達支援センター 相談部ハビット"
    assert ask("場面緘黙の子の相談先").intent is Intent.FIND_SERVICE


def test_a_date_written_out_is_the_day_asked_about(ask) -> None:  # type: ignore[no-untyped-def]
    harappa = ask("12月30日ってはらっぱやってる？", now="2026-11-24 10:00")
    assert harappa.intent is Intent.OPENING_HOURS
    assert "12/30(水)は休み" in render_text(harappa)  # 年末年始
    next_year = ask("はらっぱ 1/4 はあいてる？", now="2026-12-28 10:00")
    assert "1/4(月)は 9:00-16:00" in render_text(next_year)
    listed = render_text(ask("12/29に相談できるところ", now="2026-11-24 10:00"))
    assert listed.startswith("武蔵野市で12/29(火)に開いている窓口です。")
    assert "12/29(火)は 24時間" in listed


def test_asking_about_an_hour_or_a_weekday_off_is_an_hours_question(ask) -> None:  # type: ignore[no-untyped-def]
    for question in (
        "はらっぱに3時に行っても大丈夫？",
        "保健センターは何曜日が休み？",
        "親子ひろば 年末は何日まで？",
    ):
        assert (
            ask(question, municipality="国分寺市" if "親子" in question else None).intent
            is Intent.OPENING_HOURS
        ), question


def test_an_overdose_puts_119_first_then_the_sos_line(ask) -> None:  # type: ignore[no-untyped-def]
    for question in ("生徒がオーバードーズしたらしい", "市販薬をたくさん飲んだと言っている中学生"):
        answer = ask(question)
        assert [c.resource.id for c in answer.cards[:2]] == [
            "national-119",
            "national-kodomo-sos",
        ], question


def test_a_child_left_alone_for_days_gets_189_and_the_childs_centre(ask) -> None:  # type: ignore[no-untyped-def]
    answer = ask("親が子どもを置いて何日も帰ってこない")
    assert answer.intent is Intent.EMERGENCY
    assert {"national-189", "musashino-kodomo-katei-shien-center"} <= {
        c.resource.id for c in answer.cards
    }
    assert ask("お母さんにぶたれたって").intent is Intent.EMERGENCY


@pytest.mark.parametrize(
    "question",
    [
        # a small child's fever told as not urgent, in Japanese and in English
        "1歳の孫が37度台の熱。元気はある。どこに相談できる？",
        "where can I ask a nurse about my toddler's health?",
    ],
)
def test_a_small_childs_health_asked_calmly_goes_to_the_health_centre(ask, question: str) -> None:  # type: ignore[no-untyped-def]
    answer = ask(question)
    assert answer.intent is Intent.FIND_SERVICE
    assert names(answer)[0] == "保健センター（健康課）"


def test_an_english_name_typed_with_a_letter_slipped_is_still_that_window(ask) -> None:  # type: ignore[no-untyped-def]
    answer = ask("Our new ALT needs to call the educaton support center today, which number?")
    assert names(answer)[0] == "教育支援センター"
    # … while a short name is never read into another word
    assert "警察（110番）" not in names(ask("Is there a polite way to ask parents about this?"))


def test_a_line_children_can_call_at_any_hour_is_the_sos_dial(ask) -> None:  # type: ignore[no-untyped-def]
    assert names(ask("子どもが24時間かけられる電話の番号を教えて"))[0] == "24時間子供SOSダイヤル"


def test_the_number_of_an_emergency_line_asked_alone_is_that_line(ask) -> None:  # type: ignore[no-untyped-def]
    # a 110 or 119 line kept for emergencies is a window of its own when only its number is
    # asked; a number, not a place, so no address line
    answer = ask("英語の授業のスライドに載せたい。救急車って何番？")
    assert answer.intent is Intent.CONTACT
    assert answer.cards[0].resource.id == "national-119"
    assert "住所" not in render_text(answer)
    # beside a window asked for, it is the story
    answer = ask("去年110番したことがある家庭。子家センの番号は？")
    assert answer.cards[0].resource.id == "musashino-kodomo-katei-shien-center"
    # asked what it is for, it is the card too
    answer = ask("避難訓練の前に、救急車はどういうときに呼ぶのか確認したい")
    assert answer.intent is Intent.FIND_SERVICE
    assert [card.resource.id for card in answer.cards] == ["national-119"]


def test_asked_for_a_place_whose_address_is_not_known_the_answer_says_so(ask) -> None:  # type: ignore[no-untyped-def]
    text = render_text(ask("チャレンジルームって何時まで？場所はどこ？"))
    assert "住所: 登録されていません" in text


def test_a_family_whose_breadwinner_lost_work_goes_to_the_welfare_office(ask) -> None:  # type: ignore[no-untyped-def]
    answer = ask("父親が失業して家計が苦しいらしく、子どもが修学旅行に行けないかもと言っている")
    assert answer.intent is Intent.FIND_SERVICE
    assert names(answer)[0] == "生活福祉課"


def test_a_child_afraid_to_be_at_home_is_an_emergency(ask) -> None:  # type: ignore[no-untyped-def]
    assert ask("兄が暴力的で家にいるのが怖いと妹が話している").intent is Intent.EMERGENCY


def test_a_child_who_stopped_coming_after_the_holidays_is_a_school_refusal_case(ask) -> None:  # type: ignore[no-untyped-def]
    answer = ask("夏休み明けから学校に来なくなった中1の女子")
    assert "不登校" in answer.understanding.needs
    assert "教育支援センター" in names(answer)


def test_a_found_window_says_whom_it_serves(ask) -> None:  # type: ignore[no-untyped-def]
    text = render_text(ask("不登校の相談はどこ？"))
    assert "対象: 小学生・中学生" in text  # チャレンジルーム
    assert "対象: 中学生" in text  # むさしのクレスコーレ


def test_a_phone_number_asked_about_finds_its_window(ask) -> None:  # type: ignore[no-untyped-def]
    for written in ("0422-56-3210", "０４２２－５６－３２１０"):
        answer = ask(f"{written}って、どこの窓口の番号だっけ")
        assert answer.intent is Intent.CONTACT
        assert names(answer)[0] == "0123はらっぱ", written


def test_a_bare_0123_fits_two_windows_and_the_answer_asks_which(ask) -> None:  # type: ignore[no-untyped-def]
    answer = ask("0123は明日あいてますか")  # は is a particle here, not はらっぱ
    assert set(answer.clarify) == {"0123はらっぱ", "0123吉祥寺"}
    assert ask("吉祥寺の0123は明日あいてますか").clarify == ()


def test_two_named_windows_asked_for_today_put_the_open_one_first(ask) -> None:  # type: ignore[no-untyped-def]
    for question in (
        "はらっぱと0123吉祥寺、今日あいてるのはどっち",
        "0123吉祥寺とはらっぱ、今日あいてるのはどっち",
    ):
        answer = ask(question, now="2026-11-27 10:00")  # a Friday: はらっぱ is closed
        assert names(answer)[:2] == ["0123吉祥寺", "0123はらっぱ"], question
        assert answer.cards[0].status.open_now is True


@pytest.mark.parametrize(
    ("now", "open_now"),
    [
        ("2026-11-28 10:00", False),
        ("2026-11-24 17:15", False),
        ("2026-11-24 21:30", False),
        ("2026-11-24 10:00", True),
    ],
)
def test_the_single_parent_line_named_in_full_gets_its_own_hours(
    ask, now: str, open_now: bool
) -> None:  # type: ignore[no-untyped-def]
    # 月–金 8:30–17:00, not the 相談専用電話's 8:30–22:00 every day but Sunday
    answer = ask("子ども家庭支援センターの子育て・ひとり親相談電話 今つながる？", now=now)
    assert answer.cards[0].status.open_now is open_now
    assert "子育て・ひとり親相談電話: 今" in render_text(answer)


CITIES = ["武蔵野市", "国立市", "国分寺市", "大阪市西区"]


@pytest.mark.parametrize("city", CITIES)
@pytest.mark.parametrize(
    "word",
    [
        "児童相談所",
        "児相",
        "警察",
        "警察署",
        "保健所",
        "社協",
        "生活福祉課",
        "SC",
        "スクールカウンセラー",
    ],
)
@pytest.mark.parametrize("question", ["{}の電話番号は？", "{}に相談したい"])
def test_a_generic_window_word_never_gives_another_citys_window_as_the_askers(
    engine, city: str, word: str, question: str
) -> None:  # type: ignore[no-untyped-def]
    answer = engine.answer(question.format(word), at("2026-11-24 10:00"), city)
    own = engine.municipality(city).id
    for card in answer.cards:
        assert card.resource.municipality_id in (own, "national"), (city, word, card.resource.name)
    text = render_text(answer)
    if not any(c.resource.municipality_id == own for c in answer.cards):
        # no window of the asker's city: either a national line the word itself names
        # (警察 is an alias of 110), or the sentence that the city has none registered
        named_line = any(reasons.NAMED in c.reasons for c in answer.cards)
        assert named_line or "登録されていません" in text, (city, word, text)


def test_a_city_without_a_child_guidance_centre_gets_189_and_says_so(ask) -> None:  # type: ignore[no-untyped-def]
    answer = ask("児相の電話番号は？", municipality="武蔵野市")
    assert [c.resource.id for c in answer.cards] == ["national-189"]
    assert "「児相」は武蔵野市の窓口としてはディレクトリに登録されていません" in render_text(answer)
    assert names(ask("児相の電話番号は？", municipality="国分寺市"))[0] == "小平児童相談所"


def test_a_town_named_finds_the_window_whose_address_is_in_it(ask) -> None:  # type: ignore[no-untyped-def]
    assert names(ask("八幡町にある窓口を教えて"))[0] == "0123はらっぱ"
    # a need named beside a town is still answered by the need
    assert "児童発達支援センター 相談部ハビット" not in names(ask("緑町の子育てひろば"))[:1]


def test_two_lines_named_alike_each_get_their_own_hours(ask) -> None:  # type: ignore[no-untyped-def]
    answer = ask(
        "子ども家庭支援センターの子育て・ひとり親相談電話と相談専用電話、今どっちがつながる？",
        now="2026-11-28 10:00",
    )
    text = render_text(answer)
    assert "子育て・ひとり親相談電話: 今 *つながりません*" in text  # 月–金 only
    assert "相談専用電話: 今 *つながります*" in text  # Saturdays too


def test_a_question_about_a_childs_health_goes_to_the_health_centre(ask) -> None:  # type: ignore[no-untyped-def]
    assert names(ask("子どもの健康について保護者が相談できるところ"))[0] == "保健センター（健康課）"
    kokubunji = ask("子どもの病気や体のことの相談先", municipality="国分寺市")
    assert names(kokubunji)[0] == "健康推進課（いずみ保健センター）"


def test_an_ambulance_in_the_story_is_not_a_question_about_119s_hours(ask) -> None:  # type: ignore[no-untyped-def]
    answer = ask("昨日その子の父親が救急車で運ばれて、今日は弟の世話で休んでいる。どこに相談を")
    assert answer.intent is Intent.FIND_SERVICE


def test_after_school_care_for_working_parents_is_the_gakudo(ask) -> None:  # type: ignore[no-untyped-def]
    answer = ask(
        "母親が夜まで働いていて、放課後に預かってくれる場所がほしい", municipality="国立市"
    )
    assert names(answer)[0] == "学童保育所"


def test_a_police_station_named_as_staff_shorten_it(ask) -> None:  # type: ignore[no-untyped-def]
    answer = ask("防犯教室の件で小金井署に電話したい", municipality="国分寺市")
    assert names(answer)[0] == "小金井警察署"


def test_the_number_asked_is_of_the_window_named_last_not_of_the_story_before_it(ask) -> None:  # type: ignore[no-untyped-def]
    answer = ask("去年児相に通告した家庭のことで、子ども家庭支援センターの電話番号を知りたい")
    assert answer.intent is Intent.CONTACT
    assert names(answer)[0] == "子ども家庭支援センター"


@pytest.mark.parametrize(
    ("question", "window"),
    [
        # the window named just before the number asked, not the SSW of the reason after it
        (
            "教育相談室の電話番号が知りたいです。SSWさんのことで確認したいので",
            "国分寺市教育委員会 教育相談室",
        ),
        # a window named in parentheses is an aside on the one asked
        (
            "教育相談室（SSWさんが水曜にいるところ）の電話、教えてください",
            "国分寺市教育委員会 教育相談室",
        ),
        # the window named after the English word
        (
            "what's the phone number of the kyouiku soudanshitsu? the SSW works from there i think",
            "国分寺市教育委員会 教育相談室",
        ),
        # the social worker, in English, is the SSW
        (
            "what's the number for the social worker who visits our school?",
            "スクールソーシャルワーカー（SSW）",
        ),
    ],
)
def test_the_number_asked_in_kokubunji_is_of_the_window_meant(
    ask, question: str, window: str
) -> None:  # type: ignore[no-untyped-def]
    answer = ask(question, municipality="国分寺市")
    assert answer.intent is Intent.CONTACT
    assert names(answer)[0] == window


def test_the_day_a_window_is_staffed_is_told_when_its_hours_are_not_registered(ask) -> None:  # type: ignore[no-untyped-def]
    answer = ask("国分寺の教育相談室、SSWさんは何曜日なら会えますか", municipality="国分寺市")
    assert answer.intent is Intent.OPENING_HOURS
    assert "原則水曜日" in render_text(answer)


def test_a_line_a_child_can_ring_alone_is_the_sos_dial(ask) -> None:  # type: ignore[no-untyped-def]
    answer = ask("学年だよりに、子どもが自分でかけられる電話相談を一つ載せたい")
    assert names(answer)[0] == "24時間子供SOSダイヤル"


def test_another_citys_window_asked_about_by_its_full_name_is_the_one_answered(ask) -> None:  # type: ignore[no-untyped-def]
    # a 国立 worker asks for a family visiting 吉祥寺: that city's window, not 国立's ひろば
    answer = ask("週末吉祥寺に行く親子がいて、0123吉祥寺って土曜あいてる？", municipality="国立市")
    assert answer.intent is Intent.OPENING_HOURS
    assert names(answer)[0] == "0123吉祥寺"


def test_the_police_named_in_kana_is_no_other_citys_station(ask) -> None:  # type: ignore[no-untyped-def]
    answer = ask(
        "けいさつに いうほどじゃないけど こまってる おやの そうだん どこ", municipality="大阪市西区"
    )
    assert "小金井警察署" not in names(answer)


def test_words_of_dying_in_training_material_ask_for_the_sos_line_not_a_call(ask) -> None:  # type: ignore[no-untyped-def]
    # a training handout about a child's 「死にたい」: no emergency, but the windows of
    # suicide prevention, which the handout is about
    answer = ask("校内研修の資料で、生徒が『死にたい』と打ち明けたときにつなぐ先を一覧にしたい")
    assert answer.intent is Intent.FIND_SERVICE
    assert "24時間子供SOSダイヤル" in names(answer)


@pytest.mark.parametrize(
    ("question", "window"),
    [
        # an expectant mother: 国立市's 母子保健 is in 子育て支援課
        ("妊娠中のお母さんが体のことで不安がっている。保健師さんに話せる所は？", "子育て支援課"),
        # a day service for a disabled child is 放デイ: the disability window
        (
            "障害のある子が放課後に通えるデイサービスを使いたい。申請はどこで？",
            "しょうがいしゃ支援課",
        ),
        # pupils meeting students from abroad: 国立市's グローバルカフェ
        ("中学生が留学生と英語で話せるような事業、市でやってる？", "グローバルカフェ事業"),
        # a parent's English about a toddler with no words yet: the development windows
        (
            "A parent asked: my daughter is 2 and has no words yet. Where can we consult?",
            "子育て支援課",
        ),
        # the 学童 named as when the day ends asks no 学童: the kind asked for, a 児童館
        (
            "がくどうのあと ゆうがたまで あそべる じどうかんって ちかくに ある？",
            "矢川児童館（くにたち未来共創拠点 矢川プラス内）",
        ),
        # a place to play, typed とこ before a kanji (近所)
        ("小学生が遊べるとこ近所にある？", "矢川児童館（くにたち未来共創拠点 矢川プラス内）"),
        # the certificate not yet given: its application
        ("受給者証がまだない家庭がいる、どこで手続きするか教えて", "子育て支援課"),
        # the care named (胃ろう) is 医療的ケア
        ("胃ろうの子の受け入れについて、市で相談にのってくれる課は？", "保育幼児教育推進課"),
        ("痰の吸引が要る子の受け入れ、市のどこに相談？", "保育幼児教育推進課"),
        # … asked in English
        (
            "A family asks where to go in the city: their 3-year-old needs tube feeding and they hope for a daycare spot",
            "保育幼児教育推進課",
        ),
        # the law's words for a child out of school: a place to learn secured
        ("家にいる時間が長い中1に、学習機会の確保先を紹介したい", "教育指導支援課"),
        # a child doing the family's care: a young carer
        (
            "お母さんが寝たきりで、妹の保育園の送迎を中1の子が毎日している。どこと連携すれば",
            "子ども家庭支援センター",
        ),
    ],
)
def test_needs_find_their_window_in_kunitachi(ask, question: str, window: str) -> None:  # type: ignore[no-untyped-def]
    assert window in names(ask(question, municipality="国立市"))[:3]


def test_bullying_told_by_where_the_child_goes_after_school_asks_for_bullying_windows(ask) -> None:  # type: ignore[no-untyped-def]
    # things hidden and dropped from a group chat are bullying; the 児童館 the child goes to
    # is where it was noticed, not a window asked for
    answer = ask("児童館に通ってる小5、クラスで筆箱を隠されたりグループLINEから外されたりしてる")
    assert "教育支援センター" in names(answer)[:3]
    assert "桜堤児童館" not in names(answer)


def test_a_line_named_as_another_windows_is_the_line_asked(ask) -> None:  # type: ignore[no-untyped-def]
    # 「児童相談所の189番」: the 児童相談所 says whose line it is; the line is asked
    answer = ask(
        "学年だよりに載せる前に確認。児童相談所の虐待対応ダイヤルは夜中でも受け付けてる？",
        municipality="国分寺市",
    )
    assert answer.cards[0].resource.id == "national-189"
