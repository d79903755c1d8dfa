"""Example tables for ``pipeline.normalize.percent.normalize_percent``.

Each example gives the mention span exactly as docs/ANNOTATION.md defines it
(``text``), the rest of its sentence before and after the span, and the value
the gold standard expects. Direction, basis and qualifier come from the words
around the span; a share or level (``48% of financing``, ``a 20% stake``) has
no direction. Spans taken from the seed articles keep their original sentences.
"""

from collections import namedtuple

import pytest

from pipeline.normalize.percent import normalize_percent
from tests.values import pct

Example = namedtuple("Example", ["id", "text", "before", "after", "expected"])


SIMPLE = [
    Example("percent-sign", "30%", "", "", pct(30)),
    Example("percent-word", "12 percent", "The company holds ", " of the market.", pct(12)),
    Example("per-cent-words", "5.5 per cent", "The central bank kept its rate at ", ".", pct(5.5)),
    Example("pct-abbrev", "7 pct", "Inflation stood at ", " in March.", pct(7)),
    Example("decimal", "0.5%", "The fee is ", " of assets.", pct(0.5)),
    Example("hundred", "100%", "The government owns ", " of the company.", pct(100)),
    Example("thousands-separator", "4,500%", "", "", pct(4500)),
    Example("space-before-sign", "15 %", "The tax rate is ", ".", pct(15)),
    Example(
        "seed-share-of-firms",
        "46%",
        "According to Accenture, while ",
        " of Chinese firms have adopted generative AI, only 9% report tangible gains "
        "in productivity or profit.",
        pct(46),
    ),
    Example(
        "seed-only-share",
        "9%",
        "According to Accenture, while 46% of Chinese firms have adopted generative AI, only ",
        " report tangible gains in productivity or profit.",
        pct(9),
    ),
]

RANGES = [
    Example(
        "seed-narrowing-loss-range",
        "26.47% to 39.84%",
        "The net profit is expected to be a loss ranging from 756 million yuan to "
        "924 million yuan, narrowing the year-on-year loss by ",
        ".",
        pct(low=26.47, high=39.84, direction="decrease", basis="yoy"),
    ),
    Example("hyphen-shared-sign", "10-15%", "Analysts expect margins of ", ".", pct(low=10, high=15)),
    Example(
        "between-and",
        "5% and 7%",
        "Economists expect growth of between ",
        " this year.",
        pct(low=5, high=7, direction="increase"),
    ),
    Example("to-words", "3 to 5 percent", "The fund targets returns of ", ".", pct(low=3, high=5)),
    Example("hyphen-both-signs", "10%-12%", "Fees are typically ", " of the deal.", pct(low=10, high=12)),
    Example(
        "per-cent-to",
        "20 to 30 per cent",
        "Prices could fall by ",
        ".",
        pct(low=20, high=30, direction="decrease"),
    ),
    Example(
        "range-increase",
        "8% to 10%",
        "The company expects revenue to grow by ",
        " next year.",
        pct(low=8, high=10, direction="increase"),
    ),
]

POINTS = [
    Example("percentage-points", "3 percentage points", "The gap is ", ".", pct(3, unit="points")),
    Example("basis-points", "65 basis points", "The spread is ", ".", pct(0.65, unit="points")),
    Example("bps", "50 bps", "The yield is ", " above Treasuries.", pct(0.5, unit="points")),
    Example("hundred-basis-points", "100 basis points", "The spread stands at ", ".", pct(1, unit="points")),
    Example(
        "percentage-point-singular",
        "0.5 percentage point",
        "The bank increased rates by ",
        ".",
        pct(0.5, direction="increase", unit="points"),
    ),
    Example(
        "down-points",
        "3 percentage points",
        "Gross margin was down ",
        " from a year earlier.",
        pct(3, direction="decrease", basis="yoy", unit="points"),
    ),
    Example(
        "cut-by-basis-points",
        "25 basis points",
        "Rates were cut by ",
        " on Wednesday.",
        pct(0.25, direction="decrease", unit="points"),
    ),
    Example(
        "bps-rise",
        "75 bps",
        "Yields rose ",
        " in a week.",
        pct(0.75, direction="increase", unit="points"),
    ),
    Example(
        "points-range",
        "2-3 percentage points",
        "The rate could fall by ",
        ".",
        pct(low=2, high=3, direction="decrease", unit="points"),
    ),
]

