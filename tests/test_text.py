from hypothesis import given
from hypothesis import strategies as st

from factcheck.lang import load
from factcheck.text import normalise, split_sentences, tokenise


def test_persian_digits_yeh_kaf_and_zwnj():
    src = "بین\u200cالمللی ۱۵۰۰ كشور علي"
    n = normalise(src)
    assert n.text == "بینالمللی 1500 کشور علی"
    s = n.text.index("1500")
    a, b = n.original_span(s, s + 4)
    assert src[a:b] == "۱۵۰۰"


def test_spaces_collapse_and_map_back():
    src = "23   oktyabr\u00a0 2020-ci   il"
    n = normalise(src)
    assert n.text == "23 oktyabr 2020-ci il"
    a, b = n.original_span(0, len(n.text))
    assert src[a:b] == src


def test_wrapped_line_joins_but_blank_line_and_list_items_break():
    src = ("A sentence that is long enough to be a wrapped line of text\ncontinues here.\n\n"
           "Heading\n- 21 noyabr, 2025\n- 17:40\nNext")
    n = normalise(src)
    assert "text continues" in n.text
    assert "here.\nHeading\n- 21 noyabr, 2025\n- 17:40\nNext" in n.text


def test_sentences_respect_abbreviations_and_turkic_ordinals():
    tr = load("tr")
    text = "Bakanları 1. Toplantısı yapıldı. Dr. Ömer Kocaman katıldı. Yeni cümle"
    toks = tokenise(text, tr.lower)
    bounds = split_sentences(text, toks, tr.words["sentences.abbreviations"], True)
    assert [text[s:e] for s, e in bounds] == [
        "Bakanları 1. Toplantısı yapıldı.", "Dr. Ömer Kocaman katıldı.", "Yeni cümle"]


@given(st.text(alphabet=st.sampled_from(list("ab ۱٢\u200c\u00a0\nيكz.-")), max_size=60))
def test_every_normalised_character_maps_back(src):
    n = normalise(src)
    assert len(n.offsets) == len(n.text)
    for i, ch in enumerate(n.text):
        o = n.offsets[i]
        if ch in " \n":
            assert src[o].isspace()
        else:
            assert normalise(src[o]).text == ch
    assert list(n.offsets) == sorted(n.offsets)
