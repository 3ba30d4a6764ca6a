"""One module per ``xxgk`` command.

Each module defines ``NAME``, ``HELP`` (one line), ``DESCRIPTION``, ``add_arguments(parser)``
and ``run(args) -> int`` (the exit status). The work itself lives in the pipeline modules;
a command module only turns arguments into one call and the result into output.
"""