DIRECTION = [
    Example("cutting-by", "80%", "Baidu unveiled two models, cutting prices by ", " and 50% respectively.", pct(80, direction="decrease")),
    Example("cheaper-after", "83%", "It lists at 40 cents per million tokens, ", " cheaper than GPT-4o.", pct(83, direction="decrease")),
    Example("bp-cut-noun-after", "50 basis point", "The Federal Reserve delivered a ", " cut in September.",
            pct(0.5, direction="decrease", unit="points")),
    Example("raised-rate-by", "25 basis points", "The Bank of Japan raised its policy rate by ", " to 0.5% last month.",
            pct(0.25, direction="increase", unit="points")),
    Example("improved-by-points", "6 percentage points", "Gross margin improved by ", " to 38%.",
            pct(6, direction="increase", unit="points")),
    Example("closed-lower", "5%", "Shares closed ", " lower in Hong Kong.", pct(5, direction="decrease")),
    Example(
        "seed-headline-slumps",
        "30%",
        "Chinese AI/ML VC Funding Slumps ",
        " as Investors Shy Away from Foundation Models, Favor Practical Applications",
        pct(30, direction="decrease"),
    ),
    Example(
        "seed-fell-by",
        "30%",
        "Data from market research firm PitchBook shows that in the first quarter of "
        "2023, venture capital funding for AI and machine learning in China fell by ",
        " year-over-year to $1.2 billion.",
        pct(30, direction="decrease", basis="yoy"),
    ),
    Example(
        "seed-surged-over",
        "770%",
        "Supermicro, for instance, surged over ",
        " in the past twelve months, with an overall increase of over 100 times.",
        pct(770, qualifier="gt", direction="increase"),
    ),
    Example(
        "seed-increased-by-earlier-in-list",
        "120%",
        "ARM increased by three times, AMD by over ",
        ", and Intel by over 58%.",
        pct(120, qualifier="gt", direction="increase"),
    ),
    Example(
        "seed-increased-by-end-of-list",
        "58%",
        "ARM increased by three times, AMD by over 120%, and Intel by over ",
        ".",
        pct(58, qualifier="gt", direction="increase"),
    ),
    Example(
        "seed-share-after-increase",
        "96%",
        "Those holdings have increased their total net worth by $124 billion so far this year, ",
        " of total wealth gained on the Bloomberg Billionaires Index.",
        pct(96),
    ),
    Example(
        "seed-share-in-parenthesis",
        "46%",
        "However, the total financing amount reached $31 billion, a 14% year-on-year "
        "increase and nearly half (",
        ") of all AI transactions globally.",
        pct(46),
    ),
    Example(
        "seed-representing-share",
        "48%",
        "In 2023, the generative AI sector dominated the AI landscape, representing ",
        " of the overall financing value in the field.",
        pct(48),
    ),
    Example(
        "seed-grown-by",
        "39.96%",
        "Over the past twelve months (as of last Thursday), Cambricon’s stock price "
        "has only grown by ",
        ", and since the beginning of this year, its stock price has dropped by "
        "nearly 15% (14.46%).",
        pct(39.96, direction="increase"),
    ),
    Example(
        "seed-dropped-by-nearly",
        "15%",
        "Over the past twelve months (as of last Thursday), Cambricon’s stock price "
        "has only grown by 39.96%, and since the beginning of this year, its stock "
        "price has dropped by nearly ",
        " (14.46%).",
        pct(15, qualifier="approx", direction="decrease"),
    ),
    Example(
        "seed-exact-figure-in-parenthesis",
        "14.46%",
        "Over the past twelve months (as of last Thursday), Cambricon’s stock price "
        "has only grown by 39.96%, and since the beginning of this year, its stock "
        "price has dropped by nearly 15% (",
        ").",
        pct(14.46, direction="decrease"),
    ),
    Example(
        "seed-decreased-by",
        "24.41%",
        "Baidu (NASDAQ: BIDU) on the U.S. stock market decreased by ",
        ", while Baidu's Hong Kong stock (HKG: 9888) saw a decline of 26.28%.",
        pct(24.41, direction="decrease"),
    ),
    Example(
        "seed-a-decline-of",
        "26.28%",
        "Baidu (NASDAQ: BIDU) on the U.S. stock market decreased by 24.41%, while "
        "Baidu's Hong Kong stock (HKG: 9888) saw a decline of ",
        ".",
        pct(26.28, direction="decrease"),
    ),
    Example(
        "seed-drop-after",
        "65.73%",
        "SenseTime Group (HKG: 0020) witnessed a substantial ",
        " drop in its stock price, resulting in a market value reduction of over "
        "99 billion yuan.",
        pct(65.73, direction="decrease"),
    ),
    Example(
        "seed-reduced-by-more-than",
        "90%",
        "Baidu CEO Robin Li stated that the cost of model training “can be reduced by more than ",
        " over 12 months.”",
        pct(90, qualifier="gt", direction="decrease"),
    ),
    Example(
        "seed-level-from",
        "8%",
        "A survey by Gartner shows the percentage of mainland Chinese firms using "
        "generative AI skyrocketed from ",
        " in June 2023 to 43% less than a year later.",
        pct(8),
    ),
    Example(
        "seed-level-to",
        "43%",
        "A survey by Gartner shows the percentage of mainland Chinese firms using "
        "generative AI skyrocketed from 8% in June 2023 to ",
        " less than a year later.",
        pct(43),
    ),
    Example("up", "12.5%", "Revenue was up ", ".", pct(12.5, direction="increase")),
    Example("rose", "4%", "Alibaba shares rose ", " in Hong Kong.", pct(4, direction="increase")),
    Example("jumped", "25%", "Net profit jumped ", " to 3 billion yuan.", pct(25, direction="increase")),
    Example("grew-by", "9%", "Cloud revenue grew by ", ".", pct(9, direction="increase")),
    Example("increased-by", "11%", "Spending on AI chips increased by ", ".", pct(11, direction="increase")),
    Example("dropped", "6%", "Shares of the chipmaker dropped ", " in early trading.", pct(6, direction="decrease")),
    Example("declined", "2.3%", "The Hang Seng Tech index declined ", ".", pct(2.3, direction="decrease")),
    Example("slumped", "40%", "Smartphone shipments slumped ", ".", pct(40, direction="decrease")),
    Example("cut-by", "15%", "Operating costs were cut by ", ".", pct(15, direction="decrease")),
    Example(
        "narrowing-loss",
        "20%",
        "The company reported a net loss of 1.2 billion yuan, narrowing the loss by ",
        ".",
        pct(20, direction="decrease"),
    ),
    Example("rise-after", "5%", "The company reported a ", " rise in revenue.", pct(5, direction="increase")),
    Example("gain-after", "12%", "The index posted a ", " gain for the year.", pct(12, direction="increase")),
    Example("growth-after", "8%", "The sector recorded ", " growth in the quarter.", pct(8, direction="increase")),
    Example("increase-after", "3%", "Analysts expect a ", " increase in capex.", pct(3, direction="increase")),
    Example("fall-after", "3%", "Investors fear a ", " fall in demand.", pct(3, direction="decrease")),
    Example("decline-after", "7%", "The firm warned of a ", " decline in sales.", pct(7, direction="decrease")),
    Example("stake", "20%", "Tencent bought a ", " stake in the startup.", pct(20)),
    Example("accounted-for", "30%", "Cloud revenue accounted for ", " of total sales.", pct(30)),
    Example("up-to-is-not-up", "30%", "The fund may invest up to ", " of its assets in bonds.", pct(30, qualifier="le")),
]

