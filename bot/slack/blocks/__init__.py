"""Block Kit, built by pure functions from the engine's and the queue's values, one module per
surface (answer, forms, queue, home) on the small pieces of ``kit``.

No listener writes a dict literal: they call these. The plain ``text`` of an answer is the CLI's
text (``render_text``), so both surfaces say the same thing.
"""
