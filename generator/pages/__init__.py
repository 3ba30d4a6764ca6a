"""Page data: what each page shows, as typed contexts for the theme's templates.

One module per kind of page; each has a context class (a dataclass extending
:class:`site.Common`) and a function ``(site, page) -> context``. :data:`kinds.KINDS` lists them:
the build's plan names a page's kind, its pages stage makes the context and the render step
prints it with the kind's template. The handbook's template reference is generated from these
classes (``handbook.templates_page``), and a test checks every variable a default template uses
is a field of its context.

To add a kind of page: a context class and function in a module here, an entry in
:data:`kinds.KINDS`, a template in ``themes/default/templates/``, and the pages in ``build.plan``.
"""