BASIS = [
    Example(
        "seed-yoy-decrease-after",
        "38%",
        "Last year, the number of AI financing deals in China was about 232, a ",
        " year-on-year decrease, with a total financing amount of about $2 billion "
        "(approximately 14.25 billion yuan), a 70% year-on-year decrease.",
        pct(38, direction="decrease", basis="yoy"),
    ),
    Example(
        "seed-yoy-decrease-after-second",
        "70%",
        "Last year, the number of AI financing deals in China was about 232, a 38% "
        "year-on-year decrease, with a total financing amount of about $2 billion "
        "(approximately 14.25 billion yuan), a ",
        " year-on-year decrease.",
        pct(70, direction="decrease", basis="yoy"),
    ),
    Example(
        "seed-yoy-increase-after",
        "14%",
        "However, the total financing amount reached $31 billion, a ",
        " year-on-year increase and nearly half (46%) of all AI transactions globally.",
        pct(14, direction="increase", basis="yoy"),
    ),
    Example(
        "seed-yoy-increase-of-before",
        "4,500%",
        "In 2023, OpenAI's annual recurring revenue (ARR) exceeded $2 billion, a "
        "year-on-year increase of ",
        ".",
        pct(4500, direction="increase", basis="yoy"),
    ),
    Example(
        "seed-same-period-last-year",
        "30%",
        "The total deal value fell ",
        " compared with the same period last year.",
        pct(30, direction="decrease", basis="yoy"),
    ),
    Example("y-slash-y", "12.5%", "Revenue was up ", " y/y.", pct(12.5, direction="increase", basis="yoy")),
    Example("yoy", "25%", "Net profit jumped ", " yoy.", pct(25, direction="increase", basis="yoy")),
    Example(
        "year-on-year",
        "18%",
        "Revenue rose ",
        " year-on-year to 120 billion yuan.",
        pct(18, direction="increase", basis="yoy"),
    ),
    Example(
        "year-over-year",
        "5.2 percent",
        "Advertising revenue declined ",
        " year-over-year.",
        pct(5.2, direction="decrease", basis="yoy"),
    ),
    Example(
        "from-a-year-earlier",
        "4.2%",
        "Sales fell ",
        " from a year earlier.",
        pct(4.2, direction="decrease", basis="yoy"),
    ),
    Example(
        "quarter-on-quarter",
        "9%",
        "Data-centre revenue grew ",
        " quarter-on-quarter.",
        pct(9, direction="increase", basis="qoq"),
    ),
    Example("q-slash-q", "6%", "Shipments were down ", " q/q.", pct(6, direction="decrease", basis="qoq")),
    Example(
        "sequentially",
        "3%",
        "Revenue increased ",
        " sequentially.",
        pct(3, direction="increase", basis="qoq"),
    ),
    Example(
        "month-on-month",
        "0.3%",
        "Consumer prices rose ",
        " month-on-month in May.",
        pct(0.3, direction="increase", basis="mom"),
    ),
    Example(
        "no-basis",
        "10%",
        "The stock rose ",
        " after the earnings call.",
        pct(10, direction="increase"),
    ),
]

