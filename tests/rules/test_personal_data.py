"""Real personal data in ledger values: e-mail addresses, Japanese phone numbers and My Numbers, and what only
looks like them (dates, postal codes, P-mark numbers, amounts)."""

from __future__ import annotations

import itertools
import random
import unicodedata

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from pmarklint.rules.personal_data import (
    Hit,
    find_personal_data,
    is_allowed,
    may_hold_personal_data,
    my_number_check_digit,
)

# Weights of the 11 digits read left to right: the 1st digit is P_11 (Q = 11 - 5 = 6), the 6th is P_6 (Q = 7),
# the 7th is P_5 (Q = 6) and the 11th is P_1 (Q = 2). An independent spelling of the official formula.
WEIGHTS = (6, 5, 4, 3, 2, 7, 6, 5, 4, 3, 2)


def reference_check_digit(first_eleven: str) -> int:
    remainder = sum(int(d) * w for d, w in zip(first_eleven, WEIGHTS, strict=True)) % 11
    return 0 if remainder <= 1 else 11 - remainder


def kinds(value: str) -> list[tuple[str, str]]:
    return [(hit.kind, hit.text) for hit in find_personal_data(value)]


def full_width(text: str) -> str:
    return "".join(chr(ord(c) + 0xFEE0) if "!" <= c <= "~" else "\u3000" if c == " " else c for c in text)


# ---------------------------------------------------------------------------------------------- check digit


def test_check_digit_worked_by_hand() -> None:
    # 12345678901, P_n counted from the right: P1=1 P2=0 P3=9 P4=8 P5=7 P6=6 P7=5 P8=4 P9=3 P10=2 P11=1
    # Q_n = n+1 for n<=6, n-5 for n>=7:        Q1=2 Q2=3 Q3=4 Q4=5 Q5=6 Q6=7 Q7=2 Q8=3 Q9=4 Q10=5 Q11=6
    # products: 2 + 0 + 36 + 40 + 42 + 42 + 10 + 12 + 12 + 10 + 6 = 212
    # 212 mod 11 = 212 - 209 = 3, which is > 1, so the check digit is 11 - 3 = 8: 1234 5678 9018.
    assert my_number_check_digit("12345678901") == 8


@pytest.mark.parametrize(
    ("first_eleven", "expected"),
    [
        # all zeros: sum 0, r = 0 -> 0
        ("00000000000", 0),
        # only P1 = 1: sum 1*2 = 2, r = 2 -> 11 - 2 = 9
        ("00000000001", 9),
        # only P2 = 1: sum 1*3 = 3, r = 3 -> 8
        ("00000000010", 8),
        # only P1 = 6: sum 6*2 = 12, r = 1 -> 0 (the r <= 1 branch with a non-zero sum)
        ("00000000006", 0),
        # P5 = 1 (7th digit, Q5 = 6) and P4 = 1 (8th digit, Q4 = 5): sum 11, r = 0 -> 0
        ("00000011000", 0),
        # only P7 = 1 (5th digit, Q7 = n - 5 = 2): sum 2, r = 2 -> 9; checks the switch of Q at n = 7
        ("00001000000", 9),
        # only P6 = 1 (6th digit, Q6 = 7): sum 7, r = 7 -> 4
        ("00000100000", 4),
        # only P11 = 9 (1st digit, Q11 = 6): sum 54, 54 mod 11 = 10 -> 1
        ("90000000000", 1),
    ],
)
def test_check_digit_constructed(first_eleven: str, expected: int) -> None:
    assert my_number_check_digit(first_eleven) == expected
    assert reference_check_digit(first_eleven) == expected


@pytest.mark.parametrize(
    "bad", ["", "1234567890", "123456789012", "1234567890a", "１２３４５６７８９０１", "12345 67890"]
)
def test_check_digit_rejects_anything_but_eleven_ascii_digits(bad: str) -> None:
    with pytest.raises(ValueError):
        my_number_check_digit(bad)


