/*! DIT professional tools v1.0.0 | MIT */
/* The embed-code picker on /for-professionals/: shows the script tag and the plain iframe for the
   chosen page and language. The same addresses as scripts/sharing.py writes. */
(function () {
  "use strict";
  var form = document.querySelector(".dit-tools__picker");
  if (!form) return;
  var site = form.getAttribute("data-site");
  var defaultLang = form.getAttribute("data-default-lang");
  var page = form.querySelector("#dit-tools-page");
  var lang = form.querySelector("#dit-tools-lang");
  function escape(text) {
    return text.replace(/&/g, "&amp;").replace(/"/g, "&quot;").replace(/</g, "&lt;");
  }
  function update() {
    var path = page.value.replace(/^\/|\/$/g, "");
    var prefix = lang.value === defaultLang ? "" : lang.value + "/";
    var langAttr = lang.value === defaultLang ? "" : ' data-lang="' + lang.value + '"';
    form.querySelector("#dit-tools-script").value =
      '<script src="' + escape(site) + 'embed.js" data-page="' + escape(path) + '"' + langAttr + " async></" + "script>";
    form.querySelector("#dit-tools-iframe").value =
      '<iframe src="' + escape(site + prefix + "embed/" + (path ? path + "/" : "")) +
      '" title="Dynamic Interpersonal Therapy (DIT) information" loading="lazy" style="width:100%;height:900px;border:0"></iframe>';
  }
  page.addEventListener("change", update);
  lang.addEventListener("change", update);
  form.hidden = false;
  update();
})();
