-- Who is loading which file, so that two ingests never load one file at once (two CLI ingests,
-- an ingest beside a pipeline run, the SQL worker's two activity slots, several machines on one
-- server). Each file key's claims form a chain: a row names the claim it follows (`after`), and
-- is inserted with the deduplication token `<file_key>|<after>`, so of two ingests racing for the
-- same link exactly one row lands (MergeTree drops a block whose token it has seen): a
-- compare-and-set without transactions. Renewals are plain rows; a claim not renewed for a while
-- belonged to a process that died and may be taken over.
CREATE TABLE IF NOT EXISTS ingest_claims
(
    file_key String,
    after    String,
    claim_id String,
    action   Enum8('claim' = 1, 'renew' = 2, 'release' = 3),
    holder   String,
    at       DateTime64(3, 'UTC') DEFAULT now64(3)
)
ENGINE = MergeTree
ORDER BY (file_key, at)
SETTINGS non_replicated_deduplication_window = 100000;
