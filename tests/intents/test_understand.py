"""Intent and slots from raw Slack text."""

from __future__ import annotations

import pytest

from answers.engine import AnswerEngine
from intents.danger import Danger
from intents.normalize import read
from intents.understand import Intent, Understander
from tests.conftest import at


@pytest.mark.parametrize(
    ("text", "intent"),
    [
        ("不登校の相談はどこ？", Intent.FIND_SERVICE),
        ("はらっぱって今日は開いてますか？", Intent.OPENING_HOURS),
        ("教育支援センターの番号を教えて", Intent.CONTACT),
        ("SSWに家庭訪問をお願いしたいです", Intent.CONSULT_REQUEST),
        ("SSWってどこの所属？", Intent.FIND_SERVICE),
        ("使い方おしえて", Intent.HELP),
        ("今日の天気どう？", Intent.UNKNOWN),
        ("給食の牛乳が余ったらどうする？", Intent.UNKNOWN),
        ("<@U0BOT> 子家センではどんな支援をしてもらえますか", Intent.FIND_SERVICE),
        ("勤労感謝の日って保健センター休み？", Intent.OPENING_HOURS),
        # New Year's Eve and "at this hour" next to a line ask whether it answers then
        ("大晦日の夜中に子供SOSダイヤルってつながるんやろか", Intent.OPENING_HOURS),
        ("こんな時間でも189って本当にかけていいの？", Intent.OPENING_HOURS),
        ("休みがちな子の相談先", Intent.FIND_SERVICE),
        ("夜ごはんを食べていないことが多いみたい", Intent.FIND_SERVICE),  # a habit: the centre
        ("今からでも相談できるところ", Intent.OPENING_HOURS),
        ("who handles young carers?", Intent.FIND_SERVICE),
        ("何を聞けばいいの？", Intent.HELP),
        ("こかせんのでんわばんごう", Intent.CONTACT),
        ("ヤンケアかも", Intent.FIND_SERVICE),
        ("親と連絡つかない", Intent.FIND_SERVICE),
        ("こんにちは", Intent.HELP),
        ("こんにちは、不登校の相談はどこ？", Intent.FIND_SERVICE),
        ("family can't afford school lunch", Intent.FIND_SERVICE),
        ("where can I find a kids cafeteria", Intent.FIND_SERVICE),
        # said politely: ございます is ある, the honorific お/ご does not break a phrase
        ("桜堤児童館はどちらにございますか", Intent.CONTACT),
        ("madoguchiにはどんなことをお尋ねすればよいですか", Intent.HELP),
        ("このbot、何を聞けばいいんだろう", Intent.HELP),
        # a kana hedge (どのような's よう) is no word of a need (酔う): asked politely, help
        ("はじめてです。どのようなことを尋ねられるのか、使い方を教えていただけますか", Intent.HELP),
        # the SSW's name read as one word in a long sentence is still the SSW
        (
            "5年の女の子が9月から遅刻ばかりで、保護者とも連絡が取りにくいです。"
            "スクールソーシャルワーカーさんに入っていただきたいです",
            Intent.CONSULT_REQUEST,
        ),
        # working together with the SSW (つながって) asks no hours
        (
            "生活保護の世帯の子、SSWとつながって支援したい。依頼はここから出せますか",
            Intent.CONSULT_REQUEST,
        ),
        # the day the SSW is at a window: hours, though a consult is wished
        (
            "SSWさんにご相談したいのですが、相談室にいらっしゃるのは何曜日ですか",
            Intent.OPENING_HOURS,
        ),
        # the SSW named in kana, as staff on a phone type it
        ("えすえすだぶりゅーさんに そうだん あげたい 3ねんの こ", Intent.CONSULT_REQUEST),
        ("すくーるそーしゃるわーかーさんに きてほしい 4ねんの こ", Intent.CONSULT_REQUEST),
        # Kansai おるん？ asks where (いるの？): no negation, no child missing
        ("西区の教育相談のひと、どこにおるん？電話番号おしえて", Intent.CONTACT),
        # what a city ran (やってた) asks no hours
        ("前に市が保護者向けの講座をやってたと聞いた。子育ての相談先は？", Intent.FIND_SERVICE),
        ("what kind of things can I ask here?", Intent.HELP),
        # どのように asks how to ask, not what a window is
        (
            "SSWの先生に相談をお願いしたいのですが、どのようにすればよいですか",
            Intent.CONSULT_REQUEST,
        ),
        # a day told, not asked: a past clause, or a sentence stated with a verb (_day_told)
        ("今日は雨でずっと室内遊びでした〜 ところで学童の申込はどこ？", Intent.FIND_SERVICE),
        (
            "今日はうちのクラスの子が元気に来てます！で、その件どこに言えばいい？",
            Intent.FIND_SERVICE,
        ),
        # … but a past asked to be reminded, or a note with no verb, still asks the day
        ("明日ってはらっぱ休みの日でしたっけ？", Intent.OPENING_HOURS),
        ("はらっぱ。明日土曜。開所？", Intent.OPENING_HOURS),
        # a place word and its particle before an hours word: who runs it, where it is held
        ("ステップノートってどこがやってるの？", Intent.FIND_SERVICE),
        ("学習支援教室は、市内のどこでやっているか教えていただけますか。", Intent.FIND_SERVICE),
        # the main line asked for
        ("子家センの代表電話おしえて", Intent.CONTACT),
        # きのう in kana is yesterday, not the bot's 機能
        ("きのうの運動会すごかったな", Intent.UNKNOWN),
        # an SSW introducing themself asks for a window, not for an SSW
        (
            "4月から武蔵野市に着任したSSWです。不登校の子の居場所で相談できるところはどこですか",
            Intent.FIND_SERVICE,
        ),
        # whether a window takes calls now (現在対応可？) is its hours
        ("教育支援センター、今対応できる？", Intent.OPENING_HOURS),
        # 開く with an object holds something (a meeting), it is no window open
        ("ケース会議を開いてほしいのですが、どこに頼めばいいですか", Intent.FIND_SERVICE),
        # a case in hand now (現在対応中) asks no hours
        (
            "現在対応中の案件はありませんが、189はどこにつながるのか教えてください",
            Intent.FIND_SERVICE,
        ),
        # how to get in touch is contact; where to get in touch is a window to find
        ("こかせん って どうやって れんらく とれば いいの", Intent.CONTACT),
        ("夜泣きがひどくて悩んでいる母親、どこに連絡すればいい？", Intent.FIND_SERVICE),
        ("what kind of stuff does this thing answer?", Intent.HELP),
        # registering a consult is filing one
        ("相談登録したいです。4年女子、母子家庭で最近欠席が増えている", Intent.CONSULT_REQUEST),
    ],
)
def test_intents(engine: AnswerEngine, text: str, intent: Intent) -> None:
    assert engine.understander.understand(text).intent is intent


