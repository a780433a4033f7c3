"""Subcommands of the ``reader`` command line.

Each module named in :data:`COMMANDS` defines ``HELP`` (one line), ``add_arguments(parser)``
and ``run(args) -> int``. Modules import heavy libraries inside ``run`` only, so that
``reader --help`` stays fast.
"""

#: Subcommand names, in the order ``reader --help`` lists them; ``open`` is the default,
#: ``library`` runs when there is no argument at all.
COMMANDS: tuple[str, ...] = ("open", "entities", "export", "entity", "corrections", "lookup",
                              "prefetch", "cache", "feed", "library", "annotate",
                              "config")
