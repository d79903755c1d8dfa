"""Document-level evidence for organisations: roles that make an unknown name a
company, marks of a product, brand or event, and surfaces that are never
organisations. Rule tests on spacy.blank("en") with the model's ORG guesses given."""
from __future__ import annotations

import pytest
import spacy

from pipeline.nlp import add_components
from tests.test_orgs_models import facts
from pipeline.normalize.org_evidence import (
    after_owner_word,
    ends_in_version,
    joins_names,
    trim_lower_lead,
    after_honorific,
    is_code_plural,
    is_event,
    is_not_org_head,
    names_a_product,
    not_org_terms,
    product_surfaces,
    role_names,
)


@pytest.fixture(scope="module")
def blank():
    return add_components(spacy.blank("en"))


def orgs(nlp, text, ner=()):
    """The org mentions, with the given strings marked as the model's ORG entities."""
    return [t for label, t, _ in facts(nlp, text, ner) if label == "org"]


@pytest.mark.parametrize(
    "text, names",
    [
        ("Tel Aviv, Israel-based Kestrel Path was founded in 2018.", ["Kestrel Path"]),
        ("Ford invested $1 billion in self-driving startup Ardent last year.", ["Ardent"]),
        ("Amazon also bought security camera company Flicker for $90 million.", ["Flicker"]),
        ("Edinburgh-based developer, Stormhouse, is behind the titles.", ["Stormhouse"]),
        ("Kestrel Path raises $12.5M to coach salespeople.", ["Kestrel Path"]),
        ("The market includes vendors like Mindgrove, Tallow, and Quillby.", ["Mindgrove", "Tallow", "Quillby"]),
        ("Derek Chan, investor with Larkspur, told reporters.", ["Larkspur"]),
        ("Companies like Chorus.ai fall into this category.", ["Chorus.ai"]),
        ("It raised €85 million in funding from Larkspur Partners, Quillby and Tallowfrance.", ["Larkspur Partners", "Quillby", "Tallowfrance"]),
        ("It took investment from Peter Thiel and Quillby.", ["Quillby"]),
        ("The merger, backed by Russian authorities, went ahead.", []),
        ("It won funding from Russian investors.", []),
        ("It won funding from Russian and Chinese investors.", []),
        ("Women Tech Makers like Quillby met in May.", []),
        ("Players like Lionel Messi and David Beckham earn more.", []),
        # the kind right before a list of two names or more
        ("American defense companies Tallowcore and Quillby Martin were added.", ["Quillby Martin", "Tallowcore"]),
        ("Chinese firms Mindgrove, Tallow and Quillby have filed.", ["Mindgrove", "Quillby", "Tallow"]),
        ("Rival banks Barclays and HSBC saw shares fall.", ["Barclays", "HSBC"]),
        ("Defense companies Tallowcore and Quillby Martin said they would bid.", ["Quillby Martin", "Tallowcore"]),
        ("Policy makers Powell and Lagarde were cautious.", []),
        ("Star players Messi and Neymar have left the club.", []),
        ("The companies Sony once owned were sold.", []),
        ("Investors Peter Thiel and Reid Hoffman agreed.", []),
        ("Director Christopher Nolan at Cannes said so.", []),
        ("The Seattle office said little.", []),
    ],
)
def test_roles_only_an_organisation_has(text, names):
    assert sorted({text[s:e] for s, e in role_names(text)}) == sorted(names)


def test_a_name_in_an_org_role_is_an_organisation_throughout(blank):
    text = "Kestrel Path raises $12.5M for its avatars. Rivals copy Kestrel Path often."
    assert orgs(blank, text) == ["Kestrel Path", "Kestrel Path"]


@pytest.mark.parametrize(
    "text, surface",
    [
        ("Its brands include Havana Club rum and more.", "Havana Club"),
        ("It launched a car-sharing service called Drivo last year.", "Drivo"),
        ("Sales outstripped Microsoft's Boxstation over the week.", "Boxstation"),
        ("It was boosted by the Zenbox-only game Rally Night.", "Zenbox"),
        ("It previewed one — Penbrush, a creative platform that rivals others.", "Penbrush"),
    ],
)
def test_marks_of_a_product(text, surface):
    assert surface in product_surfaces(text, {"Microsoft"})


@pytest.mark.parametrize(
    "text, surface",
    [
        ("Readers in the Guardian comment section disagreed.", "Guardian"),  # the paper's own section
        ("Sales of the slimline Sony sets rose.", "Sony"),  # an adjective, not a product noun
    ],
)
def test_no_product_mark(text, surface):
    assert surface not in product_surfaces(text, {})


