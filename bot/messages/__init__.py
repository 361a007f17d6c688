"""Every sentence the edge shows to people (the command line, the console, Slack), as small
functions, one module per surface. The pure packages speak in their own messages modules:
``answers.messages`` (an answer), ``consults.messages`` (the queue), ``directory.messages`` and
``intents.messages`` (file:line problems of their data). No other module holds Japanese text
(tests/test_code_quality.py checks)."""