@pytest.mark.parametrize(
    ("text", "danger"),
    [
        ("腕にあざがあって家に帰りたくないと言っています", {Danger.ABUSE}),
        ("いま校門の前で父親が子どもを殴ってる", {Danger.IMMEDIATE}),
        ("『死にたい』って言ってきた", {Danger.SUICIDE}),
        ("ほうかご ちちおやに なぐられるから いえにかえりたくないって", {Danger.ABUSE}),
        ("he has bruises and is scared to go home", {Danger.ABUSE}),
        ("he doesn't want to go home tonight", {Danger.ABUSE}),
        ("家で義父に体を触られていると打ち明けられました", {Danger.ABUSE}),
        ("保護者が刃物を持って学校に来てる", {Danger.IMMEDIATE}),
        ("おなかをけられたと言っていた", {Danger.ABUSE}),
        ("昨日の夜は家に入れてもらえなかったと朝言っていた", {Danger.ABUSE}),
        ("My student says he wants to die", {Danger.SUICIDE}),
        ("A student told me her stepfather touches her", {Danger.ABUSE}),
        ("父親が暴力をふるうと子どもが言っている、今日帰すのが心配", {Danger.ABUSE}),
        # a hedge or a word of time inside a sign does not hide it
        ("背中にアイロンみたいな跡がある", {Danger.ABUSE}),
        ("体重が今月ずいぶん減った二年生", {Danger.ABUSE}),
        # Western Japan たくない, and a child's words in kana (ママ, 彼氏 without kanji)
        ("家に帰りとうないって泣いとる", {Danger.ABUSE}),
        ("ままの かれしに たたかれた", {Danger.ABUSE}),
        # a child being lured away right now, whoever the adult is
        ("いま下校中の子に送ってあげると言う男の人がいる", {Danger.IMMEDIATE}),
        # ないしょ in kana is a secret, not a negation of the verb before it
        ("おじさんが ないしょだよって からだを さわってくる", {Danger.ABUSE}),
        # extortion under way is 110, whoever the older children are
        ("今、公園で上級生に囲まれてお金を取られているらしい", {Danger.IMMEDIATE}),
        # staff dealing with it now is not "handled" (対応 alone said nothing of the kind)
        ("刃物を持った保護者が来ていて、今教頭が対応しています", {Danger.IMMEDIATE}),
        ("お迎え待ちの子が園からいなくなった", {Danger.IMMEDIATE}),
        # a long, polite report: its one telling sentence votes alone
        (
            "お世話になっております。地域で子ども会の世話役をしている者です。近所のお宅のことで"
            "気になることがあります。夜になると小さい子が玄関の外で裸足のまま震えて立っています。"
            "どなたに伝えればよいでしょうか。",
            {Danger.ABUSE},
        ),
        # 「…したら」 asks what to do: it is no 「連絡した」 (handled)
        ("腕にたばこを押しつけたような跡が三つ。どこに連絡したらいいですか", {Danger.ABUSE}),
        # Kansai: 帰ってへんらしい is 帰っていないらしい
        ("4年の子、きのうから家に帰ってへんらしいねん", {Danger.IMMEDIATE}),
        # a wound dressed by the school nurse is still a sign to report (treated is not handled)
        ("背中に線状のあざ、保健室で手当てをしました。ベルトでやられたと本人", {Danger.ABUSE}),
        # 声かけ: a man in a car talking to a pupil on her way home, now
        ("校門の先で車の男が下校中の3年生に話しかけている、いまです", {Danger.IMMEDIATE}),
        # the home will not let the visitor see the baby (no safety check)
        ("保健師が何度行っても赤ちゃんに会わせてもらえない家庭", {Danger.ABUSE}),
        ("he fell off the slide and hit his head, lots of blood", {Danger.INJURY}),
        # a kanji count (ひと箱, 二錠) does not break a phrase
        ("小5が頭痛薬をひと箱全部飲んだと言ってぐったりしている", {Danger.INJURY}),
        (
            "a girl in 4th grade has red marks on her legs, she says mom uses her belt",
            {Danger.ABUSE},
        ),
        # Japanese typed in romaji by staff without a Japanese keyboard
        ("student message: ima kouen de shiranai otoko ni oikakerareteru", {Danger.IMMEDIATE}),
    ],
)
def test_danger_signals_are_found_in_any_script(
    engine: AnswerEngine, text: str, danger: set[Danger]
) -> None:
    understanding = engine.understander.understand(text)
    assert understanding.intent is Intent.EMERGENCY
    assert danger <= set(understanding.danger)


@pytest.mark.parametrize(
    "text",
    [
        "生活が苦しい家庭を区の支援につなぎたいんやけど",  # Kansai 〜んやけど is not a burn
        "先月あざがあった子、子家センには連絡済みで今は落ち着いてる",  # already reported and calm
        "虐待の通告って学校からはどこにするのが正解？",  # a procedure question
        "he wants to go home early",
        "あざみ野のほうに引っ越した子",  # a place name, not a bruise
        "性的マイノリティで悩んでいる生徒",  # not sexual abuse
        "教室で暴れて手がつけられない小2",  # つけられない is not a kick
        "支援を受けられない家庭",
        "クラスのみんなにあざ笑われたと泣いていた",  # ridicule, not a bruise
        "友達に蹴られたって泣いて保健室に来た",  # a peer's kick is violence among pupils
        "休み時間に同級生から殴られた",
        "友だちに足をけられたと言っている",
        "クラスメイトに暴力を振るわれているらしい",
        "家出を繰り返している中学生",  # not out of the home right now
        # a trend in a class, for the windows that take it, not one child's emergency
        "朝食を抜いてくる生徒が数人いて、学年で共有したい",
        # a joking quote in a calm question does not vote alone
        "練習のあと部員が「腹へって死ぬ〜」って笑ってた。近くで安く食べられる子ども食堂を知りたい。",
        # Kansai おんねん is いるんだ: the child is there, not missing
        "気になる子がおんねんけど、どこに相談したらええ？",
        # not wanting to go home *yet*, to play on, is no fear of home
        "まだ帰りたくないって言う子、もっと遊びたいだけみたい",
        # the danger is another matter, over: 別件で says the question is about something else
        "去年保護された子の件とは別件で、児童館の開館時間を知りたい",
        # the fun itself is the reason (楽しすぎて), and a staff roleplay is no child now
        "学童が楽しすぎて、お迎えが来ても帰りたくないって駄々こねる子がいる",
        "we're planning a roleplay for staff where a child says her mom hits her",
        # a yearly report of cases handled
        "年度末の活動報告に、夜に締め出された子を警察が保護した件を載せたい",
    ],
)
def test_not_every_word_near_danger_is_an_emergency(engine: AnswerEngine, text: str) -> None:
    assert engine.understander.understand(text).intent is not Intent.EMERGENCY


@pytest.mark.parametrize(
    "text",
    [
        "友達の父親に殴られた",  # the friend's father is an adult
        "父親に殴られたと友達に話したらしい",
        "友達に叩かれたと言うが、腕にあざがたくさんある",  # the bruises are not explained by it
    ],
)
def test_an_adults_violence_named_beside_a_friend_is_still_abuse(
    engine: AnswerEngine, text: str
) -> None:
    assert Danger.ABUSE in engine.understander.understand(text).danger


def test_a_child_who_ran_away_and_came_to_school_at_night_is_an_emergency(
    engine: AnswerEngine,
) -> None:
    understood = engine.understander.understand("家出してきたと言って夜に学校に来た生徒がいる")
    assert understood.intent is Intent.EMERGENCY


def test_a_peers_violence_is_read_as_bullying(engine: AnswerEngine) -> None:
    needs = engine.understander.understand("先輩にやられたと言っている").needs
    assert needs.get("いじめ・暴力行為・非行等の問題行動") == 1.0
    assert "教育相談" in needs


def test_slots_stage_municipality_and_negated_mention(engine: AnswerEngine) -> None:
    u = engine.understander.understand("国立市の小学校です。SCさん以外で、中学卒業した子の居場所")
    assert u.municipality_id == "kunitachi"
    assert {"小学生", "高校生年代"} <= u.stages and "中学生" not in u.stages
    assert "居場所" in u.needs
    assert "osaka-nishi-school-counselor" in u.excluded


def test_longest_phrase_wins(engine: AnswerEngine) -> None:
    assert "貧困" in engine.understander.understand("給食費を滞納している").needs
    assert engine.understander.understand("給食の献立").needs == {}


def test_fuzzy_mentions_tolerate_order_and_reading(engine: AnswerEngine) -> None:
    def top(text: str) -> str:
        return engine.answer(text, at("2026-11-24 10:00")).cards[0].resource.id

    assert top("吉祥寺の0123に今から行っても間に合いますか") == "musashino-0123-kichijoji"
    assert top("桜堤の児童館はこの時間でも開いていますか") == "musashino-sakurazutsumi-jidokan"
    assert (
        top("こどもかていしえんせんたーの ばしょを おしえて")
        == "musashino-kodomo-katei-shien-center"
    )
    assert (
        top("子ども家廷支援センターの電話") == "musashino-kodomo-katei-shien-center"
    )  # 庭 mistyped
    assert top("はらぱって今日は開いてますか？") == "musashino-0123-harappa"  # the small っ dropped


def test_day_words_are_slots(engine: AnswerEngine) -> None:
    assert engine.understander.understand("土曜のはらっぱは何時から").weekday == 5
    assert engine.understander.understand("はらっぱ 明日は開いてますか").day_offset == 1


