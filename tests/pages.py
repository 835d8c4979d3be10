"""The site's languages, as mkdocs.yml configures them, and the pages every language must have."""
from scripts.inputs.bidi import right_to_left
from scripts.inputs.settings import languages

# Every language, English (the source) first; those CLDR says are written right to left. Tests take
# them from here, so a language added to mkdocs.yml is tested with no test changed.
LANGS = [language.code for language in languages()]
RIGHT_TO_LEFT = [code for code in LANGS if right_to_left(code)]

# The pages every language must have (address, source file).
PAGES = {
    "": "index.md",
    "about-dit/": "about-dit.md",
    "is-dit-right-for-me/": "is-dit-right-for-me.md",
    "what-to-expect/": "what-to-expect.md",
    "phases/": "phases/index.md",
    "phases/beginning/": "phases/beginning.md",
    "phases/middle/": "phases/middle.md",
    "phases/ending/": "phases/ending.md",
    "after-dit/": "after-dit.md",
    "questions/": "questions.md",
    "other-therapies/": "other-therapies.md",
    "get-help-now/": "get-help-now.md",
    "about-this-information/": "about-this-information.md",
    "glossary/": "glossary.md",
    "for-professionals/": "for-professionals.md",
}
# Pages only English has so far: a language may translate them, and until it does, its pages link to
# the English one (scripts/inputs/easy_read.py).
ENGLISH_ONLY = {"easy-read/": "easy-read.md"}
