/* Listen: the device's own voice reads the page aloud (Web Speech API), one sentence at a time, and the
   sentence being read is highlighted. partials/listen.html loads this file when the Listen button is
   first pressed, and that press starts the reading.
   - Only voices on the device (localService): a network voice would send the page's text to its vendor.
     With no such voice for the page's language the button says so; it never reads in a wrong voice.
   - It reads the article in order, without the controls, the dates, sources and share panel
     (.dit-page-info) or the embed picker, then the urgent-help block. The English shown beside a
     translation's urgent text (.dit-english) is left out: the voice speaks the page's language.
   - A phone number is read digit by digit, a pause between the groups it is written in:
     "116 123" is spoken as "1 1 6, 1 2 3" (the voice says each digit in its own language). So is the
     same number in the text ("NHS 111", "999 BSL"), which a voice would read as a quantity.
   - Pause stops the voice and Continue says the sentence again from its start: Chrome on Android
     cancels on speechSynthesis.pause(), and a sentence heard whole is easier to follow.
   - It stops when the reader leaves the page. */
(function () {
  "use strict";
  var box = document.querySelector(".dit-listen");
  if (!box) return;
  var toggle = box.querySelector(".dit-listen__toggle");
  var word = box.querySelector(".dit-listen__word");
  var stopButton = box.querySelector(".dit-listen__stop");
  var synth = window.speechSynthesis;
  var lang = document.documentElement.lang || "en";
  var SKIP = ".dit-listen, .dit-page-info, .dit-tools, .dit-english, .headerlink, script, style, svg, [hidden], [aria-hidden='true']";
  var BLOCK = "h1, h2, h3, h4, h5, h6, p, li, dt, dd, th, td, caption, figcaption, blockquote, pre, summary";
  var PHONE = "a[href^='tel:'], a[href^='sms:']";
  var HIGHLIGHT = "dit-listen";  /* ::highlight(dit-listen) in site.css */
  var canHighlight = !!(window.CSS && CSS.highlights && window.Highlight);
  var segmenter = window.Intl && Intl.Segmenter ? new Intl.Segmenter(lang, { granularity: "sentence" }) : null;
  var state = "idle";  /* idle, reading, paused or no-voice */
  var sentences = [], next = 0, voice = null, run = 0, marked = null, numbersInText = null;

  /* "0800 83 85 87" -> "0 8 0 0, 8 3, 8 5, 8 7" */
  function digitByDigit(written) {
    return written.trim().split(/\s+/).map(function (group) {
      return group.replace(/\D/g, "").split("").join(" ");
    }).filter(Boolean).join(", ");
  }

  /* Sentence boundaries in one block's text, as [start, end) pairs. */
  function sentenceSpans(text) {
    if (segmenter) {
      return Array.from(segmenter.segment(text), function (s) { return [s.index, s.index + s.segment.length]; });
    }
    var spans = [], pattern = /[^.!?\u061F\u06D4]+(?:[.!?\u061F\u06D4]+\S*\s*|$)/g, match;
    while ((match = pattern.exec(text)) && match[0]) spans.push([match.index, match.index + match[0].length]);
    return spans;
  }

  /* The text nodes of one root in reading order, grouped by the block (paragraph, heading, item) they are in. */
  function blocks(root) {
    var groups = [], group = null, node;
    var walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
    while ((node = walker.nextNode())) {
      var parent = node.parentElement;
      if (!node.data || !parent || parent.closest(SKIP)) continue;
      var block = parent.closest(BLOCK) || root;
      if (!group || group.block !== block) groups.push(group = { block: block, text: "", pieces: [] });
      group.pieces.push({ node: node, start: group.text.length, end: group.text.length + node.data.length,
                          phone: parent.closest(PHONE) });
      group.text += node.data;
    }
    return groups;
  }

  function at(pieces, offset, isEnd) {
    for (var i = 0; i < pieces.length; i++) {
      var piece = pieces[i];
      if (isEnd ? offset > piece.start && offset <= piece.end : offset >= piece.start && offset < piece.end) {
        return [piece.node, offset - piece.start];
      }
    }
  }

  function sentence(group, start, end) {
    var text = group.text, spoken = "", phones = [];
    while (start < end && /\s/.test(text[start])) start++;
    while (end > start && /\s/.test(text[end - 1])) end--;
    if (start >= end) return null;
    group.pieces.forEach(function (piece) {
      if (piece.end <= start || piece.start >= end) return;
      if (!piece.phone) return void (spoken += sayNumbers(text.slice(Math.max(start, piece.start), Math.min(end, piece.end))));
      if (phones.indexOf(piece.phone) < 0) spoken += digitByDigit(piece.phone.textContent);
      phones.push(piece.phone);
    });
    var range = document.createRange();
    range.setStart.apply(range, at(group.pieces, start, false));
    range.setEnd.apply(range, at(group.pieces, end, true));
    return { spoken: spoken.replace(/\s+/g, " ").trim(), range: range, block: group.block };
  }

  /* The page's phone numbers where they stand in the text, outside their links. */
  function sayNumbers(text) {
    return numbersInText ? text.replace(numbersInText, function (all, before, number) {
      return before + digitByDigit(number);
    }) : text;
  }

  function collect() {
    var out = [], written = {};
    var roots = [document.querySelector("article"), document.querySelector(".dit-urgent")].filter(Boolean);
    roots.forEach(function (root) {
      Array.prototype.forEach.call(root.querySelectorAll(PHONE), function (link) { written[link.textContent.trim()] = 1; });
    });
    var numbers = Object.keys(written).filter(Boolean).sort(function (a, b) { return b.length - a.length; });
    numbersInText = numbers.length ? new RegExp("(^|\\D)(" + numbers.map(function (number) {
      return number.replace(/[.*+?^${}()|[\]\\]/g, "\\$&").replace(/\s+/g, "\\s+");
    }).join("|") + ")(?!\\d)", "g") : null;
    roots.forEach(function (root) {
      blocks(root).forEach(function (group) {
        sentenceSpans(group.text).forEach(function (span) {
          var found = sentence(group, span[0], span[1]);
          if (found && found.spoken) out.push(found);
        });
      });
    });
    return out;
  }

  /* A voice on the device for the page's language; a British one first (the site is about UK services). */
  function localVoice() {
    var primary = lang.toLowerCase().split("-")[0], best = null, bestScore = -1;
    synth.getVoices().forEach(function (candidate) {
      var code = String(candidate.lang || "").toLowerCase().replace("_", "-");
      if (!candidate.localService || code.split("-")[0] !== primary) return;
      var score = (/-gb$/.test(code) ? 2 : 0) + (candidate.default ? 1 : 0);
      if (score > bestScore) { best = candidate; bestScore = score; }
    });
    return best;
  }

  /* Browsers fill their list of voices after the page loads, and say so with voiceschanged. */
  function withVoices(then) {
    if (synth.getVoices().length) return then();
    var done = false;
    function once() {
      if (done) return;
      done = true;
      synth.removeEventListener("voiceschanged", once);
      then();
    }
    synth.addEventListener("voiceschanged", once);
    setTimeout(once, 2000);  /* a browser with no voices at all may never say so */
  }

  function unmark() {
    if (canHighlight) CSS.highlights.delete(HIGHLIGHT);
    if (marked) marked.classList.remove("dit-listen-reading");
    marked = null;
  }

  function mark(current) {
    unmark();
    if (canHighlight) CSS.highlights.set(HIGHLIGHT, new Highlight(current.range));
    else (marked = current.block).classList.add("dit-listen-reading");  /* older browsers: the whole block */
    var where = current.range.getBoundingClientRect();
    if (where.top < 64 || where.bottom > window.innerHeight) current.block.scrollIntoView({ block: "center" });
  }

  function show(newState) {
    state = newState;
    word.textContent = box.getAttribute(state === "reading" ? "data-pause" : state === "paused" ? "data-resume"
                                        : state === "no-voice" ? "data-no-voice" : "data-listen");
    var stopHadFocus = document.activeElement === stopButton;
    stopButton.hidden = state === "idle" || state === "no-voice";
    if (stopHadFocus && stopButton.hidden) toggle.focus();
    if (state === "no-voice") toggle.setAttribute("aria-disabled", "true");
  }

  function speakNext(id) {
    if (id !== run) return;
    if (next >= sentences.length) { unmark(); return show("idle"); }
    var current = sentences[next++];
    var utterance = new SpeechSynthesisUtterance(current.spoken);
    utterance.lang = lang;
    utterance.voice = voice;
    utterance.onstart = function () { if (id === run) mark(current); };
    utterance.onend = function () { speakNext(id); };
    utterance.onerror = function () { if (id === run) stop(); };  /* after stop() (cancel) id is old */
    synth.speak(utterance);
  }

  function start() {
    withVoices(function () {
      voice = localVoice();
      if (!voice) return show("no-voice");
      synth.cancel();  /* anything another page left queued */
      sentences = collect();
      next = 0;
      show("reading");
      speakNext(++run);
    });
  }

  function pause() {
    run++;
    synth.cancel();
    next = Math.max(0, next - 1);  /* the sentence being read, again on Continue */
    show("paused");
  }

  function stop() {
    run++;
    synth.cancel();
    unmark();
    show("idle");
  }

  toggle.addEventListener("click", function () {
    if (state === "idle") start();
    else if (state === "reading") pause();
    else if (state === "paused") { show("reading"); speakNext(++run); }
  });
  stopButton.addEventListener("click", stop);
  addEventListener("pagehide", function () { if (state === "reading" || state === "paused") stop(); });
  window.__dit_listen = true;  /* the loader in partials/listen.html leaves the button to this script now */
  start();  /* the press that loaded this script */
})();
