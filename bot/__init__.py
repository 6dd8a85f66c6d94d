"""articlebot's Discord front end: slash commands over the retrieval core.

`python -m bot` starts the bot (see `bot.__main__`); `python -m bot sync` registers the slash
commands globally and exits. Nothing in this package ranks or parses articles: that is
`retrieval`'s job.
"""