@pytest.mark.parametrize(
    "text",
    [
        "顔に傷があって、お父さんにやられたって",  # 傷があって, not 傷がある
        "消えてしまいたいと書いた作文を出してきた子がいる",  # 〜てしまいたい
        "ごはんをちゃんと食べさせてもらってない子がいる",
        "This child says her father hits her",
    ],
)
def test_danger_signals_survive_conjugation_and_english(engine: AnswerEngine, text: str) -> None:
    assert engine.understander.understand(text).intent is Intent.EMERGENCY


@pytest.mark.parametrize(
    ("text", "intent"),
    [
        ("SSWに来てもらいたい家庭がある", Intent.CONSULT_REQUEST),
        ("スクールソーシャルワーカーに相談票を出したい", Intent.CONSULT_REQUEST),
        (
            "Where can a parent get help with a child who refuses to go to school?",
            Intent.FIND_SERVICE,
        ),
        ("What time does the health center close today?", Intent.OPENING_HOURS),
        ("help", Intent.HELP),
        ("ヘルプ", Intent.HELP),
    ],
)
def test_request_forms_and_english_questions(
    engine: AnswerEngine, text: str, intent: Intent
) -> None:
    assert engine.understander.understand(text).intent is intent


def test_thanks_and_questions_about_the_bot_get_the_usage_text(engine: AnswerEngine) -> None:
    for text in ("ありがとう", "どう使えばいいの", "madoguchiについて教えて"):
        assert engine.understander.understand(text).intent is Intent.HELP, text


def test_a_word_that_only_contains_a_need_word_masks_it(engine: AnswerEngine) -> None:
    assert "家庭環境" not in engine.understander.understand("家庭科の授業の準備").needs
    assert "家庭環境" in engine.understander.understand("家庭の事情で休みがち").needs


@pytest.mark.parametrize(
    "text",
    [
        "SSWにつなぎたいケースがある",
        "SSWに相談するにはどうすればいい？",
        "至急SSWに家庭訪問をお願いしたい",
        "I want to refer a student to the SSW",
    ],
)
def test_ways_of_asking_to_bring_a_case_to_the_ssw(engine: AnswerEngine, text: str) -> None:
    assert engine.understander.understand(text).intent is Intent.CONSULT_REQUEST


def test_wanting_to_reach_the_ssw_asks_how_to_reach_them(engine: AnswerEngine) -> None:
    # 「連絡をとりたい」 asks for the number or the days (the answer gives them), not a filed request
    assert engine.understander.understand("至急SSWに連絡をとりたい").intent is Intent.CONTACT


@pytest.mark.parametrize(
    "text",
    [
        "最近学校に行けなくなった小5の女の子がいます",  # 行けない → 行けなくなった
        "ここ1か月登校できていない生徒がいる",  # 登校できない → できていない
        "学校に来られなくて困っている",  # 来られない → 来られなくて
        "2学期はほとんど学校に来なかった",  # 来ない → 来なかった
        "学校に行けません",  # polite ません is the plain ない
        "学校に来えへん子がおるねん",  # Kansai へん is ない
    ],
)
def test_a_negative_need_is_found_in_its_conjugated_forms(engine: AnswerEngine, text: str) -> None:
    assert "不登校" in engine.understander.understand(text).needs


def test_a_negative_phrase_does_not_match_a_wish_that_begins_alike(engine: AnswerEngine) -> None:
    # 帰りたくない is a danger signal; 帰りたくなった ("came to want to go home") is not
    assert engine.understander.understand("帰りたくなったと言って早退した").intent is not (
        Intent.EMERGENCY
    )


@pytest.mark.parametrize(
    ("text", "danger"),
    [
        ("生徒の首にひものあとがある。家で何かされているかもしれない", Danger.ABUSE),
        ("家でごはんを食べさせてもらえなかったと話している", Danger.ABUSE),
        ("家に帰りたくありませんと泣いている", Danger.ABUSE),
        ("母親の交際相手から暴力を受けているらしい", Danger.ABUSE),
        ("子どもが夜中に外に出されている", Danger.ABUSE),
        ("生徒が自分の体を傷つけている", Danger.SUICIDE),
        ("小3の男児が顔を腫らして登校してきた", Danger.ABUSE),
        ("子どもが誘拐されたかもしれない", Danger.IMMEDIATE),
        ("不審者が校内にいる", Danger.IMMEDIATE),
        ("生徒が薬を飲みすぎて意識がもうろうとしている", Danger.INJURY),
        ("児童の太ももに内出血がいくつもある", Danger.ABUSE),  # a bruise, not bleeding (出血)
        ("腕にタバコを押し付けられたような跡がある", Danger.ABUSE),
        ("生徒が「もう家には戻らない」と言って学校に残っている", Danger.ABUSE),
        ("父親に首をつかまれたと言っている", Danger.ABUSE),
        ("生徒が首をつろうとした", Danger.SUICIDE),
        ("児童がプールでおぼれた", Danger.INJURY),
    ],
)
def test_teacher_gets_the_emergency_lines_for_signs_said_plainly(
    engine: AnswerEngine, text: str, danger: Danger
) -> None:
    assert danger in engine.understander.understand(text).danger


def test_a_peers_violence_suffered_is_still_bullying(engine: AnswerEngine) -> None:
    understood = engine.understander.understand("同級生から暴力を受けたと相談された")
    assert understood.intent is Intent.FIND_SERVICE
    assert "いじめ・暴力行為・非行等の問題行動" in understood.needs


def test_a_window_name_ending_before_its_particle_is_not_a_description(
    engine: AnswerEngine,
) -> None:
    # はびっと + は reads とは ("what is"); the question asks for the nearest station
    assert engine.understander.understand("ハビットは何駅が近い？").intent is Intent.CONTACT


def test_a_phone_number_asked_in_english_is_a_contact_question(engine: AnswerEngine) -> None:
    understood = engine.understander.understand("What is the phone number of the health center?")
    assert understood.intent is Intent.CONTACT


@pytest.mark.parametrize(
    "text",
    [
        "保護者から子どもを叩いてしまうと相談された",  # 189 also takes a parent's own worry
        "お母さんに「死ね」と言われると話す児童",  # 心理的虐待
        "父親が母親に暴力をふるっているのを見たと子どもが話した",  # 面前DV (防止法 第2条4号)
    ],
)
def test_abuse_told_by_a_child_or_a_parent_gets_189_and_the_childs_centre(
    engine: AnswerEngine, text: str
) -> None:
    understood = engine.understander.understand(text)
    assert understood.intent is Intent.EMERGENCY
    answer = engine.answer(text, at("2026-11-24T10:00"), "武蔵野市")
    names = [c.resource.name for c in answer.cards]
    assert "子ども家庭支援センター" in names


def test_violence_between_parents_is_not_the_childs_injury_unless_suffered(
    engine: AnswerEngine,
) -> None:
    assert Danger.ABUSE in engine.understander.understand("母親に暴力を振るわれたと話す").danger
    # a parent who suffers DV, no child said to see it: the centre, not an emergency line
    assert engine.understander.understand("保護者がDVを受けているみたい").intent is (
        Intent.FIND_SERVICE
    )


def test_the_weekend_asked_as_one_is_a_day_slot(engine: AnswerEngine) -> None:
    understood = engine.understander.understand("週末に相談できる窓口")
    assert understood.intent is Intent.OPENING_HOURS
    assert understood.weekday == 5


def test_places_that_run_something_are_a_find_question_not_hours(engine: AnswerEngine) -> None:
    assert engine.understander.understand("子ども食堂やってるところ").intent is Intent.FIND_SERVICE
    assert (
        engine.understander.understand("はらっぱって今日もやってますか").intent
        is Intent.OPENING_HOURS
    )


def test_what_a_child_does_is_not_whether_a_window_is_open(engine: AnswerEngine) -> None:
    # the child is the one who 「やってる」: a young carer, not opening hours
    understood = engine.understander.understand(
        "祖父の介護を毎日その子がやっている。SSWに入ってもらうことはできますか"
    )
    assert understood.intent is not Intent.OPENING_HOURS
    assert (
        engine.understander.understand("児童館は日曜もやっていますか").intent
        is Intent.OPENING_HOURS
    )


