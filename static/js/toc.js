/*
 * The guide's contents mark the section being read (aria-current="location"), so the sticky
 * list also says where the reader is. A progressive enhancement: without it the list is plain
 * links.
 */
(function () {
    "use strict";

    var links = Array.prototype.slice.call(document.querySelectorAll(".toc a[href^='#']"));
    if (!links.length || !("IntersectionObserver" in window)) { return; }
    var byId = {};
    var targets = [];
    links.forEach(function (link) {
        var target = document.getElementById(decodeURIComponent(link.hash.slice(1)));
        if (target) { byId[target.id] = link; targets.push(target); }
    });
    var visible = {};

    function mark() {
        // The first section whose top part is on screen, else the last one that scrolled past.
        var current = null;
        for (var i = 0; i < targets.length; i++) {
            if (visible[targets[i].id]) { current = targets[i]; break; }
            if (targets[i].getBoundingClientRect().top < 0) { current = targets[i]; }
        }
        links.forEach(function (link) { link.removeAttribute("aria-current"); });
        if (current) { byId[current.id].setAttribute("aria-current", "location"); }
    }

    var observer = new IntersectionObserver(function (entries) {
        entries.forEach(function (entry) { visible[entry.target.id] = entry.isIntersecting; });
        mark();
    }, { rootMargin: "0px 0px -60% 0px" });
    targets.forEach(function (target) { observer.observe(target); });
}());