def test_exactly_one_last_digit_makes_a_my_number() -> None:
    rng = random.Random(0)
    for _ in range(2000):
        prefix = "".join(rng.choice("0123456789") for _ in range(11))
        assert my_number_check_digit(prefix) == reference_check_digit(prefix)
        found = {last: find_personal_data(prefix + str(last)) for last in range(10)}
        valid = [last for last, hits in found.items() if hits]
        assert valid == [my_number_check_digit(prefix)], prefix
        assert found[valid[0]] == [Hit("my_number", prefix + str(valid[0]), 0)]


# ---------------------------------------------------------------------------------------------- e-mail


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("taro.yamada@example.co.jp", "taro.yamada@example.co.jp"),
        ("連絡先はtaro.yamada@example.co.jpです", "taro.yamada@example.co.jp"),
        ("担当：hanako+pmark@mail.example.com。", "hanako+pmark@mail.example.com"),
        ("Taro_Yamada@Example.CO.JP", "Taro_Yamada@Example.CO.JP"),
        ("送付先 taro..yamada.@docomo.ne.jp まで", "taro..yamada.@docomo.ne.jp"),
        ("(info-desk@my-company.example.jp)", "info-desk@my-company.example.jp"),
        ("<a.b@c.de>", "a.b@c.de"),
        ("メールアドレス：ｔａｒｏ＠ｅｘａｍｐｌｅ．ｃｏ．ｊｐです", "ｔａｒｏ＠ｅｘａｍｐｌｅ．ｃｏ．ｊｐ"),
        ("end of sentence taro@example.com.", "taro@example.com"),
        (".taro@example.com", "taro@example.com"),
    ],
)
def test_email_found(value: str, expected: str) -> None:
    assert kinds(value) == [("email", expected)]


@pytest.mark.parametrize(
    "value",
    [
        "メールアドレス",
        "taro@localhost",
        "taro@example",
        "taro@example.c",
        "taro@example.jp3",
        "@example.co.jp",
        "taro@",
        "taro@@example.jp",
        "taro@例え.jp",
        "山田@example.jp",
        "a @ example.jp",
        "@taro_yamada のアカウント",
    ],
)
def test_email_not_found(value: str) -> None:
    assert find_personal_data(value) == []


def test_email_wins_over_the_digits_inside_it() -> None:
    assert kinds("09012345678@docomo.ne.jp") == [("email", "09012345678@docomo.ne.jp")]
    assert kinds("123456789018@example.jp") == [("email", "123456789018@example.jp")]


# ---------------------------------------------------------------------------------------------- phone


@pytest.mark.parametrize(
    "number",
    [
        "03-1234-5678",
        "06-1234-5678",
        "045-123-4567",
        "0467-12-3456",
        "01267-2-3456",
        "090-1234-5678",
        "080-1234-5678",
        "070-1234-5678",
        "050-1234-5678",
        "0120-123-456",
        "0570-123-456",
        "0800-123-4567",
        "0312345678",
        "09012345678",
        "0120123456",
        "08001234567",
        "03 1234 5678",
        "090 1234 5678",
        "03-12345678",
        "03(1234)5678",
        "(03)1234-5678",
        "(0467)12-3456",
        "+81-3-1234-5678",
        "+81 3 1234 5678",
        "+81 90 1234 5678",
        "+81-90-1234-5678",
        "+819012345678",
        "+81 (0)3-1234-5678",
        "+81-120-123-456",
    ],
)
def test_phone_found(number: str) -> None:
    assert kinds(number) == [("phone", number)]
    assert kinds(f"問合せは担当の山田{number}まで") == [("phone", number)]
    assert kinds(f"TEL: {number} (平日9:00-18:00)") == [("phone", number)]