def test_a_named_window_then_where_asks_where_it_is(engine: AnswerEngine) -> None:
    assert engine.understander.understand("子家センはどこ？").intent is Intent.CONTACT
    assert engine.understander.understand("はらっぱってどこだっけ").wants_address
    # not at the end, or a need asked: other questions
    assert engine.understander.understand("SSWはどこに所属している？").intent is (
        Intent.FIND_SERVICE
    )
    assert engine.understander.understand("子ども食堂ってどこ？").intent is Intent.FIND_SERVICE


@pytest.mark.parametrize(
    "text", ["はらっぱって土曜は？", "はらっぱ明日どう？", "<@U0ABC> はらっぱ 日曜日 行ける？"]
)
def test_a_window_named_with_a_day_asks_its_hours_whatever_follows(
    engine: AnswerEngine, text: str
) -> None:
    assert engine.understander.understand(text).intent is Intent.OPENING_HOURS


@pytest.mark.parametrize("text", ["子家センは何階ですか", "What floor is the health center on?"])
def test_a_floor_asked_is_a_contact_question(engine: AnswerEngine, text: str) -> None:
    assert engine.understander.understand(text).intent is Intent.CONTACT


def test_japanese_words_in_romaji_are_read_for_needs_too(engine: AnswerEngine) -> None:
    assert (
        "いじめ・暴力行為・非行等の問題行動"
        in engine.understander.understand(
            "My student says she faces ijime at her club. Who can help?"
        ).needs
    )
    assert (
        "乳幼児の健康" in engine.understander.understand("Where is the kenshin for babies?").needs
    )


@pytest.mark.parametrize(
    ("text", "window"),
    [
        ("Is the 0123 near Kichijoji station open?", "musashino-0123-kichijoji"),
        ("八幡町のほうの0123って今日やってる？", "musashino-0123-harappa"),
        ("0123の きちじょうじ の ほうは なんじまで？", "musashino-0123-kichijoji"),
    ],
)
def test_a_shared_name_told_apart_by_the_rest_of_it_or_its_town(
    engine: AnswerEngine, text: str, window: str
) -> None:
    understood = engine.understander.understand(text)
    assert [m.resource_id for m in understood.mentions] == [window]


def test_the_bot_named_with_a_help_word_asks_for_help(engine: AnswerEngine) -> None:
    understand = engine.understander.understand
    assert understand("このボットの使い方は？SSW依頼もできる？").intent is Intent.HELP
    # the bot named, but a consult asked for
    assert understand("このボットからSSWに相談を出したい").intent is Intent.CONSULT_REQUEST


@pytest.mark.parametrize(
    ("text", "window"),
    [
        ("いずみほけんせんたーの でんわ おしえて", "kokubunji-kenko-suishin-ka"),
        ("こがねいけいさつしょ に そうだん したい", "kokubunji-koganei-police"),
    ],
)
def test_a_window_typed_in_kana_is_found_by_the_reading_of_its_names(
    engine: AnswerEngine, text: str, window: str
) -> None:
    understood = engine.understander.understand(text)
    assert understood.mentions and understood.mentions[0].resource_id == window


def test_a_sentence_that_states_what_the_asker_does_is_not_an_hours_question(
    engine: AnswerEngine,
) -> None:
    understand = engine.understander.understand
    stated = understand("うちの団体で学習支援をやっています。不登校の子をどこにつなげばいい？")
    assert stated.intent is not Intent.OPENING_HOURS
    assert understand("はらっぱは明日もやっていますか。").intent is Intent.OPENING_HOURS


def test_a_choice_between_windows_asks_which_not_to_file_a_consult(engine: AnswerEngine) -> None:
    understand = engine.understander.understand
    which = understand("不安が強い子のフォローはSCとSSWのどちらに頼むのがいいですか")
    assert which.intent is Intent.FIND_SERVICE
    assert understand("SSWに相談をお願いしたいです").intent is Intent.CONSULT_REQUEST


@pytest.mark.parametrize(
    "text", ["はらっぱ でんわ", "教育支援センター 連絡先", "武蔵野のクレスコーレ 電話番号"]
)
def test_a_window_with_one_contact_word_asks_its_contact(engine: AnswerEngine, text: str) -> None:
    assert engine.understander.understand(text).intent is Intent.CONTACT


@pytest.mark.parametrize(
    ("text", "low", "stage"),
    [
        ("my daughter (4yo) keeps coughing, where can I ask", 4, None),
        ("7才の男の子のことで", 7, None),
        ("高2の生徒が学校をやめたいと言っている", None, "高校生年代"),
    ],
)
def test_ages_and_stages_as_staff_write_them(
    engine: AnswerEngine, text: str, low: int | None, stage: str | None
) -> None:
    understanding = engine.understander.understand(text)
    if low is not None:
        assert (low, low + 1) in understanding.ages
    if stage is not None:
        assert stage in understanding.stages


def test_a_child_nobody_can_find_is_an_emergency_but_a_form_nobody_can_find_is_not(
    engine: AnswerEngine,
) -> None:
    understand = engine.understander.understand
    assert understand("we cant find one of our first graders after the field trip").danger
    assert not understand("I can't find the consent form for the SSW, where is it?").danger


def test_a_child_outside_the_railing_is_an_emergency_in_english_too(engine: AnswerEngine) -> None:
    assert engine.understander.understand(
        "a girl is sitting outside the railing on the school roof"
    ).danger


@pytest.mark.parametrize(
    ("text", "intent"),
    [
        ("I'd like to thank the SSW for last month, how do I reach her?", Intent.CONTACT),
        ("I'd like the SSW's help with a pupil who skips class", Intent.CONSULT_REQUEST),
        # 「担任とは」 is with the homeroom teacher, not "what is the homeroom teacher"
        ("SSWさんに相談したいです。保護者とは一度面談しています", Intent.CONSULT_REQUEST),
        ("SSWとは何ですか", Intent.FIND_SERVICE),
        ("無料の学習支援って市内のどこでやってますか", Intent.FIND_SERVICE),
    ],
)
def test_a_wish_a_with_and_a_where_read_as_meant(
    engine: AnswerEngine, text: str, intent: Intent
) -> None:
    assert engine.understander.understand(text).intent is intent


def test_a_child_who_says_dying_would_be_better_gets_the_sos_line(engine: AnswerEngine) -> None:
    for text in ["こんなに辛いなら死んだほうがましって言ってた", "死んだほうが楽やって泣いてる"]:
        assert engine.understander.understand(text).danger == {Danger.SUICIDE}, text


def test_school_words_in_kana_are_read_as_school(engine: AnswerEngine) -> None:
    understanding = engine.understander.understand(
        "ちゅうがくせい の おとうと が がっこう いってない"
    )
    assert "不登校" in understanding.needs


def test_a_day_the_ssw_is_in_asks_the_hours_not_a_consult(engine: AnswerEngine) -> None:
    understand = engine.understander.understand
    assert (
        understand("明日ってSSWさんが相談室に来る日？直接相談したい").intent is Intent.OPENING_HOURS
    )
    assert (
        understand("SSWに相談したいです。家で夕飯を作っているらしい子").intent
        is Intent.CONSULT_REQUEST
    )


@pytest.mark.parametrize(
    ("text", "level"),
    [
        # no injury says nothing of violence seen at home (面前DV): 189 still
        ("父親が母親を殴るのを毎晩見ていると話した。本人にけがはない", Danger.ABUSE),
        ("ネットで知り合った大人の家に泊まっているらしい中3", Danger.IMMEDIATE),
        ("下校したはずの2年生が学童に来ていない、家も留守", Danger.IMMEDIATE),
        ("みんなで探しているけどもう1時間見つからない", Danger.IMMEDIATE),
        ("マラソンのあと座り込んで呼吸がおかしい", Danger.INJURY),
        ("a 4th grader has been missing since lunch", Danger.IMMEDIATE),
    ],
)
def test_danger_told_beside_words_that_sound_calm(
    engine: AnswerEngine, text: str, level: Danger
) -> None:
    assert level in engine.understander.understand(text).danger


@pytest.mark.parametrize(
    "text",
    [
        "シングルで子ども2人、仕事が見つからないと話すお母さん",
        "最近学童に来なくなった子、家の手伝いが忙しいらしい",
        "犬に吠えられてから一人で帰るのが怖いと言う1年生",
        "れんらくちょうが ずっと かえってこない こ",
        "パニックで自分の腕をかんだ。保護者とも共有済みで今は落ち着いている",
        "the family keeps missing school notices because nobody reads Japanese",
    ],
)
def test_words_of_danger_about_something_else_are_no_emergency(
    engine: AnswerEngine, text: str
) -> None:
    assert not engine.understander.understand(text).danger