def test_a_product_is_no_organisation_anywhere_in_the_document(blank):
    text = "Boxstation sales climbed, and Microsoft's Boxstation leads."
    assert orgs(blank, text, ner=["Boxstation"]) == ["Microsoft"]


@pytest.mark.parametrize(
    "text, end, product",
    [
        ("Baidu Maps has been upgraded.", 5, True),
        ("the all-electric Chevrolet Bolt", 26, True),
        ("Baidu CEO Robin Li said", 5, False),
        ("Google Cloud grew", 6, False),
        ("Pernod shares in Paris slipped", 6, False),
        ("like Microsoft Bing Chat and", 14, False),  # a listed model: the maker is named as such
        ("Huawei Ascend chips", 6, False),  # a listed chip
    ],
)
def test_an_organisation_name_that_begins_a_product_name(text, end, product):
    assert names_a_product(text, end) is product


def test_a_regional_arm_is_no_product():
    text = "unveil SB OpenAI Japan, a venture"
    assert names_a_product(text, text.index(" Japan"), places={text.index("Japan")}) is False


def test_listed_name_beginning_a_product_name_is_no_mention(blank):
    assert orgs(blank, "Baidu said on Monday that Baidu Maps has been upgraded.") == ["Baidu"]


@pytest.mark.parametrize("term", ["GMT", "EST", "CET", "JST", "PST", "Wi-Fi", "ADR", "COVID-19", "EUV", "CIO", "HR", "LNG", "NFT", "GDPR", "ASIC", "PC"])
def test_terms_and_time_zones_are_never_organisations(term):
    assert term in not_org_terms()
    assert "Reuters" not in not_org_terms()


def test_time_zones_do_not_depend_on_the_machines_tz_database(blank, tmp_path):
    """A machine with no tz database (a slim container) gives the same records."""
    import zoneinfo

    zoneinfo.reset_tzpath(to=[str(tmp_path)])
    not_org_terms.cache_clear()
    try:
        assert {"EST", "GMT", "PDT", "UTC"} <= not_org_terms()
        assert orgs(blank, "Trading resumed at 06.24 EST, regulators said.", ner=["EST"]) == []
    finally:
        zoneinfo.reset_tzpath()
        not_org_terms.cache_clear()


def test_a_time_zone_that_also_names_companies_is_one_only_after_a_clock_time(blank, org_bar_off):
    assert "ADT" not in not_org_terms() and "CDT" not in not_org_terms()
    assert orgs(blank, "Home security firm ADT said sales rose.", ner=["ADT"]) == ["ADT"]
    assert orgs(blank, "A report by CDT was out.", ner=["CDT"]) == ["CDT"]
    assert orgs(blank, "It was out at 10:30 CDT on the day.", ner=["CDT"]) == []
    assert orgs(blank, "It was read by 3 p.m. (IST) there.", ner=["IST"]) == []


@pytest.mark.parametrize("span, plural", [("PhDs", True), ("iPods", True), ("IPods", True), ("GPUs", True), ("UBS", False), ("Reuters", False), ("DreamWorks", False)])
def test_plurals_of_codes(span, plural):
    assert is_code_plural(span) is plural


def test_people_by_their_title_and_events_by_their_last_word(blank):
    text = "Dr Ilse Marrow, a researcher at the institute, spoke."
    assert after_honorific(text, 3)
    assert orgs(blank, text, ner=["Ilse Marrow"]) == []
    assert is_event("Darpa Urban Challenge") and not is_event("Challenge")
    assert orgs(blank, "It worked on the Darpa Urban Challenge in 2007.", ner=["Darpa Urban Challenge"]) == []


@pytest.mark.parametrize(
    "span, not_org",
    [
        ("Privacy Policy", True), ("Terms of Service", True), ("User Agreement", True), ("U.S. Dollar", True),
        ("Fahrenheit", True), ("Mr Marrow", True), ("Institute for Public Policy", False), ("Policy Exchange", False),
        ("Mr", False), ("Kestrel Path", False),
    ],
)
def test_legal_documents_currencies_units_and_people_by_title(span, not_org):
    assert is_not_org_head(span) is not_org


def test_a_sites_legal_document_is_no_organisation(blank):
    text = "By signing up you accept the Quuxa Terms of Service and Privacy Policy. Mr Marrow said so."
    assert orgs(blank, text, ner=["Terms of Service", "Privacy Policy", "Mr Marrow"]) == []


