/*! DIT embed page v1.0.0 | MIT */
/* Runs inside an embedded page: tells the embedding page how tall this page is, so its iframe fits
   with no inner scrollbar (postMessage for embed.js; requestResize() for browsers that size frames
   themselves). The height is not private: any parent may read it. */
(function () {
  "use strict";
  if (window.parent === window) return;
  var last = -1;
  function send() {
    var height = Math.ceil(document.documentElement.getBoundingClientRect().height);
    if (height === last) return;
    last = height;
    window.parent.postMessage({ type: "dit-embed:height", height: height }, "*");
    if (typeof window.requestResize === "function") {
      try { window.requestResize(); } catch (error) { /* not embedded in an iframe */ }
    }
  }
  if ("ResizeObserver" in window) new ResizeObserver(send).observe(document.documentElement);
  window.addEventListener("load", send);
  send();
})();
