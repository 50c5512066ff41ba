"""The officers' console (``fasdip web``): what the machine leaves to a person, settled in
a browser. Starlette with server-rendered Jinja2 pages; no build step, no SPA.

- ``worklists``: the digest's lists, live, with counts, filters and search;
- ``casepage``: a case with its thread, documents, readings, findings and replies;
- ``actions``: corrections, judging again, sending, marking, notes, quarantine;
- ``auth``: officers' passwords (argon2), sessions, CSRF, slowed failed sign-ins;
- ``site``: rendering, the confirmation step, the guard behind a signed-in officer;
- ``case_routes``, ``action_routes``, ``signin``: the pages, each a named handler;
- ``app``: the route table and the middleware.
"""
