/*
 * Title suggestions while typing in a search box: a progressive enhancement.
 *
 * Without this script every search box is a plain GET form that works on its own. With it, an
 * input with data-suggest-url becomes an ARIA 1.2 combobox (WAI-ARIA APG "list autocomplete"):
 * Down/Up move through the suggestions, Enter opens the highlighted one (or searches when none is
 * highlighted), Escape closes the list (and clears the box when it is already closed), Tab leaves.
 * A polite live region announces how many suggestions there are.
 */
(function () {
    "use strict";

    var DEBOUNCE_MS = 150;
    var MIN_LENGTH = 2;
    var counter = 0;

    function enhance(input) {
        var wrapper = input.closest("[data-suggest]") || input.parentNode;
        var id = "suggest-" + (++counter);
        var list = document.createElement("ul");
        var status = document.createElement("div");
        var items = [];
        var active = -1;
        var timer = null;
        var controller = null;
        var lastQuery = "";

        list.id = id + "-list";
        list.className = "suggest-list";
        list.setAttribute("role", "listbox");
        list.setAttribute("aria-label", "Suggestions");
        list.hidden = true;
        status.className = "visually-hidden";
        status.setAttribute("role", "status");
        status.setAttribute("aria-live", "polite");
        wrapper.appendChild(list);
        wrapper.appendChild(status);

        input.setAttribute("role", "combobox");
        input.setAttribute("aria-autocomplete", "list");
        input.setAttribute("aria-expanded", "false");
        input.setAttribute("aria-controls", list.id);
        input.setAttribute("autocomplete", "off");

        function close() {
            list.hidden = true;
            input.setAttribute("aria-expanded", "false");
            input.removeAttribute("aria-activedescendant");
            active = -1;
        }

        function highlight(index) {
            var options = list.children;
            for (var i = 0; i < options.length; i++) {
                options[i].setAttribute("aria-selected", i === index ? "true" : "false");
            }
            active = index;
            if (index >= 0) {
                input.setAttribute("aria-activedescendant", options[index].id);
                options[index].scrollIntoView({ block: "nearest" });
            } else {
                input.removeAttribute("aria-activedescendant");
            }
        }

        function go(index) {
            if (items[index]) {
                window.location.assign(items[index].url);
            }
        }

        function render(suggestions) {
            items = suggestions;
            list.textContent = "";
            suggestions.forEach(function (item, index) {
                var option = document.createElement("li");
                var title = document.createElement("span");
                var type = document.createElement("span");
                option.id = id + "-option-" + index;
                option.setAttribute("role", "option");
                option.setAttribute("aria-selected", "false");
                title.textContent = item.title;
                type.className = "suggest-type";
                type.textContent = item.type === "course" ? "Course" : "Guide";
                option.appendChild(title);
                option.appendChild(type);
                // mousedown, not click: it fires before the input loses focus and closes the list.
                option.addEventListener("mousedown", function (event) {
                    event.preventDefault();
                    go(index);
                });
                list.appendChild(option);
            });
            if (suggestions.length) {
                list.hidden = false;
                input.setAttribute("aria-expanded", "true");
                status.textContent = suggestions.length + " suggestion" +
                    (suggestions.length === 1 ? "" : "s") + ": use the up and down arrow keys.";
            } else {
                close();
                status.textContent = "";
            }
            active = -1;
        }

        function fetchSuggestions() {
            var query = input.value.trim();
            if (query === lastQuery) {
                return;
            }
            lastQuery = query;
            if (controller) {
                controller.abort();
            }
            if (query.length < MIN_LENGTH) {
                render([]);
                return;
            }
            controller = "AbortController" in window ? new AbortController() : null;
            var url = input.getAttribute("data-suggest-url") + "?q=" + encodeURIComponent(query);
            fetch(url, {
                headers: { Accept: "application/json" },
                signal: controller ? controller.signal : undefined
            })
                .then(function (response) { return response.ok ? response.json() : { suggestions: [] }; })
                .then(function (data) {
                    if (document.activeElement === input && input.value.trim() === query) {
                        render(data.suggestions || []);
                    }
                })
                .catch(function () { /* aborted or offline: the plain form still works */ });
        }

        input.addEventListener("input", function () {
            window.clearTimeout(timer);
            timer = window.setTimeout(fetchSuggestions, DEBOUNCE_MS);
        });

        input.addEventListener("keydown", function (event) {
            var open = !list.hidden;
            switch (event.key) {
                case "ArrowDown":
                    if (!open && items.length) {
                        list.hidden = false;
                        input.setAttribute("aria-expanded", "true");
                    }
                    if (items.length) {
                        event.preventDefault();
                        highlight(active + 1 >= items.length ? 0 : active + 1);
                    }
                    break;
                case "ArrowUp":
                    if (open && items.length) {
                        event.preventDefault();
                        highlight(active <= 0 ? items.length - 1 : active - 1);
                    }
                    break;
                case "Enter":
                    if (open && active >= 0) {
                        event.preventDefault();
                        go(active);
                    }
                    break;
                case "Escape":
                    if (open) {
                        event.preventDefault();
                        close();
                    } else if (input.value) {
                        event.preventDefault();
                        input.value = "";
                        lastQuery = "";
                        items = [];
                    }
                    break;
                case "Tab":
                    close();
                    break;
                default:
                    break;
            }
        });

        input.addEventListener("blur", close);
    }

    function init() {
        var inputs = document.querySelectorAll("input[data-suggest-url]");
        for (var i = 0; i < inputs.length; i++) {
            if ("fetch" in window && inputs[i].closest) {
                enhance(inputs[i]);
            }
        }
    }

    if (document.readyState === "loading") {
        document.addEventListener("DOMContentLoaded", init);
    } else {
        init();
    }
})();
