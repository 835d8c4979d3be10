/* Ours: "Save for offline" and "Remove saved pages" (partials/offline.html loads this on the first
   tap, so no page downloads it before then). Saving registers the site's service worker (sw.js) and
   asks it to keep this language; removing deletes its caches and unregisters it. docs/offline.md. */
(function () {
  "use strict";
  var CACHES = "dit-offline-";

  function say(section, key) {
    section.querySelector(".dit-offline__status").textContent = section.getAttribute("data-" + key);
  }

  function ask(worker, message) {
    return new Promise(function (resolve) {
      var channel = new MessageChannel();
      channel.port1.onmessage = function (event) { resolve(event.data); };
      worker.postMessage(message, [channel.port2]);
    });
  }

  function save(section, button) {
    button.disabled = true;
    say(section, "saving");
    navigator.serviceWorker.register(section.getAttribute("data-worker"))
      .then(function () { return navigator.serviceWorker.ready; })
      .then(function (registration) { return ask(registration.active, {save: section.getAttribute("data-prefix")}); })
      .then(function (reply) {
        if (!reply.saved) throw new Error("not saved");
        document.documentElement.setAttribute("data-dit-saved", "");
        var manifest = document.createElement("link");
        manifest.rel = "manifest";
        manifest.href = section.getAttribute("data-manifest");
        document.head.appendChild(manifest);
        say(section, "saved");
        section.querySelector(".dit-offline__remove").focus();  /* the tapped button is gone: keep the reader's place */
      })
      .catch(function () { say(section, "failed"); })
      .then(function () { button.disabled = false; });
  }

  function remove(section, button) {
    button.disabled = true;
    caches.keys().then(function (keys) {
      return Promise.all(keys.filter(function (key) { return key.indexOf(CACHES) === 0; })
        .map(function (key) { return caches.delete(key); }));
    }).then(function () {
      return navigator.serviceWorker.getRegistrations();
    }).then(function (registrations) {
      var worker = new URL(section.getAttribute("data-worker"), location.href).href;
      return Promise.all(registrations.filter(function (registration) {
        var active = registration.active || registration.waiting || registration.installing;
        return active && active.scriptURL === worker;
      }).map(function (registration) { return registration.unregister(); }));
    }).then(function () {
      document.documentElement.removeAttribute("data-dit-saved");
      say(section, "removed");
      if (!button.offsetParent) section.querySelector(".dit-offline__save").focus();
    }).catch(function () { say(section, "failed"); })
      .then(function () { button.disabled = false; });
  }

  window.ditOffline = function (button) {
    var section = button.closest(".dit-offline");
    (button.getAttribute("data-offline") === "save" ? save : remove)(section, button);
  };
})();