def test_a_capitalised_word_the_text_also_writes_in_lower_case_is_a_common_noun(blank):
    text = "What is gallium? Gallium is a metal."
    assert orgs(blank, text, ner=["Gallium"]) == []


def test_wire_story_angle_brackets_give_names_and_tickers(blank):
    text = "It will sell its stake to <Cavendish Harbour Holdings Ltd>.\n    Cavendish Harbour will list. Merck and Co Inc <MRK> agreed."
    found = orgs(blank, text)
    assert "Cavendish Harbour Holdings Ltd" in found and "Cavendish Harbour" in found
    assert "MRK" not in found


def test_names_in_page_furniture_do_not_spread_to_the_article(blank):
    text = "Home News Tallowmark Sport\nThe Tallowmark story is long."
    doc = blank.make_doc(text)
    doc.ents = [doc.char_span(10, 20, label="ORG")]
    doc._.furniture = ((0, 26),)
    for _, proc in blank.pipeline:
        doc = proc(doc)
    assert [s.text for s in doc.spans.get("facts", []) if s.label_ == "org"] == []


def test_and_co_is_part_of_the_legal_form(blank):
    from pipeline.normalize.orgs import canonical

    text = "under agreements with Merck and Co Inc <MRK>, it said."
    assert orgs(blank, text, ner=["Merck"]) == ["Merck and Co Inc"]
    assert canonical("Merck and Co Inc") == ("Merck", None)


@pytest.mark.parametrize(
    "span, version",
    [("Diablo IV", True), ("Karoo 2", True), ("Snapdragon X50", True), ("Big Fund III", False), ("Acme Capital", False)],
)
def test_a_name_ending_in_a_version_is_a_product(span, version):
    assert ends_in_version(span) is version


@pytest.mark.parametrize(
    "span, joined",
    [("Blur, Oasis", True), ("Patagonia (Repair Roll", True), ("Affiliation: University", True),
     ("Aug/Sept", True), ("Pew Internet and American Life Project", False), ("Merck and Co Inc", False)],
)
def test_punctuation_inside_a_span_joins_two_things(span, joined):
    assert joins_names(span) is joined


def test_a_word_owned_by_the_reader_is_no_name():
    text = "Discover our Briefings. Ask Briefings Ltd."
    assert after_owner_word(text, text.index("Briefings"))
    assert not after_owner_word(text, text.rindex("Briefings"))


def test_lower_case_words_before_a_name_are_trimmed():
    text = "the battle arena League of Legends"
    assert text[trim_lower_lead(text, 11, len(text)):] == "League of Legends"
    assert trim_lower_lead(text, 17, len(text)) == 17


def test_an_owner_and_its_team_are_no_suffixed_name():
    from pipeline.normalize.orgs import find_suffixed_names

    text = "Tesla’s AI work and Google's Ethical AI Team, unlike Horizon Robotics."
    assert [text[s:e] for s, e in find_suffixed_names(text)] == ["Horizon Robotics"]


def test_a_suffixed_name_the_dumps_write_as_a_thing_is_no_organisation(blank, monkeypatch):
    from pipeline.normalize import org_score

    table = {"Quuxa Learning Systems": [30, 0, 9]}  # "the Quuxa Learning Systems conference 2023"
    monkeypatch.setattr(org_score, "_contexts", lambda: table)
    text = "She spoke at Quuxa Learning Systems, then joined Horizon Robotics."
    assert orgs(blank, text) == ["Horizon Robotics"]


def test_a_malware_name_is_a_thing_not_its_maker(blank):
    text = "The Zorblax malware spread fast. Zorblax hit servers."
    assert orgs(blank, text, ner=["Zorblax"]) == []


def test_a_surname_before_a_possessive_is_still_a_person(blank):
    text = "Arthur Penhallow's plan was cheered. Arthur Penhallow's critics said Penhallow had none."
    ents = [("Arthur Penhallow's", "PERSON", 0), ("Arthur Penhallow's", "PERSON", 1), ("Penhallow", "ORG", 2)]
    assert orgs(blank, text, ner=ents) == []


def test_a_club_the_model_once_reads_as_a_person_stays_a_club(blank):
    text = "Fans cheered Westmoor United's win. United scored twice, and United led."
    ents = [("Westmoor United's", "PERSON", 0), ("United", "ORG", 1), ("United", "ORG", 2)]
    # the lone "United"s stay organisations (one reading as a person against two)
    assert orgs(blank, text, ner=ents).count("United") >= 2