@pytest.mark.parametrize(
    "number",
    [
        "０３－１２３４－５６７８",
        "０９０－１２３４－５６７８",
        "０３１２３４５６７８",
        "０３　１２３４　５６７８",
        "＋８１－９０－１２３４－５６７８",
        "（０３）１２３４－５６７８",
        "03‐1234‐5678",  # U+2010 hyphen
        "03―1234―5678",  # U+2015 horizontal bar
        "03−1234−5678",  # U+2212 minus sign
        "03–1234–5678",  # U+2013 en dash
        "03ー1234ー5678",  # U+30FC prolonged sound mark, as a Japanese IME types the hyphen key
        "０３ー１２３４ー５６７８",
        "03ｰ1234ｰ5678",  # U+FF70 half-width prolonged sound mark
        "0３-1234-５678",  # mixed widths
    ],
)
def test_phone_found_in_full_width_and_look_alike_hyphens(number: str) -> None:
    assert kinds(f"電話番号は{number}です") == [("phone", number)]


def test_phone_in_parentheses_leaves_them_out() -> None:
    assert kinds("担当の山田(090-1234-5678)まで") == [("phone", "090-1234-5678")]
    assert kinds("担当の山田（090-1234-5678）まで") == [("phone", "090-1234-5678")]


def test_prolonged_sound_mark_in_words_is_not_a_separator() -> None:
    assert find_personal_data("データー0312ー管理者ーメール") == []
    assert find_personal_data("サーバー2台、ユーザー300名") == []


@pytest.mark.parametrize(
    "value",
    [
        # dates and times
        "2026-04-01",
        "2026/04/01",
        "２０２６－０４－０１",
        "2026年04月01日",
        "20260401",
        "2026-04-01T09:00:00+09:00",
        "2026-04-01 10:30",
        "令和8年4月1日",
        # ISO durations
        "P1Y",
        "P6M",
        "P1Y2M10D",
        "PT36H",
        "P2W",
        # version numbers
        "0.1.0",
        "v1.2.3",
        "3.11.7",
        "2025.04.01",
        "10.0.19045.3803",
        # postal codes
        "〒100-0001",
        "100-0001",
        "〒060-0001 北海道札幌市",
        "〒100-0001 東京都千代田区千代田1-1",
        "1000001",
        # P-mark registration numbers
        "10820123(03)",
        "第10820123(03)号",
        "登録番号：１０８２０１２３（０３）",
        # amounts and record counts
        "1,200,000",
        "¥1,200,000",
        "1,200,000円",
        "約12,000件",
        "3000件",
        "1234567件",
        "1,234,567,890",
        # digits that do not make up a phone number
        "031234567",  # 9 digits
        "0012345678",  # starts 00 (international prefix)
        "01234567890",  # 11 digits, but not 050/070/080/090/0800
        "0901234567890",  # 13 digits
        "1031234567899",  # a 13-digit run with 0312345678 inside
        "0312345678901",  # ... and at its start
        "99903-1234-5678",
        "03-1234-5678-9",  # a serial number that merely starts like a phone number
        "2026-03-1234-5678",
        "0.0312345678",  # a decimal
        "3.09012345678",
        "03-1234-567",
        "03/1234/5678",
        "03.1234.5678",
        "03  1234  5678",  # two separators
        "123456789012",  # 12 digits, wrong check digit
        "1234-5678-9012",
        "0312-3456-7890",  # 12 digits starting 03, wrong check digit: neither phone nor My Number
    ],
)
def test_not_personal_data(value: str) -> None:
    assert find_personal_data(value) == []


@pytest.mark.parametrize("number", ["0901234567", "090-123-4567", "030-123-4567"])
def test_ten_digit_numbers_match_generously(number: str) -> None:
    # No real 10-digit number starts 0X0, but these fit the landline shapes (0 + 9 digits, area code 1-4 digits
    # after the 0): a mistyped mobile number is still a phone number typed into a ledger, so err towards reporting.
    assert kinds(number) == [("phone", number)]


def test_phone_lists_and_neighbours() -> None:
    value = "TEL 03-1234-5678 / FAX 03-1234-5679、携帯090-1234-5678,045-123-4567 0120-123-456"
    assert [text for _, text in kinds(value)] == [
        "03-1234-5678",
        "03-1234-5679",
        "090-1234-5678",
        "045-123-4567",
        "0120-123-456",
    ]
    assert kinds("〒100-0001 03-1234-5678") == [("phone", "03-1234-5678")]
    assert kinds("2026-04-01 03-1234-5678") == [("phone", "03-1234-5678")]


