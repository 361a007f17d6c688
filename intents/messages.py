"""Every sentence intents/ says to a person, in one place to read and review.

intents/ speaks only to the maintainers of its data files (grammar.yaml, danger.yaml,
examples.yaml): each function returns what is wrong and how to fix it, the message and
the hint of one file:line ``Problem``.
"""

from __future__ import annotations

from collections.abc import Iterable


def pattern_does_not_compile(error: str) -> tuple[str, str]:
    """A regular expression of grammar.yaml that Python cannot compile."""
    return (
        f"正規表現として読めません（{error}）",
        "括弧と [ ] の対応と \\ の書き方を確かめます。パターンは '…' で囲みます",
    )


def replacement_does_not_fit(error: str) -> tuple[str, str]:
    """A ``becomes`` of grammar.yaml that refers to a group its pattern does not have."""
    return (
        f"置き換え（becomes）がパターンに合いません（{error}）",
        "\\1 などはパターンの ( ) の数までにします",
    )


def rule_without_concepts() -> tuple[str, str]:
    """A danger rule with neither ``all`` nor ``any``: it would fire on every question."""
    return "規則に概念がありません", "all か any に concepts の名前を書きます"


def phrase_of_light_words_only(phrase: str, lemmas: Iterable[str]) -> tuple[str, str]:
    """A danger phrase that reads as words saying nothing alone (いる, する) or particles."""
    read_as = "・".join(lemmas) or "助詞"
    return (
        f"「{phrase}」は解析すると{read_as}だけになり、ほとんどの質問に当たります",
        "意味を持つ語（名詞や動詞）を含む言い方にします",
    )


def phrase_reads_as_one_word(phrase: str, lemma: str, dropped: Iterable[str]) -> tuple[str, str]:
    """A data phrase whose helper verbs after て the reading drops, so that it is its first
    word alone (入ってもらえる → 入る) and matches every use of it."""
    return (
        f"「{phrase}」は解析すると「{lemma}」だけになります（{'・'.join(dropped)} は読みません）。"
        f"「{lemma}」を使うどの質問にも当たります",
        f"意味を決める語を足すか（例: 何を・誰に）、それでよければ「{lemma}」とだけ書きます",
    )


def unknown_concept(name: str, known: Iterable[str]) -> tuple[str, str]:
    """A danger rule or list naming a concept that ``concepts`` does not define."""
    return (
        f"概念「{name}」は concepts にありません",
        f"concepts の名前（{'、'.join(known)}）から選びます",
    )


def unknown_word_class(name: str, known: Iterable[str]) -> tuple[str, str]:
    """A phrase's 〈name〉 naming no concept whose phrases are single words."""
    return (
        f"〈{name}〉は一語の言葉を並べた concepts にありません",
        f"一語ずつの concepts（{'、'.join(known)}）から選びます",
    )


def unknown_need(need: str, known: Iterable[str]) -> tuple[str, str]:
    """A lexicon section naming a need that ``needs`` does not define."""
    return (
        f"ニーズ「{need}」は needs にありません",
        f"needs の名前（{'、'.join(known)}）から選びます",
    )


def unknown_intent(intent: str, known: Iterable[str]) -> tuple[str, str]:
    """An example question labelled with an intent the understanding does not have."""
    return f"intent「{intent}」はありません", f"{'、'.join(known)} のどれかを書きます"


def danger_only_with_emergency() -> tuple[str, str]:
    """An example whose danger level and intent disagree."""
    return (
        "danger は intent が emergency の例にだけ、必ず書きます",
        "abuse、immediate、injury、suicide のどれかを書くか、intent を直します",
    )