def test_the_floor_asked_in_kana_is_a_contact_question(engine: AnswerEngine) -> None:
    assert engine.understander.understand("子家センって なんがい？").intent is Intent.CONTACT


def test_places_of_a_kind_open_on_a_day_are_found_not_a_window_asked(engine: AnswerEngine) -> None:
    understand = engine.understander.understand
    # places of a kind, with a day: a find question (the answer gives each one's hours)
    assert understand("土曜も開いてる中高生の居場所、どこかある？").intent is Intent.FIND_SERVICE
    # a kind with a day and no word asking for places: whether it is open then
    assert understand("きょう ひろば あいてる？").intent is Intent.OPENING_HOURS


@pytest.mark.parametrize(
    ("text", "level"),
    [
        # an adult the family is protected from, coming for the child: 110
        (
            "保護命令が出ている父親が、子どもを連れ戻すと言って保育園に向かっているそうです",
            Danger.IMMEDIATE,
        ),
        # smoke from a home with a child alone, typed in kana: 119
        ("となり の いえ から けむり でてる こども だけ で るすばん", Danger.INJURY),
        # a carer who will not take the child for the care the school asked for: neglect, 189
        ("むし歯の治療を何度すすめても、保護者が受診に応じてくれません", Danger.ABUSE),
        # a child's disclosure in play, told as real: play does not lower it
        ("ごっこ遊びで「パパがママをけるの」と話す年中さん、家で本当にあるそうです", Danger.ABUSE),
        # a child gone and not back, in Kansai speech
        ("4年の子、ランドセル置いて出てったきり30分おらんねん", Danger.IMMEDIATE),
        # a child out alone late at night, nothing said of delinquency: neglect
        ("小2の子が深夜徘徊しているのを近所の人が見ている", Danger.ABUSE),
        # こと after の names the person: ママのことなぐってた is ママをなぐってた
        ("妹が「パパがママのことなぐってた」と話してくれた", Danger.ABUSE),
        # a shouting voice from next door, typed in kana
        ("となりの いえから まいばん どなりごえ が します", Danger.ABUSE),
        # a burn scar written as one compound word
        ("腕に火傷跡がいくつもある小3", Danger.ABUSE),
        # no key to get home at night
        ("夜9時、家の鍵がなくて外で待っている1年生", Danger.ABUSE),
        # a child's disclosure after a prevention lesson: the lesson lowers nothing
        ("防犯教室のあと、2年の子が「おじさんに触られた」と担任に話した", Danger.ABUSE),
        # … nor when a parent is named, however the child said it
        (
            "セーフティ教室のあとで、3年の子が「パパがおまたをさわってくる」と言ってきた",
            Danger.ABUSE,
        ),
        # a bruise found is no child found (見つかる says a missing child is back only of a child)
        ("着替えのとき背中にあざがいくつも見つかった年少さん", Danger.ABUSE),
        # no way into the house and the carer not answering
        ("鍵がなくて家の前にいる3年生、お母さんが電話に出ない", Danger.ABUSE),
        # Kansai おかん is the mother
        ("「おかんに叩かれた」と話す中1", Danger.ABUSE),
        # a stranger pulling a child into a car, in English
        (
            "a man is trying to get a 1st grader into his car at the gate, "
            "she says she doesnt know him",
            Danger.IMMEDIATE,
        ),
        # shared with a colleague is not handled: the signs still ask for 189
        ("ずっと同じ服でにおいも強く、体重も減っている。担任とは共有済み", Danger.ABUSE),
        # a mother who does not come home is neglect, not a child missing
        ("ママがもう3日帰ってこないと話す2年生", Danger.ABUSE),
        ("my 2nd grader didnt get home after school and its dark now", Danger.IMMEDIATE),
        # locked out of the house in the cold
        ("家の外で座り込んでいる1年生、鍵を閉められているらしい", Danger.ABUSE),
        # jumping, as a young person writes it
        ("中3から『今日どこかから飛ぶ』ってメッセージが来た", Danger.SUICIDE),
        # not found after an hour's search, the child unsaid
        ("1時間以上さがしても見つからないんです、年長の男の子", Danger.IMMEDIATE),
    ],
)
def test_danger_told_in_new_wordings(engine: AnswerEngine, text: str, level: Danger) -> None:
    assert level in engine.understander.understand(text).danger


@pytest.mark.parametrize(
    "text",
    [
        # a case the child's services have taken up, told with an honorific (児相さん)
        "通告して児相さんにも入ってもらい、今は落ち着いています。今後の見守りの相談先は？",
        # dying said of oneself as a figure of speech is no order to die (死ね)
        "テスト範囲広すぎて「もう死ぬ〜」言うてた子ら、勉強の相談できるとこある？",
        "「死ぬほど眠い」とよく言う中学生、生活リズムの相談先",
        # out at night with shoplifting and a record: delinquency, the youth centre's
        "深夜徘徊と万引きで補導された中学生の相談先",
        # a lost child found and all settled
        "先週迷子になった子、もう解決しています。お礼に行きたいのですが児童館は何時まで？",
        # a prevention lesson about sexual abuse is no report of it
        "プライベートゾーンの授業をやりたいので、性被害の予防の教材を相談できる所",
        # reported and settled, typed in kana
        "せんしゅう つうこく した こ、いまは おちついて います。みまもり の そうだん さき",
        # a TV drama, typed in kana
        "てれび の ゆうかい の どらま を みて こわがる こ が いる。ぼうはん の はなし を たのめる ところ",
        # a parent's own childhood: the parent's need
        "自分が子どもの頃に親から虐待を受けていたと話すお母さん。本人が相談できる所",
        # ending something named, and a roof: the lesson, the club
        "授業は今日で終わりにします。来週は屋上の菜園で観察です",
        # a number not found in one's papers is no child missing
        "学校指導課の番号が手元に見当たらないので教えてください",
        # quiet about home and nothing else: a sign for the SSW, not a report
        "家のことを聞くと黙ってしまう小3、SSWさんに相談したい",
        # what is kept from the parents is the child's own trouble
        "クラスで仲間外れにされてて、親には言えないって泣いてる中2。SCにつなぎたい",
        "妊娠したかもしれない、親には言えないという高2が相談できる所",
        # a parents' meeting is no parent's threat
        "保護者会で、子どもたちがゲームで「ころす」と言い合う件を話したい",
        # nobody at home after school, and nothing else: an afternoon spent elsewhere
        "放課後は家に誰もいないので児童館で過ごしたいという3年生、何時まで開いてる？",
        # a helper, a record not found: things and people who are not the child
        "通院に付き添うヘルパーさんがなかなか見つからないと母親が困っている",
        "去年の研修の記録が見つからないので、SSWの連絡先をもう一度教えてください",
        # a bruise whose cause the child and the mother tell alike: explained
        "腕のあざは体育で転んだと本人も母親も言っていて、話が一致しています。別件で就学相談の窓口を知りたい",
        # a meal of a bun or noodles: a home short of money, for the food windows
        "菓子パンだけの朝ごはんが続いている小4の家庭に、食料の支援を紹介したい",
        # a talk to the whole school about suicide prevention
        "全校集会で自殺予防の話をするので、子どもに紹介できる相談先を知りたい",
        # a toddler named, and nothing of the carers being away
        "2歳の子のママが、夜に出かける用事のある日の一時預かりを探している",
        # alone until the parents are back from work: a latchkey afternoon
        "親は仕事で夜まで一人の子に、放課後の居場所を紹介したい",
        # no adult to help with homework is no child left alone
        "勉強を見てくれる大人がいない小4に、学習支援の教室を紹介したい",
        # a bruise from contact in practice, checked with the child and the parents
        "少年野球の練習中の接触で腕に打撲、本人と保護者から確認が取れています。就学援助の窓口は？",
    ],
)
def test_new_wordings_of_danger_about_something_else(engine: AnswerEngine, text: str) -> None:
    assert not engine.understander.understand(text).danger