# ---------------------------------------------------------------------------------------------- My Number


@pytest.mark.parametrize(
    "number",
    [
        "123456789018",
        "1234 5678 9018",
        "1234-5678-9018",
        "1234－5678－9018",
        "１２３４５６７８９０１８",
        "１２３４　５６７８　９０１８",
        "000000000000",
    ],
)
def test_my_number_found(number: str) -> None:
    assert kinds(number) == [("my_number", number)]
    assert kinds(f"個人番号：{number}（本人確認済）") == [("my_number", number)]


@pytest.mark.parametrize(
    "value",
    [
        "123456789012",  # wrong check digit (8 is right)
        "123456789017",
        "1234 5678 9012",
        "1234567890181",  # 13 digits
        "0123456789018",  # 13 digits
        "12345678901 8",
        "1234 5678 9018 1234",  # card-number-like grouping
        "9999 1234 5678 9018",
        "1234-5678-9018-1",
        "12345 678 9018",
        "1234.5678.9018",
    ],
)
def test_my_number_not_found(value: str) -> None:
    assert find_personal_data(value) == []


def test_my_number_is_not_also_a_phone_number() -> None:
    # Eleven digits that start like a Tokyo number, completed with their check digit.
    prefix = "03123456789"
    number = prefix + str(my_number_check_digit(prefix))
    assert kinds(number) == [("my_number", number)]
    grouped = f"{number[:4]}-{number[4:8]}-{number[8:]}"
    assert kinds(grouped) == [("my_number", grouped)]
    mobile = "09012345678"
    number = mobile + str(my_number_check_digit(mobile))
    assert kinds(f"番号{number}") == [("my_number", number)]


# ---------------------------------------------------------------------------------------------- offsets


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("連絡先はtaro.yamada@example.co.jpです", [Hit("email", "taro.yamada@example.co.jp", 4)]),
        (
            "ｔａｒｏ＠ｅｘａｍｐｌｅ．ｊｐ、０３－１２３４－５６７８",
            [
                Hit("email", "ｔａｒｏ＠ｅｘａｍｐｌｅ．ｊｐ", 0),
                Hit("phone", "０３－１２３４－５６７８", 16),
            ],
        ),
        (
            "山田 090-1234-5678 yamada@example.jp 個人番号1234 5678 9018",
            [
                Hit("phone", "090-1234-5678", 3),
                Hit("email", "yamada@example.jp", 17),
                Hit("my_number", "1234 5678 9018", 39),
            ],
        ),
        ("①03-1234-5678", [Hit("phone", "03-1234-5678", 1)]),
        ("㈱テスト 03-1234-5678", [Hit("phone", "03-1234-5678", 5)]),
        ("ｶﾞｽ会社 03-1234-5678", [Hit("phone", "03-1234-5678", 6)]),
    ],
)
def test_offsets(value: str, expected: list[Hit]) -> None:
    hits = find_personal_data(value)
    assert hits == expected
    for hit in hits:
        assert value[hit.start : hit.start + len(hit.text)] == hit.text


def test_hits_sorted_and_disjoint() -> None:
    value = "個人番号123456789018 連絡先 090-1234-5678 / taro@example.jp / 03-1234-5678 / 1234-5678-9018"
    hits = find_personal_data(value)
    assert [hit.kind for hit in hits] == ["my_number", "phone", "email", "phone", "my_number"]
    starts = [hit.start for hit in hits]
    assert starts == sorted(starts)
    for before, after in itertools.pairwise(hits):
        assert before.start + len(before.text) <= after.start
    for hit in hits:
        assert value[hit.start : hit.start + len(hit.text)] == hit.text


def test_full_width_folding_is_nfkc() -> None:
    """The folded characters are exactly those whose NFKC is one ASCII character in the full-width block."""
    for code in range(0xFF01, 0xFF5F):
        assert unicodedata.normalize("NFKC", chr(code)) == chr(code - 0xFEE0)
    assert full_width("03-1234-5678 taro@example.jp") == "０３－１２３４－５６７８　ｔａｒｏ＠ｅｘａｍｐｌｅ．ｊｐ"
    assert kinds(full_width("03-1234-5678 taro@example.jp")) == [
        ("phone", "０３－１２３４－５６７８"),
        ("email", "ｔａｒｏ＠ｅｘａｍｐｌｅ．ｊｐ"),
    ]


