"""The built-in pipeline stages, one module each, each defining `STAGE` (see `registry`).

Adding a stage: a module here that defines `STAGE = Stage(...)`, and its name in
`pipeline.DEFAULT_PIPELINE`.
"""
