/*! DIT embed v1.0.0 | MIT */
// Puts a page of the DIT patient-information site into any web page, sized to its content:
//   <script src="https://SITE/embed.js" data-page="phases/middle" data-lang="pl" async></script>
// data-page: the page's address ("" or absent: the home page); data-lang: cy, pl, es, ar, ur
// (absent: English); data-title: the iframe's accessible name.
// The iframe goes right after the script tag. The embed page reports its content height with
// postMessage({type: "dit-embed:height", height}); only that iframe's own messages from the
// site's origin are believed. No cookies, no storage, no requests besides the iframe itself.
(function () {
  "use strict";

  var TYPE = "dit-embed:height";
  var DONE = "data-dit-embed"; // marks script tags that already have their iframe
  var TITLE = "Dynamic Interpersonal Therapy (DIT) information";

  // This script tag; browsers without document.currentScript get every tag not yet handled.
  var tags = document.currentScript ? [document.currentScript]
    : document.querySelectorAll('script[src*="embed.js"][data-page]:not([' + DONE + "])");
  for (var i = 0; i < tags.length; i++) embed(tags[i]);

  function embed(tag) {
    tag.setAttribute(DONE, "");

    // The site lives in the folder that holds this file, at whatever host and path.
    var base = new URL(".", tag.src);
    var page = (tag.getAttribute("data-page") || "").trim().replace(/^\/+|\/+$/g, "");
    var lang = (tag.getAttribute("data-lang") || "").trim();
    if (!/^[a-z0-9\/-]*$/.test(page) || /\/\//.test(page) || !/^([a-z]{2,3}(-[A-Z][a-z]{3})?(-[A-Z]{2})?)?$/.test(lang)) {
      if (window.console) console.warn("DIT embed: ignoring bad data-page or data-lang", tag);
      return;
    }

    var frame = document.createElement("iframe");
    frame.src = base.href + (lang && lang !== "en" ? lang + "/" : "") + "embed/" + (page ? page + "/" : "");
    frame.title = tag.getAttribute("data-title") || TITLE;
    frame.setAttribute("loading", "lazy");
    frame.setAttribute("referrerpolicy", "strict-origin-when-cross-origin");
    var style = frame.style;
    style.width = "100%";
    style.border = "0";
    style.display = "block";
    style.height = "600px"; // until the page says how tall it is
    // Not `frame-sizing: content-height`: in Chromium 156 it sometimes overrode the reported height
    // with the frame's default 150px. The embed pages still opt in for hosts that choose it.

    window.addEventListener("message", function (event) {
      var data = event.data;
      // Only this iframe, and only while it shows the site: not the host, not other frames.
      if (event.origin !== base.origin || event.source !== frame.contentWindow) return;
      if (!data || typeof data !== "object" || data.type !== TYPE) return;
      var height = data.height;
      if (typeof height === "number" && height > 0 && height <= 100000) {
        style.height = Math.ceil(height) + "px";
      }
    });

    tag.parentNode.insertBefore(frame, tag.nextSibling);
  }
})();
