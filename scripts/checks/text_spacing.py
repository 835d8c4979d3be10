"""WCAG 1.4.12 Text Spacing in a real browser: with a reader's own spacing applied, no text is cut off
and none sticks out of its box. Run by the accessibility gate on every page at each width."""
from __future__ import annotations

from babel.core import get_global

# The reader's overrides that 1.4.12 names: line height 1.5, paragraph spacing 2 em, letter spacing
# 0.12 em, word spacing 0.16 em. The last two only for Latin-script pages, as 1.4.12's note allows for
# scripts that do not use them: letter spacing breaks the joining of Arabic-script letters.
_LINES_AND_PARAGRAPHS = "* { line-height: 1.5 !important; } p { margin-bottom: 2em !important; }"
_LETTERS_AND_WORDS = "* { letter-spacing: 0.12em !important; word-spacing: 0.16em !important; }"

# For every element with text of its own that a reader can see: where it hides what overflows it
# (overflow hidden or clip, as Material's one-line titles do for their "…") or draws a box round its
# text (a background or a border), its text must fit inside, and no ancestor that hides its
# overflow may cut the text off. Content reachable by scrolling is not cut off. 1 px tolerance.
_CUT_OFF_TEXT = """async () => {
  await document.fonts.ready;
  // Settle what a change of width set moving (Material fades its search panel in and out).
  document.getAnimations().forEach(a => { if (a instanceof CSSTransition) a.finish(); });
  const problems = [];
  const overflow = new Map();  // element -> "hides", "scrolls" or "" (computed once each)
  const kind = el => {
    if (!overflow.has(el)) {
      const s = getComputedStyle(el), both = s.overflowX + s.overflowY;
      overflow.set(el, /auto|scroll/.test(both) ? "scrolls" : /hidden|clip/.test(both) ? "hides" : "");
    }
    return overflow.get(el);
  };
  const outer = new Map();  // element -> its nearest ancestor that hides or scrolls what overflows it
  const around = el => {
    const parent = el.parentElement;
    if (!parent || parent === document.body) return null;
    if (!outer.has(parent)) outer.set(parent, kind(parent) ? parent : around(parent));
    return outer.get(parent);
  };
  const describe = el => el.tagName.toLowerCase() + [...el.classList].map(c => "." + c).join("")
    + ` "${el.textContent.trim().replace(/\\s+/g, " ").slice(0, 40)}"`;
  for (const el of document.body.querySelectorAll("*")) {
    if (![...el.childNodes].some(n => n.nodeType === Node.TEXT_NODE && /\\S/.test(n.data))) continue;
    if (!el.checkVisibility({opacityProperty: true, visibilityProperty: true})) continue;
    const style = getComputedStyle(el);
    const boxed = style.backgroundColor !== "rgba(0, 0, 0, 0)" || parseFloat(style.borderTopWidth) > 0
      || parseFloat(style.borderBottomWidth) > 0;
    const hides = kind(el) === "hides";
    if ((hides || (boxed && !kind(el))) && el.clientHeight > 1
        && (el.scrollHeight - el.clientHeight > 1 || el.scrollWidth - el.clientWidth > 1)) {
      problems.push(`${describe(el)}: text ${hides ? "cut off" : "outside its box"} `
        + `(${el.scrollWidth}x${el.scrollHeight}px of text in ${el.clientWidth}x${el.clientHeight}px)`);
    }
    const clip = around(el);
    if (clip && kind(clip) === "hides") {
      const range = document.createRange();
      range.selectNodeContents(el);
      const text = range.getBoundingClientRect(), box = clip.getBoundingClientRect();
      const past = Math.max(box.top - text.top, text.bottom - box.bottom, box.left - text.left, text.right - box.right);
      if (text.width > 0 && past > 1) {
        problems.push(`${describe(el)}: text cut off by ${describe(clip).split(" ")[0]} (${Math.round(past)}px)`);
      }
    }
  }
  return problems;
}"""


def overrides_css(lang: str) -> str:
    """The 1.4.12 spacing a reader might set, for a page in `lang`."""
    script = get_global("likely_subtags").get(lang, "").split("_")[1:2]
    return _LINES_AND_PARAGRAPHS + (_LETTERS_AND_WORDS if script == ["Latn"] else "")


def cut_off_text(tab) -> list[str]:
    """What the page in a Playwright tab, at its current width and with the overrides applied, cuts off."""
    return tab.evaluate(_CUT_OFF_TEXT)