def test_the_ssw_set_aside_asks_for_another_window(engine: AnswerEngine) -> None:
    understand = engine.understander.understand
    assert (
        understand("SSW以外で、不登校の子の居場所を一緒に探してくれる所はありますか").intent
        is Intent.FIND_SERVICE
    )
    assert understand("SSWさんに相談をお願いしたいです").intent is Intent.CONSULT_REQUEST


def test_what_a_window_runs_is_no_question_of_its_hours(engine: AnswerEngine) -> None:
    understand = engine.understander.understand
    assert understand("子家センがやってる講座に申し込みたいので電話番号を").intent is Intent.CONTACT
    assert understand("はらっぱのやってる時間は？").intent is Intent.OPENING_HOURS


def test_a_consult_by_phone_with_the_number_asked_asks_the_number(engine: AnswerEngine) -> None:
    understand = engine.understander.understand
    # the asker will call the SSW: the number is what is asked, not the queue
    assert (
        understand("SSWさんに電話で相談したいので、連絡先を教えてもらえますか").intent
        is Intent.CONTACT
    )
    # the phone is how the family was (not) reached: still a consult filed
    assert (
        understand("SSWに相談したいです。保護者が電話に出ない家庭の小2のことで").intent
        is Intent.CONSULT_REQUEST
    )


def test_early_signs_of_development_ask_for_the_development_windows(
    engine: AnswerEngine,
) -> None:
    needs = engine.understander.understand("1歳半で指さしをしないし、目が合わない子の相談先").needs
    assert "発達相談" in needs


def test_a_time_said_of_a_school_year_is_no_question_of_hours(engine: AnswerEngine) -> None:
    # 小4が夕方ひとりで: the evening is when the child is alone, not when a window opens
    assert (
        engine.understander.understand(
            "0123吉祥寺に来るママの上の子、小1が夕方ひとりで過ごすことが多いそうで、学童以外の居場所を紹介したい"
        ).intent
        is Intent.FIND_SERVICE
    )


def test_always_is_no_question_of_when(engine: AnswerEngine) -> None:
    # いつも (always) is read as いつ + も: a wish for the SSW stays a consult
    assert (
        engine.understander.understand(
            "いつも ひとりで いる こが いて、すくーるそーしゃるわーかーさんに そうだん したいです"
        ).intent
        is Intent.CONSULT_REQUEST
    )


@pytest.mark.parametrize(
    ("text", "need"),
    [
        # kana the analyzer splits: ひとりおや is a single parent, おかね money
        ("ひとりおやの おとうさん、おかねの ことで そうだん したいって", "ひとり親"),
        # bullying told by what is done, without the word
        ("クラスで靴を隠されたり、ハブられたりしている小5", "いじめ・暴力行為・非行等の問題行動"),
        # the after-school service in English
        ("is there a day service for kids with autism after school?", "放課後等デイサービス"),
        # the support file described when its name is forgotten
        ("発達のことで支援の情報をまとめるファイルがあるって聞いた", "ステップノート"),
        # young people of high-school age, in the seeds' own words
        ("高校生年代の子が通える居場所", "若者の居場所"),
        # medical care typed in kana
        ("いりょうてき けあ の ある こ の ほうかご の すごしかた", "医療的ケア"),
        # がっこう before a kanji would split (がっ + こう): not wanting to go to school, in kana
        ("むすこが がっこういきたくないって まいあさ ないてる", "不登校"),
        # the house's work on a child, and bullying told in English
        ("小5の子、親が入院中で家のことを全部やってるらしい", "ヤングケアラー"),
        (
            "older kids keep taking his stuff and laughing at him",
            "いじめ・暴力行為・非行等の問題行動",
        ),
    ],
)
def test_needs_said_in_other_words(engine: AnswerEngine, text: str, need: str) -> None:
    assert need in engine.understander.understand(text).needs


def test_someone_in_the_office_asks_when_they_can_be_met(engine: AnswerEngine) -> None:
    assert (
        engine.understander.understand(
            "明日、SSWさんは教育相談室に在室でしょうか。相談に伺いたいです"
        ).intent
        is Intent.OPENING_HOURS
    )


def test_a_centre_abbreviated_as_c_is_found(engine: AnswerEngine) -> None:
    understanding = engine.understander.understand("教育支援C 何時まで？")
    assert understanding.intent is Intent.OPENING_HOURS
    assert any(m.alias == "教育支援センター" for m in understanding.mentions)


def test_the_189_line_is_found_by_the_names_staff_give_it(engine: AnswerEngine) -> None:
    for text in ("虐待通告ダイヤルの番号を教えて", "いちはちきゅう って何の番号？"):
        mentions = engine.understander.understand(text).mentions
        assert mentions and mentions[0].resource_id == "national-189", text


@pytest.mark.parametrize(
    ("text", "level"),
    [
        # a quantity in native numerals (ふた箱) is a quantity: an overdose
        ("ゆうべ家にあったかぜ薬をひと箱飲んだと言う中3、顔色が悪い", Danger.INJURY),
        # an adult coming into the room at night, told in English
        ("she says her stepfather comes into her room at night and she can't sleep", Danger.ABUSE),
        # a child out of sight on an outing, in English
        (
            "we lost sight of a 2nd grader at the zoo 20 minutes ago, no sign of him",
            Danger.IMMEDIATE,
        ),
        # can't go on, with a farewell: 自殺のサイン
        ("「もう無理、みんな今までありがとう」とだけ送ってきた高1", Danger.SUICIDE),
        # nobody at home, and the carer not answering: neglect
        ("家に誰もいなくて、母親の携帯もずっとつながらない年長さん", Danger.ABUSE),
        # a small child alone in a park with no parent to be seen, typed in kana
        (
            "こうえんの すなばで 3さいくらいの こが ないてる。ははおやが みあたらない",
            Danger.IMMEDIATE,
        ),
        # parents away at night (親いない is no 親しい)
        ("学童の1年生、夜も親いなくて弟と2人きりらしい", Danger.ABUSE),
        # a child crying やめて and blows on a wall, still going on: 110 as well as 189
        ("隣の家から子どもが「やめて」と泣く声と、壁を叩く音がまだ続いている", Danger.IMMEDIATE),
        # put out on the balcony and not let back in
        ("雪の日に3歳くらいの子がベランダに出されて、中に入れてもらえていない", Danger.ABUSE),
        # a parent without custody come to take the child
        ("親権のない父親が保育園に来て、子どもを連れて帰ると言っている", Danger.IMMEDIATE),
        # searched for, typed in kana (さがしてる is no さ + が + し)
        ("おとうとが そのへん さがしてるけど いない、もう くらい", Danger.IMMEDIATE),
        # told of the child in English: planning to take his own life
        ("a 6th grader told me he is going to kill himself after school", Danger.SUICIDE),
        # a carer away since a day named, the children at home
        ("お父さんが先週からいなくて、兄弟だけで家にいるらしい小2", Danger.ABUSE),
        # a toddler whose parent is out all night, however often: neglect
        ("1歳の子を置いて母親が夜出かけ、朝まで戻らないことが週に何回もある", Danger.ABUSE),
        # the mother away, the baby with the older child only
        ("家庭訪問したら母は昼から不在で、0歳の弟と小1の兄だけだった", Danger.ABUSE),
        # a baby crying all night next door
        ("ゆうべから ずっと 赤ちゃんの泣き声が聞こえて、となりは真っ暗です", Danger.ABUSE),
        # not back in class, the school searched, typed without apostrophes
        (
            "a 2nd grader didnt come back to class after recess, we searched the whole school",
            Danger.IMMEDIATE,
        ),
        # pills taken at once, written as a noun
        ("中2が保健室で、鎮痛薬のまとめ飲みをしたと言っている", Danger.INJURY),
        # a parent living apart taking the child by force
        ("別居中の父親が校門に来て、子どもを無理に連れて帰ろうとしている", Danger.IMMEDIATE),
        # Kyushu: no point living (生きとってもしょうがなか), with a farewell
        (
            "部員から「もう生きとってもしょうがなか、今までありがとう」ってLINEが来た",
            Danger.SUICIDE,
        ),
        # play doubted lowers nothing either (冗談なのかどうか, ふざけてんのかわからん)
        (
            "中1が「もう死にたい」とメモを残した。ふざけて書いたのかどうか、担任にもわからない",
            Danger.SUICIDE,
        ),
        # play only supposed lowers nothing: when unsure, it stays
        ("作文の余白に「消えたい」と書いてあった。冗談かもしれないけど気になる", Danger.SUICIDE),
    ],
)
def test_the_danger_rules_alone_read_these_wordings(
    engine: AnswerEngine, text: str, level: Danger
) -> None:
    """The rules' own reading, without the examples' vote, which may find some of these by
    their likeness to an example: each row is one way of saying it the data must know."""
    assert level in engine.understander.danger_rules.read(read(text)).levels


