// npm run dev's in-page script. The dev server adds it to each HTML page it serves (never to the
// files in dist/), as a plain classic script that needs nothing from SugarCube. It listens to
// /__dev/events: `reload` lists the files a build wrote, and the page reloads if its own file is
// one (SugarCube then restores the passage from sessionStorage); `error` shows the failed build
// in a box over the page, which still shows the last good build; `ok` takes the box away. Text
// goes in with textContent only: error messages quote the author's source.
//
// Play from here: `<page>#play-from=<passage>` opens that passage with what a player has on
// arriving there, as the server works it out (/__dev/play-from: the clues and answers along a
// route that reaches it), set with SugarCube's documented State.variables and Engine.play once
// the story is ready; the address then loses its #play-from, so a reload after a save restores
// the passage as SugarCube does. In a story map (an SVG document), each passage's box links there.
(function () {
  "use strict";
  if (typeof EventSource === "undefined") return;
  var OVERLAY_ID = "dev-build-error";
  var script = document.currentScript;
  var build = script ? script.getAttribute("data-dev-build") : null;
  // This page's file in the out folder, as the server names written files.
  var path = location.pathname;
  try {
    path = decodeURIComponent(path);
  } catch (e) {
    // a malformed address: compare it as it is
  }
  path = path.replace(/^\/+/, "");
  var page = path === "" || /\/$/.test(path) ? path + "index.html" : path;
  var query = "?page=" + encodeURIComponent(page) + (build ? "&build=" + encodeURIComponent(build) : "");
  var source = new EventSource("/__dev/events" + query);

  function whenReady(run) {
    if (document.body) run();
    else document.addEventListener("DOMContentLoaded", run, { once: true });
  }

  function line(parent, text, css) {
    var el = document.createElement("div");
    el.textContent = text;
    el.style.cssText = css || "";
    parent.appendChild(el);
    return el;
  }

  function hide() {
    var old = document.getElementById(OVERLAY_ID);
    if (old) old.remove();
  }

  function show(problems) {
    // A story map is an SVG document: it reloads, but has no body to put the box in.
    if (document.documentElement.namespaceURI !== "http://www.w3.org/1999/xhtml") return;
    whenReady(function () {
      hide();
      var box = document.createElement("div");
      box.id = OVERLAY_ID;
      box.setAttribute("role", "alert");
      box.style.cssText =
        "position:fixed;top:1em;left:1em;right:1em;max-height:80vh;overflow:auto;z-index:2147483647;" +
        "box-sizing:border-box;padding:1em 1.25em;background:#2d0a0a;color:#fde8e8;border:2px solid #f87171;" +
        "border-radius:6px;box-shadow:0 6px 24px rgba(0,0,0,.5);font:14px/1.5 ui-monospace,Menlo,Consolas,monospace;" +
        "text-align:left;white-space:pre-wrap;";
      line(box, "Build failed", "font-weight:bold;font-size:16px;margin-bottom:.5em;");
      problems.forEach(function (p) {
        var item = line(box, "", "margin:.5em 0;");
        item.className = "dev-build-problem";
        line(item, (p.where ? p.where + ": " : "") + p.message + " (" + p.source + ")", "color:#fff;");
        if (p.fix) line(item, "fix: " + p.fix, "color:#fca5a5;");
      });
      line(box, "the page shows the last good build", "margin-top:.75em;font-style:italic;color:#fecaca;");
      var close = document.createElement("button");
      close.type = "button";
      close.textContent = "dismiss";
      close.style.cssText = "margin-top:.75em;font:inherit;cursor:pointer;";
      close.addEventListener("click", hide);
      box.appendChild(close);
      document.body.appendChild(box);
    });
  }

  function note(text) {
    whenReady(function () {
      var box = document.createElement("div");
      box.className = "dev-play-from-note";
      box.setAttribute("role", "status");
      box.style.cssText =
        "position:fixed;bottom:1em;left:1em;right:1em;z-index:2147483646;box-sizing:border-box;padding:.75em 1em;" +
        "background:#fff7d6;color:#3b2f00;border:2px solid #d4a72c;border-radius:6px;font:14px/1.5 system-ui,sans-serif;";
      line(box, text);
      var close = document.createElement("button");
      close.type = "button";
      close.textContent = "dismiss";
      close.style.cssText = "margin-top:.5em;font:inherit;cursor:pointer;";
      close.addEventListener("click", function () {
        box.remove();
      });
      box.appendChild(close);
      document.body.appendChild(box);
    });
  }

  /** Runs `run` once SugarCube has started (its :storyready), or at once if it already has. */
  function whenStoryReady(run) {
    function started() {
      var sc = window.SugarCube;
      return !!(sc && sc.State && sc.Engine && sc.State.passage);
    }
    if (started()) return run();
    var done = false;
    function once() {
      if (done) return;
      done = true;
      run();
    }
    function listen() {
      if (window.jQuery) window.jQuery(document).one(":storyready", once);
      if (started()) once();
    }
    if (window.jQuery) listen();
    else document.addEventListener("DOMContentLoaded", listen, { once: true });
  }

  function playFrom() {
    var match = /^#play-from=(.*)$/.exec(location.hash);
    if (!match) return;
    var passage;
    try {
      passage = decodeURIComponent(match[1]);
    } catch (e) {
      return;
    }
    var asked = "/__dev/play-from?page=" + encodeURIComponent(page) + "&passage=" + encodeURIComponent(passage);
    fetch(asked)
      .then(function (response) {
        return response.json();
      })
      .then(function (state) {
        whenStoryReady(function () {
          var sc = window.SugarCube;
          history.replaceState(null, "", location.pathname + location.search);
          if (!state.found) return note("play from here: " + state.message);
          var variables = sc.State.variables;
          Object.keys(state.variables).forEach(function (name) {
            variables[name] = JSON.parse(JSON.stringify(state.variables[name]));
          });
          if (state.via === "none")
            note(
              'play from here: no route from the start reaches "' + state.passage + '"; it opens with an empty state',
            );
          sc.Engine.play(state.passage);
        });
      })
      .catch(function (e) {
        note("play from here: " + e);
      });
  }

  /** In a story map: each passage's box links to playing from it. */
  function linkBoxes(storyPage) {
    var SVG = "http://www.w3.org/2000/svg";
    Array.prototype.forEach.call(document.querySelectorAll("g.passage[data-name]"), function (box) {
      var a = document.createElementNS(SVG, "a");
      a.setAttribute(
        "href",
        "/" + encodeURIComponent(storyPage) + "#play-from=" + encodeURIComponent(box.getAttribute("data-name")),
      );
      a.setAttribute("class", "play-from");
      box.parentNode.insertBefore(a, box);
      a.appendChild(box);
    });
  }

  var storyPage = script ? script.getAttribute("data-story-page") : null;
  var playing = /^#play-from=/;
  if (storyPage) linkBoxes(storyPage);
  else if (/\.html$/.test(page)) {
    // A fresh game, not the one SugarCube would restore from this tab's session storage (this
    // script runs before SugarCube starts); a new #play-from on an open page loads it afresh.
    if (playing.test(location.hash)) sessionStorage.clear();
    playFrom();
    window.addEventListener("hashchange", function () {
      if (!playing.test(location.hash)) return;
      sessionStorage.clear();
      location.reload();
    });
  }

  source.addEventListener("reload", function (event) {
    var files = null;
    try {
      files = JSON.parse(event.data).files;
    } catch (e) {
      // no list: reload
    }
    if (files && files.indexOf(page) === -1) return;
    source.close();
    location.reload();
  });
  source.addEventListener("ok", hide);
  source.addEventListener("error", function (event) {
    // A dropped connection is an `error` without data; EventSource reconnects by itself.
    if (typeof event.data !== "string") return;
    try {
      show(JSON.parse(event.data).problems || []);
    } catch (e) {
      // not ours to break the page over
    }
  });
})();
