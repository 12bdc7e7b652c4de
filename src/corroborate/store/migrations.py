"""Schema versions of the SQLite store. Each entry upgrades version N-1 to N.

Append, never edit: a database at version N replays only the entries after N. The
version lives in SQLite's own `PRAGMA user_version`.
"""

from __future__ import annotations

MIGRATIONS: tuple[str, ...] = (
    # 1: documents, their removed noise, claims, and full-text search over documents.
    """
    CREATE TABLE documents (
        id INTEGER PRIMARY KEY,
        key TEXT NOT NULL UNIQUE,        -- identity across re-ingests: url, file#row or stdin hash
        path TEXT NOT NULL,              -- the file as given
        row INTEGER,                     -- record number inside a JSON/CSV container
        format TEXT NOT NULL,
        url TEXT,
        outlet TEXT,
        outlet_source TEXT,
        title TEXT,
        title_source TEXT,
        byline TEXT,
        published TEXT,                  -- ISO date or NULL: never guessed
        published_source TEXT,
        language TEXT,
        claims_status TEXT NOT NULL,
        text TEXT NOT NULL,              -- clean text: claim offsets index into it
        raw TEXT NOT NULL,
        content_hash TEXT NOT NULL,
        pipeline TEXT NOT NULL,          -- versions of the stages that made this row
        ingested_at TEXT NOT NULL
    );
    CREATE TABLE noise (
        doc_id INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
        line INTEGER NOT NULL,
        text TEXT NOT NULL,
        reason TEXT NOT NULL
    );
    CREATE INDEX noise_doc ON noise(doc_id);
    CREATE TABLE claims (
        id INTEGER PRIMARY KEY,
        doc_id INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
        start INTEGER NOT NULL,
        "end" INTEGER NOT NULL,
        text TEXT NOT NULL,
        source TEXT,
        chain TEXT NOT NULL,             -- JSON array, outermost reporter first
        cue TEXT,
        certainty TEXT NOT NULL CHECK (certainty IN ('asserted', 'hedged', 'denied')),
        hedges TEXT NOT NULL             -- JSON array
    );
    CREATE INDEX claims_doc ON claims(doc_id);
    CREATE INDEX claims_certainty ON claims(certainty);
    CREATE VIRTUAL TABLE documents_fts USING fts5(
        title, text, content='documents', content_rowid='id'
    );
    CREATE TRIGGER documents_ai AFTER INSERT ON documents BEGIN
        INSERT INTO documents_fts(rowid, title, text) VALUES (new.id, new.title, new.text);
    END;
    CREATE TRIGGER documents_ad AFTER DELETE ON documents BEGIN
        INSERT INTO documents_fts(documents_fts, rowid, title, text)
        VALUES ('delete', old.id, old.title, old.text);
    END;
    CREATE TRIGGER documents_au AFTER UPDATE ON documents BEGIN
        INSERT INTO documents_fts(documents_fts, rowid, title, text)
        VALUES ('delete', old.id, old.title, old.text);
        INSERT INTO documents_fts(rowid, title, text) VALUES (new.id, new.title, new.text);
    END;
    """,
    # 2: named entities, one row per (name, type), and their mentions as spans of documents.
    """
    CREATE TABLE entities (
        id INTEGER PRIMARY KEY,
        name TEXT NOT NULL,              -- the mention normalised (see store.entities)
        type TEXT NOT NULL,              -- PER, ORG or LOC
        UNIQUE (name, type)
    );
    CREATE TABLE mentions (
        doc_id INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
        entity_id INTEGER NOT NULL REFERENCES entities(id),
        start INTEGER NOT NULL,
        "end" INTEGER NOT NULL,
        text TEXT NOT NULL
    );
    CREATE INDEX mentions_doc ON mentions(doc_id);
    CREATE INDEX mentions_entity ON mentions(entity_id);
    """,
    # 3: where each claim's source, cue and content are written, and who read the frame.
    """
    ALTER TABLE claims ADD COLUMN source_start INTEGER;
    ALTER TABLE claims ADD COLUMN source_end INTEGER;
    ALTER TABLE claims ADD COLUMN cue_start INTEGER;
    ALTER TABLE claims ADD COLUMN cue_end INTEGER;
    ALTER TABLE claims ADD COLUMN content_start INTEGER;
    ALTER TABLE claims ADD COLUMN content_end INTEGER;
    ALTER TABLE claims ADD COLUMN attributed_by TEXT;  -- 'model', 'rules' or NULL (outlet)
    """,
    # 4: syndicated copies and near-duplicates (corroborate.link.copies): each copy points at
    # the earliest report of its group; MinHash signatures and their LSH band hashes are kept
    # so that a later ingest matches new reports against the stored ones without recomputing.
    """
    ALTER TABLE documents ADD COLUMN copy_of INTEGER REFERENCES documents(id) ON DELETE SET NULL;
    CREATE INDEX documents_copy_of ON documents(copy_of);
    CREATE TABLE signatures (
        doc_id INTEGER PRIMARY KEY REFERENCES documents(id) ON DELETE CASCADE,
        minhash BLOB NOT NULL            -- the MinHash hash values, uint32, little-endian
    );
    CREATE TABLE bands (
        doc_id INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
        band INTEGER NOT NULL,           -- LSH band number
        hash INTEGER NOT NULL            -- 64-bit hash of the band's slice of the signature
    );
    CREATE INDEX bands_hash ON bands(band, hash);
    CREATE INDEX bands_doc ON bands(doc_id);
    """,
    # 5: propositions (corroborate.link.propositions): claims from different reports that state
    # the same thing, each claim with its stance; the claims' sentence vectors, kept so that
    # each ingest embeds only new claims; full-text search over claims for `check`.
    """
    CREATE TABLE propositions (
        id INTEGER PRIMARY KEY,
        label TEXT NOT NULL,             -- the most central claim's content, trimmed
        claim_id INTEGER NOT NULL REFERENCES claims(id) ON DELETE CASCADE  -- that claim
    );
    CREATE TABLE proposition_claims (
        claim_id INTEGER PRIMARY KEY REFERENCES claims(id) ON DELETE CASCADE,
        proposition_id INTEGER NOT NULL REFERENCES propositions(id) ON DELETE CASCADE,
        stance TEXT NOT NULL CHECK (stance IN ('supports', 'refutes', 'discusses'))
    );
    CREATE INDEX proposition_claims_proposition ON proposition_claims(proposition_id);
    CREATE TABLE claim_vectors (
        claim_id INTEGER PRIMARY KEY REFERENCES claims(id) ON DELETE CASCADE,
        vector BLOB NOT NULL             -- float16 unit vector of the claim's content
    );
    CREATE VIRTUAL TABLE claims_fts USING fts5(text, content='claims', content_rowid='id');
    INSERT INTO claims_fts(claims_fts) VALUES ('rebuild');
    CREATE TRIGGER claims_ai AFTER INSERT ON claims BEGIN
        INSERT INTO claims_fts(rowid, text) VALUES (new.id, new.text);
    END;
    CREATE TRIGGER claims_ad AFTER DELETE ON claims BEGIN
        INSERT INTO claims_fts(claims_fts, rowid, text) VALUES ('delete', old.id, old.text);
    END;
    CREATE TRIGGER claims_au AFTER UPDATE ON claims BEGIN
        INSERT INTO claims_fts(claims_fts, rowid, text) VALUES ('delete', old.id, old.text);
        INSERT INTO claims_fts(rowid, text) VALUES (new.id, new.text);
    END;
    """,
    # 6: stable proposition ids: each claim's proposition at the last linking, by a key that
    # survives re-ingest (no reference to claims: a re-ingested report's claims get new ids),
    # and the next unused id.
    """
    CREATE TABLE proposition_keys (
        claim_key TEXT PRIMARY KEY,      -- report key # claim offset # text hash
        proposition_id INTEGER NOT NULL
    );
    CREATE TABLE proposition_counter (
        next_id INTEGER NOT NULL
    );
    INSERT INTO proposition_counter (next_id)
        SELECT coalesce(max(id), 0) + 1 FROM propositions;
    """,
    # 7: places (gazetteer entries the reports name) and their mentions, resolved or with the
    # reason why not; canonical actors and their mentions (corroborate.geo, corroborate.actors).
    # A mention belongs to the claims whose span holds it (joined on offsets, not stored).
    """
    CREATE TABLE places (
        geonames_id INTEGER PRIMARY KEY, -- GeoNames id; negative: the curated supplement
        name TEXT NOT NULL,
        country TEXT NOT NULL,
        admin1 TEXT,                     -- first-level region's name
        feature_type TEXT NOT NULL,      -- GeoNames feature code: PCLI, ADM1, PPLA, AIRB ...
        precision TEXT NOT NULL CHECK (precision IN ('point', 'city', 'region', 'country')),
        latitude REAL NOT NULL,
        longitude REAL NOT NULL
    );
    CREATE TABLE place_mentions (
        doc_id INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
        geonames_id INTEGER REFERENCES places(geonames_id),  -- NULL: unresolved
        start INTEGER NOT NULL,
        "end" INTEGER NOT NULL,
        text TEXT NOT NULL,
        reason TEXT                      -- why unresolved
    );
    CREATE INDEX place_mentions_doc ON place_mentions(doc_id);
    CREATE INDEX place_mentions_place ON place_mentions(geonames_id);
    CREATE TABLE actors (
        id INTEGER PRIMARY KEY,
        key TEXT NOT NULL,               -- folded canonical name: the identity across reports
        name TEXT NOT NULL,
        type TEXT NOT NULL,              -- PER or ORG
        UNIQUE (key, type)
    );
    CREATE TABLE actor_mentions (
        doc_id INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
        actor_id INTEGER NOT NULL REFERENCES actors(id),
        start INTEGER NOT NULL,
        "end" INTEGER NOT NULL,
        text TEXT NOT NULL,
        role TEXT                        -- title or role phrase written with the name
    );
    CREATE INDEX actor_mentions_doc ON actor_mentions(doc_id);
    CREATE INDEX actor_mentions_actor ON actor_mentions(actor_id);
    """,
    # 8 (issue 14): the web app's paged lists: reports newest first and by outlet without
    # sorting or scanning the whole table.
    """
    CREATE INDEX documents_published ON documents(published);
    CREATE INDEX documents_outlet ON documents(outlet, published);
    """,
    # 9 (#13): the confidence in each claim's certainty and what decided it.
    """
    ALTER TABLE claims ADD COLUMN certainty_score REAL;  -- 0..1; NULL without a parse
    ALTER TABLE claims ADD COLUMN certainty_by TEXT;     -- 'model', 'rules' or NULL (older rows)
    """,
    # 10 (issue #18): a claim's source as written where a pronoun or role phrase was resolved
    # to its speaker; a wire dateline's place, date and agency ("BEIRUT, March 3 (Reuters) -").
    """
    ALTER TABLE claims ADD COLUMN source_as_written TEXT;
    ALTER TABLE documents ADD COLUMN dateline_place TEXT;
    ALTER TABLE documents ADD COLUMN dateline_date TEXT;    -- ISO date or NULL: never guessed
    ALTER TABLE documents ADD COLUMN dateline_agency TEXT;
    """,
    # 11 (issue 16): `check`'s inverted-file index over the claim vectors
    # (corroborate.link.index): each vector's cell (NULL: stored since the index was built,
    # read by every query), each cell's vectors packed in one row (read a cell at a time), the
    # cells' centroids and what `check` needs of the whole ledger.
    # Deleting an indexed vector drops the index (the trigger): `check` then reads every
    # vector until the next linking rebuilds it, so an index never gives a stale answer.
    """
    ALTER TABLE claim_vectors ADD COLUMN cell INTEGER;
    CREATE INDEX claim_vectors_new ON claim_vectors(claim_id) WHERE cell IS NULL;
    CREATE TABLE vector_cells (
        cell INTEGER PRIMARY KEY,
        claim_ids BLOB NOT NULL,         -- int64, grouped by vector, ascending in a group
        vectors BLOB NOT NULL,           -- float16: each distinct vector once (copies share)
        counts BLOB NOT NULL             -- int64: how many of claim_ids each vector has
    );
    CREATE TABLE vector_index (
        vectors INTEGER NOT NULL,        -- claim vectors with a cell
        cells INTEGER NOT NULL,
        centroids BLOB NOT NULL,         -- float32, cells x dimensions
        sizes BLOB NOT NULL,             -- int64: each cell's vectors
        total BLOB NOT NULL,             -- float64 sum of the indexed vectors
        frequencies TEXT NOT NULL        -- JSON: check's IDF sample, its words' counts
    );
    CREATE TRIGGER claim_vectors_ad AFTER DELETE ON claim_vectors WHEN old.cell IS NOT NULL
    BEGIN
        DELETE FROM vector_index;
    END;
    -- how many claims hold each word: `search_claims` leaves out the commonest
    CREATE VIRTUAL TABLE claims_fts_vocab USING fts5vocab(claims_fts, 'row');
    """,
    # 12: translated copies (corroborate.link.crosslang): LSH bands over each report's
    # numbers sit beside the MinHash bands; dropping the signatures makes the next ingest
    # sign every report again, with both, and recompute every copy group.
    """
    DELETE FROM bands;
    DELETE FROM signatures;
    """,
)

SCHEMA_VERSION = len(MIGRATIONS)
