vcl 4.1;

# Varnish in front of the site, as docker-compose.yml runs it: readers on the `http` listener,
# purges on the `purge` listener, which is never published outside the compose network.
# What is cached and who may purge is in policy.vcl (the tests load that file unchanged, with
# their own backend).

backend default {
    .host = "web";
    .port = "8000";
    .connect_timeout = 5s;
    # gunicorn's --timeout: a slow page is the app's to cut short, not Varnish's.
    .first_byte_timeout = 60s;
    .probe = {
        # Answered by the app's first middleware: no database, cache or host check.
        .url = "/healthz";
        .interval = 5s;
        .timeout = 2s;
        .window = 5;
        .threshold = 3;
    }
}

include "policy.vcl";