def test_where_a_network_of_places_is_asks_for_its_places(engine: AnswerEngine) -> None:
    understand = engine.understander.understand
    # 子ども食堂 names many places with no address of their own: the answer lists them
    network = "学童の子の家に紹介したくて。武蔵野市の子ども食堂は、どこにありますか"
    assert understand(network).intent is Intent.FIND_SERVICE
    # a window with an address of its own is asked where it is
    assert (
        understand("学童の子の家に紹介したくて。0123吉祥寺は、どこにありますか").intent
        is Intent.CONTACT
    )


@pytest.mark.parametrize(
    ("text", "level"),
    [
        # Tohoku: ぶっ倒れる is 倒れる, and ねぇ after a noun is ない (意識ねぇ: 意識がない)
        ("体育館で6年の子が急にぶったおれた、意識ねぇ、どうすんべ", Danger.INJURY),
        # children still playing inside is what they do, not play that lowers a danger
        ("刃物を持った男が門の外をうろうろしてる。子どもたちはまだ遊んでる", Danger.IMMEDIATE),
    ],
)
def test_the_rules_read_dialect_and_background_play(
    engine: AnswerEngine, text: str, level: Danger
) -> None:
    assert level in engine.understander.danger_rules.read(read(text)).levels


@pytest.mark.parametrize(
    ("text", "intent"),
    [
        # kana typed with a space before ます: あいて ますか is あいてますか (open now?)
        ("じどうかん は どようび も あいて ますか", Intent.OPENING_HOURS),
        # the window is the subject of the hours asked, not a kind sought
        ("健診のことで母親と行きたい。今日って窓口あいてますか？", Intent.OPENING_HOURS),
        # whether there are windows of a kind, described by their hours, asks for them
        ("夜遅くまで過ごせる居場所、土日もやってる児童館ってある？", Intent.FIND_SERVICE),
        ("妊婦さんが夜でも電話で相談できるところってありますか", Intent.FIND_SERVICE),
        (
            "is there a phone line for parents worried about a toddler's development?",
            Intent.FIND_SERVICE,
        ),
        # unsure of something that is not where to go is no question for a window
        ("運動会、雨なら延期にするか迷ってる", Intent.UNKNOWN),
    ],
)
def test_what_the_question_asks_of_windows(engine: AnswerEngine, text: str, intent: Intent) -> None:
    assert engine.understander.understand(text).intent is intent


def test_school_refusal_written_half_in_kana_is_read(engine: AnswerEngine) -> None:
    needs = engine.understander.understand("朝になると学校行きしぶる子の相談先").needs
    assert "不登校" in needs


def test_hunger_with_food_support_sought_is_want_not_a_call(engine: AnswerEngine) -> None:
    understand = engine.understander.understand
    # the asker has chosen food support as the next step: the food windows, with 189 named
    sought = understand("晩ごはんをちゃんと食べられていないみたいな兄弟、子ども食堂につなげたい")
    assert sought.intent is Intent.FIND_SERVICE
    assert sought.caution
    # a child who comes to the asker's 子ども食堂 and tells of no food at home is a report
    told = understand("うちの子ども食堂に来る子が、家ではご飯をもらえないと言っていた")
    assert Danger.ABUSE in told.danger


def test_the_askers_own_place_yields_to_the_need_asked(engine: AnswerEngine) -> None:
    understand = engine.understander.understand
    # 学童 then の and a noun says where the asker works: the need is the school refusal
    refusal = understand("学童の3年生、このところ朝になると学校に行き渋る。どこに相談したら？")
    assert "不登校" in refusal.needs
    assert "放課後の預かり" not in refusal.needs
    # 児童館 the same way: the training is about abuse, not about 児童館
    training = understand("児童館の職員研修で、虐待のサインの気づき方を話してくれるところ")
    assert "児童館" not in training.needs
    # alone, the place is what is asked
    assert "放課後の預かり" in understand("学童の申し込みってどこでするの？").needs


@pytest.fixture(scope="module")
def rules_only(engine: AnswerEngine) -> Understander:
    """The rules' own reading, without the examples' vote (which leans to a consult whenever
    the SSW is named, and may find a question by its likeness to an example)."""
    return Understander(
        engine.directory, engine.understander.lexicon, engine.understander.danger_rules
    )


def test_a_place_to_leave_a_child_while_a_parent_is_in_hospital_is_a_need(
    engine: AnswerEngine,
) -> None:
    # nobody to mind the child is what the examples hear as neglect; the asker is looking
    # for 一時預かり, which the words say
    stay = engine.understander.understand(
        "下の子の出産で母が入院、上の子（2歳）を見てくれる人がいないそう。何日かあずけられるとこある？"
    )
    assert not stay.danger
    assert stay.intent is Intent.FIND_SERVICE
    assert "一時預かり" in stay.needs
    # in kana, overnight
    kana = engine.understander.understand(
        "ははおやが にゅういん するので こどもを とまりで みてくれる ところ ありますか"
    )
    assert "一時預かり" in kana.needs


def test_threats_between_fighting_siblings_are_no_carers_threat(engine: AnswerEngine) -> None:
    # the mother is there to stop them: a carer named does not make the brothers' words hers
    fight = read("兄弟げんかで弟が兄に「ころすぞ」と叫び、母が間に入って止めた")
    assert Danger.ABUSE not in engine.understander.danger_rules.read(fight).levels


def test_a_pupil_who_has_long_stopped_coming_is_no_missing_child(engine: AnswerEngine) -> None:
    understand = engine.understander.understand
    refusal = understand(
        "小6、1学期からほぼ登校していない。家で過ごしている。通える学びの場はある？"
    )
    assert not refusal.danger
    assert refusal.intent is Intent.FIND_SERVICE
    assert "不登校" in refusal.needs


@pytest.mark.parametrize(
    "text",
    [
        # in kana: a place that gives food
        "おかあさん ひとりで おかねが くるしい。こどもが ばんごはんを たべていない みたい。たべものを もらえる ところ ありますか",
        # 食事の支援
        "夕飯を食べていない日がある兄弟。食事の支援をしてくれる所を紹介したい",
        # in English
        "A boy is always hungry at school. Is there any food support for his family?",
    ],
)
def test_food_sought_for_a_hungry_child_is_want_not_a_call(engine: AnswerEngine, text: str) -> None:
    sought = engine.understander.understand(text)
    assert not sought.danger
    assert sought.intent is Intent.FIND_SERVICE
    assert sought.caution  # the answer still names 189 and 110


