# What Varnish keeps and who may empty it. Included by default.vcl, after its backend.
#
# The site decides what a shared cache may keep: pages for anonymous readers come with
# `Cache-Control: public, max-age=0, s-maxage=N, must-revalidate` (the app's page cache marks
# them) and Varnish keeps exactly those, for s-maxage. Anything without a public Cache-Control
# (search results, pages with filters, previews, errors, redirects), anything private, no-store
# or no-cache, and any response that sets a cookie goes to the reader and is not kept.
#
# Emptied by the site itself (wagtail.contrib.frontend_cache's HTTP backend with
# VARNISH_PURGE_URL): `PURGE /path` drops one page, `BAN /` drops every page, only on the
# `purge` listener and only from the addresses below.

import std;

acl purgers {
    "127.0.0.1";
    "::1";
    # The private networks Docker and compose give containers: the web, scheduler and worker.
    "10.0.0.0"/8;
    "172.16.0.0"/12;
    "192.168.0.0"/16;
}

sub vcl_recv {
    if (req.method == "PURGE" || req.method == "BAN") {
        if (local.socket != "purge" || !(client.ip ~ purgers)) {
            return (synth(405, "Not allowed"));
        }
        if (req.method == "PURGE") {
            return (purge);
        }
        # Every page: a change shown site-wide (navigation, listings, an image's new renditions).
        if (std.ban("obj.status != 0")) {
            return (synth(200, "Banned"));
        }
        return (synth(500, std.ban_error()));
    }
    if (local.socket == "purge") {
        return (synth(404, "Purges only"));
    }
    if (req.method != "GET" && req.method != "HEAD") {
        return (pass);
    }
    # The admin (and previews, which it serves) and documents (privacy checked per request).
    if (req.url ~ "^/(admin|documents)(/|$)") {
        return (pass);
    }
    if (req.http.Authorization) {
        return (pass);
    }
    # Cookies that matter: a session (a signed-in editor, a reader who unlocked a private page)
    # and a CSRF token (someone who used a form). Everything else (analytics) is dropped, so
    # every anonymous reader shares one copy.
    if (req.http.Cookie ~ "(^|;\s*)(sessionid|csrftoken)=") {
        return (pass);
    }
    unset req.http.Cookie;
    return (hash);
}

sub vcl_hash {
    # The host without its port, as purges name it (a Wagtail site's hostname).
    hash_data(req.url);
    if (req.http.host) {
        hash_data(std.tolower(regsub(req.http.host, ":[0-9]+$", "")));
    } else {
        hash_data(server.ip);
    }
    return (lookup);
}

sub vcl_backend_response {
    if (beresp.http.Set-Cookie
        || beresp.http.Cache-Control !~ "(^|[ ,])(public|s-maxage=)"
        || beresp.http.Cache-Control ~ "(^|[ ,])(private|no-store|no-cache)"
        || beresp.http.Vary ~ "\*") {
        # Not kept; remembered for a while so that the next request for it is not queued
        # behind this one (hit-for-miss).
        set beresp.ttl = 120s;
        set beresp.uncacheable = true;
        return (deliver);
    }
    return (deliver);
}

sub vcl_deliver {
    if (obj.hits > 0) {
        set resp.http.X-Cache = "HIT";
    } else {
        set resp.http.X-Cache = "MISS";
    }
}
