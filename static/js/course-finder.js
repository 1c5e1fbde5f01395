/* Course finder box: answers in place from the JSON endpoint. Without this script (or when the
   request fails) the form submits normally and the finder page gives the same answer. */
(function () {
    "use strict";

    function element(tag, text, className) {
        var node = document.createElement(tag);
        if (text) { node.textContent = text; }
        if (className) { node.className = className; }
        return node;
    }

    function link(href, text) {
        var anchor = element("a", text);
        anchor.href = href;
        return anchor;
    }

    function render(output, data) {
        output.textContent = "";
        if (data.intent_summary) {
            output.appendChild(element("p", "We read your request as: " + data.intent_summary + ".", "meta"));
        }
        data.messages.forEach(function (message) {
            output.appendChild(element("p", message, "notice"));
        });
        if (data.results.length) {
            var list = element("ol", "", "course-items");
            data.results.forEach(function (result) {
                var item = element("li", "", "course-item");
                var title = element("h3", "", "course-item__title");
                title.appendChild(link(result.url, result.title));
                item.appendChild(title);
                item.appendChild(element("p", result.explanation + (result.exact ? "" : " (a near match)"), "course-item__why"));
                list.appendChild(item);
            });
            output.appendChild(list);
        }
        var more = element("p");
        if (data.compare_url) {
            more.appendChild(link(data.compare_url, "Compare them side by side"));
            more.appendChild(document.createTextNode(" · "));
        }
        more.appendChild(link(data.finder_url, "Open this answer on its own page"));
        output.appendChild(more);
    }

    function enhance(form) {
        var output = document.getElementById(form.getAttribute("data-finder-output"));
        var endpoint = form.getAttribute("data-finder-json");
        if (!output || !endpoint || !window.fetch) { return; }
        form.addEventListener("submit", function (event) {
            event.preventDefault();
            var query = form.elements.q.value;
            output.setAttribute("aria-busy", "true");
            window.fetch(endpoint + "?q=" + encodeURIComponent(query), {
                headers: { Accept: "application/json" },
                credentials: "same-origin"
            }).then(function (response) {
                if (!response.ok) { throw new Error("finder answered " + response.status); }
                return response.json();
            }).then(function (data) {
                render(output, data);
                output.removeAttribute("aria-busy");
            }).catch(function () {
                output.removeAttribute("aria-busy");
                form.submit();
            });
        });
    }

    document.querySelectorAll("form[data-finder-json]").forEach(enhance);
}());