def test_only_ascii_digits_are_digits() -> None:
    assert find_personal_data("٠٣-١٢٣٤-٥٦٧٨") == []  # Arabic-Indic digits
    assert find_personal_data("⓪③-①②③④-⑤⑥⑦⑧") == []


def test_empty_and_plain_values() -> None:
    assert find_personal_data("") == []
    assert find_personal_data("氏名、住所、電話番号、メールアドレス、個人番号") == []


# ---------------------------------------------------------------------------------------------- allow list


@pytest.mark.parametrize(
    ("text", "allow", "expected"),
    [
        ("info@example.co.jp", ["info@example.co.jp"], True),
        ("info@example.co.jp", ["*@example.co.jp"], True),
        ("Info@Example.CO.JP", ["info@example.co.jp"], True),
        ("info@example.co.jp", ["*@EXAMPLE.co.jp"], True),
        ("ｉｎｆｏ＠ｅｘａｍｐｌｅ．ｃｏ．ｊｐ", ["*@example.co.jp"], True),
        ("info@example.co.jp", ["  info@example.co.jp  "], True),
        ("info@sub.example.co.jp", ["*@example.co.jp"], False),  # a subdomain needs its own pattern
        ("info@sub.example.co.jp", ["*@*.example.co.jp"], True),
        ("info@example.co.jp.evil.test", ["*@example.co.jp"], False),
        ("info@example.com", ["*@example.co.jp"], False),
        ("taro@example.co.jp", ["info@example.co.jp"], False),
        ("03-1234-5678", ["03-1234-5678"], True),
        ("03-1234-5678", ["03-*"], True),
        ("０３－１２３４－５６７８", ["03-*"], True),
        ("0120-123-456", ["0120-???-???"], True),
        ("03-1234-5678", ["0312345678"], False),  # separators must agree
        ("090-1234-5678", ["03-*"], False),
        ("123456789018", ["123456789018"], True),
        ("123456789018", ["1234*"], True),
        ("123456789018", [], False),
        ("[x]@example.jp", ["[x]@example.jp"], True),  # exact text even where fnmatch would read a class
    ],
)
def test_is_allowed(text: str, allow: list[str], expected: bool) -> None:
    assert is_allowed(text, allow) is expected


def test_is_allowed_takes_any_iterable() -> None:
    assert is_allowed("03-1234-5678", (pattern for pattern in ["*@example.jp", "03-*"]))
    assert not is_allowed("03-1234-5678", iter(()))


def test_email_pattern_is_bounded() -> None:
    """Every repetition before and after the @ is bounded, so a long value without an address is scanned in
    linear time (an unbounded local part took seconds on 80,000 characters of "a.a.a…")."""
    from pmarklint.rules.personal_data import _EMAIL

    assert "]*" not in _EMAIL.pattern and "]+" not in _EMAIL.pattern
    assert find_personal_data("a." * 40_000) == []


@settings(max_examples=300, deadline=None, database=None)
@given(st.lists(st.text(alphabet="0１2３-ー @＠a.jp", max_size=14), max_size=6))
def test_the_joint_prefilter_misses_no_text_that_holds_a_hit(texts: list[str]) -> None:
    """PML505 searches each entry's texts together first (may_hold_personal_data); a False must mean that no
    text alone holds a hit, and a text that hits makes it True. Digits never join across two texts."""
    if any(find_personal_data(text) for text in texts):
        assert may_hold_personal_data(texts)


def test_digits_of_two_texts_do_not_join() -> None:
    assert not may_hold_personal_data(["03-1234", "-5678"])
    assert not may_hold_personal_data(["0312345", "678"])
    assert may_hold_personal_data(["受注", "03-1234-5678"])
    assert not may_hold_personal_data([])