QUALIFIERS_EXAMPLES = [
    Example("nearly", "15%", "Margins reached nearly ", ".", pct(15, qualifier="approx")),
    Example("about", "20%", "The company holds about ", " of the market.", pct(20, qualifier="approx")),
    Example("around", "5%", "Growth is expected to be around ", ".", pct(5, qualifier="approx", direction="increase")),
    Example("roughly", "40 per cent", "Roughly ", " of users pay.", pct(40, qualifier="approx")),
    Example("almost", "60%", "Nvidia controls almost ", " of the market.", pct(60, qualifier="approx")),
    Example(
        "over-with-direction",
        "770%",
        "Supermicro shares surged over ",
        ".",
        pct(770, qualifier="gt", direction="increase"),
    ),
    Example("more-than", "90%", "More than ", " of the chips are imported.", pct(90, qualifier="gt")),
    Example(
        "more-than-with-direction",
        "14.5%",
        "Additionally, iFlytek faced a decline of more than ",
        ".",
        pct(14.5, qualifier="gt", direction="decrease"),
    ),
    Example("at-least", "10%", "Analysts expect a margin of at least ", ".", pct(10, qualifier="ge")),
    Example("or-more-after", "50%", "Discounts of ", " or more are common.", pct(50, qualifier="ge")),
    Example("up-to", "30%", "Prices could fall by up to ", ".", pct(30, qualifier="le", direction="decrease")),
    Example("less-than", "1%", "The unit contributes less than ", " of revenue.", pct(1, qualifier="lt")),
    Example("under", "2%", "Unemployment stayed under ", ".", pct(2, qualifier="lt")),
]

