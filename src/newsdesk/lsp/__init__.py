"""`newsdesk lsp`: the newsroom's rules in the reporter's editor, while they write.

`rooms` knows the newsrooms the editor has open (settings, roster, rule engine, story index),
`features` turns a story's unsaved text into diagnostics, quick fixes, hovers and completions,
and `server` wires both to the Language Server Protocol with pygls. Only `server` imports
pygls, and only `newsdesk lsp` imports `server`.
"""
