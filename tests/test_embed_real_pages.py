"""The real embed pages in a clinic's page on another origin: two embeds, left-to-right and
right-to-left, at phone and desktop widths, each frame as tall as its page (no inner scrollbar)."""
from __future__ import annotations

import pytest

from scripts.system.serve_static import serve

HOST_PAGE = """<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Clinic</title></head>
<body><h1>Our clinic</h1>
<script src="{site}embed.js" data-page="phases/middle" async></script>
<p>Between the two.</p>
<script src="{site}embed.js" data-page="phases/middle" data-lang="ar" async></script>
</body></html>"""


@pytest.mark.parametrize("width", [390, 1280])
def test_two_real_embeds_on_another_origin_fit_their_pages(browser, base_url, tmp_path, width):
    (tmp_path / "index.html").write_text(HOST_PAGE.format(site=base_url), encoding="utf-8")
    with serve(tmp_path) as host:
        host = host.replace("127.0.0.1", "localhost")  # another origin than the site
        context = browser.new_context(viewport={"width": width, "height": 900})
        tab = context.new_page()
        tab.goto(host)
        frames = tab.locator("iframe")
        assert frames.count() == 2
        assert frames.nth(0).get_attribute("src") == f"{base_url}embed/phases/middle/"
        assert frames.nth(1).get_attribute("src") == f"{base_url}ar/embed/phases/middle/"
        for index, lang in enumerate(["en", "ar"]):
            # Where a reader scrolls to it: Chromium may hold back an off-screen frame from another
            # origin (lazy loading, no new size), and the second frame starts below the first.
            frames.nth(index).scroll_into_view_if_needed()
            frame = frames.nth(index).element_handle().content_frame()
            frame.wait_for_load_state("load")
            assert frame.evaluate("document.documentElement.lang") == lang
            # The frame settles at its page's height (its page may grow as styles and fonts arrive).
            for _ in range(100):
                content, viewport = frame.evaluate("[document.documentElement.scrollHeight, innerHeight]")
                if content <= viewport + 1 and viewport > 300:
                    break
                tab.wait_for_timeout(200)
            assert content <= viewport + 1, f"{lang} frame scrolls inside at width {width}: {content} > {viewport}"
            # Its own page's height, not another frame's: no empty space below the page either.
            assert viewport <= content + 2, f"{lang} frame is taller than its page at width {width}: {viewport} > {content}"
        # Links in the embedded page open in the top window.
        assert frames.nth(1).element_handle().content_frame().evaluate("document.querySelector('base').target") == "_top"
        context.close()