NOT_PERCENT = [
    Example("three-times", "three times", "ARM increased by ", ", AMD by over 120%.", None),
    Example("doubled", "doubled", "Microsoft's stock ", " and surpassed Apple.", None),
    Example("tripled", "tripled", "Revenue ", " in a year.", None),
    Example("multiplier-times", "100 times", "Supermicro posted an overall increase of over ", ".", None),
    Example("money", "$1.2 billion", "Funding fell 30% to ", ".", None),
    Example("year", "2023", "In ", ", funding fell.", None),
    Example("bare-number", "232", "The number of deals was about ", ".", None),
    Example("empty", "", "", "", None),
]

GROUPS = {
    "simple": SIMPLE,
    "ranges": RANGES,
    "points": POINTS,
    "direction": DIRECTION,
    "basis": BASIS,
    "qualifiers": QUALIFIERS_EXAMPLES,
    "not_percent": NOT_PERCENT,
}

ALL_EXAMPLES = [
    pytest.param(example, id=f"{group}-{example.id}")
    for group, examples in GROUPS.items()
    for example in examples
]


def _run(example):
    return normalize_percent(example.text, before=example.before, after=example.after)


def _is_number(x):
    return isinstance(x, (int, float)) and not isinstance(x, bool)


def assert_value(result, expected):
    if expected is None:
        assert result is None
        return
    assert isinstance(result, dict), f"expected a dict, got {result!r}"
    # Replace numbers that match within tolerance so that a failure shows one
    # readable dict diff of the remaining differences.
    shown = dict(result)
    for key, want in expected.items():
        got = result.get(key)
        if (
            isinstance(want, float)
            and _is_number(got)
            and got == pytest.approx(want, rel=1e-9)
        ):
            shown[key] = want
    assert shown == expected


@pytest.mark.parametrize("example", ALL_EXAMPLES)
def test_normalize_percent(example):
    assert_value(_run(example), example.expected)


def test_defaults_are_optional():
    assert_value(normalize_percent("30%"), pct(30))
    assert_value(normalize_percent("65 basis points"), pct(0.65, unit="points"))


def test_example_ids_are_unique():
    ids = [f"{group}-{e.id}" for group, examples in GROUPS.items() for e in examples]
    assert len(ids) == len(set(ids))


def test_a_change_and_a_level_are_no_range():
    from pipeline.normalize.percent import find_percents

    text = "Gross margin improved by 6 percentage points to 38%."
    assert [text[f.start : f.end] for f in find_percents(text)] == ["6 percentage points", "38%"]


def test_a_comma_and_a_space_part_a_count_from_a_percentage():
    from pipeline.normalize.percent import find_percents

    text = "Of the top 10, 100 percent reported gains."
    assert [(text[f.start : f.end], f.value["value"]) for f in find_percents(text)] == [("100 percent", 100.0)]


def test_units_after_number_words_come_from_the_unit_data():
    from pipeline.normalize.percent import find_percents

    text = "Rates rose two percentage points and nine pct."
    assert [(text[f.start : f.end], f.value["unit"]) for f in find_percents(text)] == [
        ("two percentage points", "points"),
        ("nine pct", "percent"),
    ]