@pytest.mark.parametrize(
    ("text", "intent"),
    [
        # an emergency line in a play's script is the play's, not a window asked for
        (
            "お遊戯会の台本に『119番よんで！』って叫ぶ場面がある。年少さんに言わせてもいいかな",
            Intent.UNKNOWN,
        ),
        # what a line is, in kana (なんの でんわ): asked about, not its number
        ("ぽすたーに 189 って かいて あるけど なんの でんわ なの", Intent.FIND_SERVICE),
        # where a line puts the caller through describes it: not its number asked
        ("研修で説明したい。189はどこにつながる番号なんでしたっけ", Intent.FIND_SERVICE),
        # Kansai なんぼ asks the number
        ("教育支援センター、電話なんぼやった？", Intent.CONTACT),
        # 電話なんばん asks the number (the analyzer reads なんばん as 南蛮)
        ("学童保育所、電話なんばん？", Intent.CONTACT),
        # a call received tells of the matter, it asks no number
        (
            "保護者の方からの電話で、2歳の子がまだ歩かないと心配しているそうです。どこを紹介すれば",
            Intent.FIND_SERVICE,
        ),
        # a 24 hour line asks no opening hours: markers keep their plural
        ("What is the number of the 24 hour helpline for children?", Intent.CONTACT),
        # a TV drama and creative writing are made up: the question is the one after them
        (
            "watched a jdrama where a dad hits his son lol. unrelated: where can a family get help paying for school uniforms?",
            Intent.FIND_SERVICE,
        ),
        (
            "創作の授業で、生徒が「誘拐される少女」の話を書いた。表現のことを相談できる人はいる？",
            Intent.FIND_SERVICE,
        ),
        # a greeting before a need is a courtesy; soudan madoguchi is a window, not the bot
        ("hello, where is the futoukou soudan madoguchi in kunitachi?", Intent.FIND_SERVICE),
        # whether it works as usual today, with a call in mind: its hours
        ("保健センター、今日から通常業務？電話したい", Intent.OPENING_HOURS),
        # a staff meeting's time is no window's hours
        ("学年会 16時から？16時半から？ 誰か知ってる？", Intent.UNKNOWN),
        # filing a consult (相談起票) names the SSW queue
        (
            "小5女児の件で相談起票お願いします。最近遅刻が増え、家庭の様子も気になる",
            Intent.CONSULT_REQUEST,
        ),
        # the weather asked outright, the 学童's outing its reason: nothing a window answers
        ("土曜に学童でバーベキューするんやけど、天気どうなりそう？", Intent.UNKNOWN),
        ("来週の芋ほり、天気予報わかる？雨なら給食室でおにぎり作らせなきゃ", Intent.UNKNOWN),
        # … while a window's hours on a rainy day are still its hours
        ("雨降るかなあ。はらっぱって雨の日も開いてる？", Intent.OPENING_HOURS),
        # whether a call gets through if made now, or taken at this hour: the line's hours
        ("教育相談室の電話、今かけてもつながる？", Intent.OPENING_HOURS),
        ("保健センターの相談電話、今かけたらつながる？", Intent.OPENING_HOURS),
        ("教育相談室ってこの時間も受け付けてる？", Intent.OPENING_HOURS),
        # a case told as closed, then a new sentence: no window's hours are asked
        (
            "That case from last spring is closed. Now we'd like training on signs of abuse for our gakudo staff, which office runs it?",
            Intent.FIND_SERVICE,
        ),
        # a window that stands for many places, asked for with an hour (夜も): places of a kind
        ("夜もいられる子ども食堂、国分寺にあるなら教えて", Intent.FIND_SERVICE),
        # a direct line asked of a window
        ("子家センの直通ってなんだっけ", Intent.CONTACT),
        # a length of time inside a phrase (子どもが24時間かけられる) does not break it
        ("子どもが24時間かけられる電話の番号を教えて", Intent.CONTACT),
        # a thing to borrow for an event is no loan
        ("バザーで使う長机を借りたいんですが、どこか知りませんか", Intent.UNKNOWN),
        # an emergency line's number asked for a class: contact, no emergency
        ("保健の授業で使うので、救急車を呼ぶときの番号を教えてください", Intent.CONTACT),
    ],
)
def test_what_these_questions_ask(engine: AnswerEngine, text: str, intent: Intent) -> None:
    assert engine.understander.understand(text).intent is intent


@pytest.mark.parametrize(
    ("text", "intent"),
    [
        # 相談できる describing the places asked for is no request to the SSW
        (
            "卒業するとSCもSSWもいなくなるので、高校生になっても相談できたりする居場所を教えてください",
            Intent.FIND_SERVICE,
        ),
        # in kana, the analyzer cuts 学童 and 下校 into syllables: the data's nouns are
        # read back, and a child who left school and never came is missing
        (
            "1ねんの おんなのこが がくどうに こない。 3じに げこう したって。",
            Intent.EMERGENCY,
        ),
        # a wish to be put through to the SSW is a request, in kana too
        (
            "すくーる そーしゃる わーかー さんに つないで ほしい じどう が います",
            Intent.CONSULT_REQUEST,
        ),
        # a place asked for in speech (とこある), about a child
        (
            "お迎えのたびに大泣きする年少の子、こういうのって相談するとこあるん？",
            Intent.FIND_SERVICE,
        ),
    ],
)
def test_what_the_rules_alone_read_these_questions_ask(
    rules_only: Understander, text: str, intent: Intent
) -> None:
    assert rules_only.understand(text).intent is intent


def test_the_askers_own_place_named_with_uchi_yields_to_the_need_asked(
    engine: AnswerEngine,
) -> None:
    # うちの児童館 is where the asker works: the question is about the lecture on abuse
    training = engine.understander.understand(
        "うちの児童館でも虐待の気づき方の研修をしたい。講師を頼めるところは？"
    )
    assert "児童館" not in training.needs
    assert "児童虐待" in training.needs


def test_a_call_to_the_police_in_a_drill_is_no_abuse_report(engine: AnswerEngine) -> None:
    drill = engine.understander.understand(
        "防犯訓練の台本、110番通報する場面のセリフはこれで大丈夫？"
    )
    assert "虐待通告" not in drill.needs
    assert not drill.danger


def test_a_parent_new_in_town_is_read_in_english(engine: AnswerEngine) -> None:
    # 育児 in romaji, and a mother who knows no one: the windows for parents, by the words
    new_in_town = engine.understander.understand(
        "a new mom at our school doesn't know anyone here and wants ikuji advice, where can she go?"
    )
    assert "子育て相談" in new_in_town.needs
    assert "親子の居場所" in new_in_town.needs


def test_abuse_seen_in_a_drama_gives_way_to_the_frightened_childs_care(
    engine: AnswerEngine,
) -> None:
    # the abuse is the drama's: what is asked is care for the child it frightened
    understood = engine.understander.understand(
        "アニメで親が子を叩く場面を見てから夜眠れないと話す小2。気持ちのケアを頼みたい"
    )
    assert understood.intent is Intent.FIND_SERVICE
    assert not understood.danger
    assert "児童虐待" not in understood.needs
    assert "心身の健康・保健" in understood.needs


@pytest.mark.parametrize(
    "text",
    [
        "URGENT: some guy at the 正門 yelling at kids with a 鉄パイプ, who do I call",
        "至急！知らない男が校庭に入ってきて子どもたちに怒鳴ってる",
    ],
)
def test_a_danger_said_in_haste_needs_fewer_examples_to_agree(
    engine: AnswerEngine, text: str
) -> None:
    # 至急 / URGENT: half the nearest examples' weight is enough to call it an emergency
    understood = engine.understander.understand(text)
    assert understood.intent is Intent.EMERGENCY
    assert Danger.IMMEDIATE in understood.danger


def test_a_window_set_aside_in_english_is_said_before_it(engine: AnswerEngine) -> None:
    # English puts "besides" before the window (189以外 puts it after)
    understood = engine.understander.understand(
        "for the parents' newsletter: besides 189, which number reaches the family support center?"
    )
    assert "national-189" in understood.excluded
    assert "national-189" not in {m.resource_id for m in understood.mentions}


def test_the_ssw_consulted_already_is_told_not_asked_for(engine: AnswerEngine) -> None:
    # 相談済み: the SSW knows; the question is which other window helps
    understood = engine.understander.understand(
        "就学援助のことを聞ける窓口を教えてください。SSWには相談済みです"
    )
    assert understood.intent is Intent.FIND_SERVICE


@pytest.mark.parametrize(
    ("text", "need"),
    [
        # Chubu とれん after a potential stem: 行けていない
        ("2学期から学校行けとれん子がおるんだわ、どこにつなげばええ？", "不登校"),
        # the health centre's nurse, named when staff want them
        ("赤ちゃんの体重が気になるお母さん、保健師さんに相談させたい", "乳幼児の健康"),
        # an English negative said with another helper than the phrase's
        ("her brother hasn't gone to school for weeks, who can help?", "不登校"),
    ],
)
def test_needs_said_in_dialect_english_or_by_the_professional(
    engine: AnswerEngine, text: str, need: str
) -> None:
    assert need in engine.understander.understand(text).needs


def test_where_with_its_s_asks_where_a_window_is(engine: AnswerEngine) -> None:
    understood = engine.understander.understand(
        "where's the health center? a mum wants to go today"
    )
    assert understood.intent is Intent.CONTACT
