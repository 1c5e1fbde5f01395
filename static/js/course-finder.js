/* Course finder box: answers in place. The server renders the answer (finder/answer/, the same
   template the finder page includes), so the box and the page show the same courses with the
   same details; this script only fetches it and puts it in place. Without this script (or when
   the request fails) the form submits normally and the finder page gives the answer. */
(function () {
    "use strict";

    function enhance(form) {
        var output = document.getElementById(form.getAttribute("data-finder-output"));
        var endpoint = form.getAttribute("data-finder-answer");
        if (!output || !endpoint || !window.fetch) { return; }
        form.addEventListener("submit", function (event) {
            event.preventDefault();
            var query = form.elements.q.value;
            output.setAttribute("aria-busy", "true");
            window.fetch(endpoint + "?q=" + encodeURIComponent(query), {
                headers: { Accept: "text/html" },
                credentials: "same-origin"
            }).then(function (response) {
                if (!response.ok) { throw new Error("finder answered " + response.status); }
                return response.text();
            }).then(function (html) {
                // Markup the site rendered and escaped itself, from its own origin.
                output.innerHTML = html;
                output.removeAttribute("aria-busy");
            }).catch(function () {
                output.removeAttribute("aria-busy");
                form.submit();
            });
        });
    }

    document.querySelectorAll("form[data-finder-answer]").forEach(enhance);
}());
