-- Orleans ADO.NET grain storage on PostgreSQL: the table plus WriteToStorageKey, ReadFromStorageKey
-- and ClearStorageKey.
--
-- Row identity is the whole key Orleans passes (service, state name and its hash, grain id hash,
-- N0/N1, extension string), enforced by the primary key so two activations can never create two
-- rows for one grain state. Orleans passes NULL for "no extension"; it is stored as '' so a plain
-- key (and ON CONFLICT on it) covers it.
--
-- Version is the ETag. A write or clear succeeds only when the caller's ETag equals the stored
-- Version, or when the caller has no ETag and there is no live payload (no row, or a row cleared
-- to NULL). Every write and clear returns exactly one row: the new Version on success, NULL on a
-- conflict, which the provider turns into InconsistentStateException. Clear keeps the row with a
-- NULL payload (a tombstone) so the version keeps increasing and a stale ETag still conflicts;
-- reads ignore tombstones, so a cleared state reads back as "no record".
CREATE TABLE IF NOT EXISTS OrleansStorage
(
    ServiceId              varchar(150) NOT NULL,
    GrainTypeHash          integer      NOT NULL,
    GrainIdHash            integer      NOT NULL,
    GrainIdN0              bigint       NOT NULL,
    GrainIdN1              bigint       NOT NULL,
    GrainTypeString        text         NOT NULL,
    GrainIdExtensionString text         NOT NULL,
    PayloadBinary          bytea        NULL,
    ModifiedOn             timestamptz  NOT NULL DEFAULT now(),
    Version                integer      NOT NULL,
    CONSTRAINT OrleansStorage_Key PRIMARY KEY
        (ServiceId, GrainTypeHash, GrainIdHash, GrainIdN0, GrainIdN1, GrainTypeString, GrainIdExtensionString)
);

INSERT INTO OrleansQuery (QueryKey, QueryText) VALUES
('ReadFromStorageKey', $sql$
SELECT PayloadBinary, Version
FROM OrleansStorage
WHERE ServiceId = @ServiceId
  AND GrainTypeHash = @GrainTypeHash AND GrainIdHash = @GrainIdHash
  AND GrainIdN0 = @GrainIdN0 AND GrainIdN1 = @GrainIdN1
  AND GrainTypeString = @GrainTypeString
  AND GrainIdExtensionString = coalesce(@GrainIdExtensionString, '')
  AND PayloadBinary IS NOT NULL;
$sql$),

('WriteToStorageKey', $sql$
WITH written AS (
    INSERT INTO OrleansStorage AS s
        (ServiceId, GrainTypeHash, GrainIdHash, GrainIdN0, GrainIdN1, GrainTypeString, GrainIdExtensionString,
         PayloadBinary, ModifiedOn, Version)
    SELECT @ServiceId, @GrainTypeHash, @GrainIdHash, @GrainIdN0, @GrainIdN1, @GrainTypeString,
           coalesce(@GrainIdExtensionString, ''), @PayloadBinary, now(), 1
    WHERE @GrainStateVersion IS NULL
       OR EXISTS (
           SELECT 1 FROM OrleansStorage e
           WHERE e.ServiceId = @ServiceId
             AND e.GrainTypeHash = @GrainTypeHash AND e.GrainIdHash = @GrainIdHash
             AND e.GrainIdN0 = @GrainIdN0 AND e.GrainIdN1 = @GrainIdN1
             AND e.GrainTypeString = @GrainTypeString
             AND e.GrainIdExtensionString = coalesce(@GrainIdExtensionString, ''))
    ON CONFLICT (ServiceId, GrainTypeHash, GrainIdHash, GrainIdN0, GrainIdN1, GrainTypeString, GrainIdExtensionString)
    DO UPDATE SET PayloadBinary = excluded.PayloadBinary, ModifiedOn = excluded.ModifiedOn, Version = s.Version + 1
    WHERE s.Version = @GrainStateVersion
       OR (@GrainStateVersion IS NULL AND s.PayloadBinary IS NULL)
    RETURNING s.Version)
SELECT (SELECT Version FROM written) AS NewGrainStateVersion;
$sql$),

('ClearStorageKey', $sql$
WITH cleared AS (
    INSERT INTO OrleansStorage AS s
        (ServiceId, GrainTypeHash, GrainIdHash, GrainIdN0, GrainIdN1, GrainTypeString, GrainIdExtensionString,
         PayloadBinary, ModifiedOn, Version)
    SELECT @ServiceId, @GrainTypeHash, @GrainIdHash, @GrainIdN0, @GrainIdN1, @GrainTypeString,
           coalesce(@GrainIdExtensionString, ''), NULL, now(), 1
    WHERE @GrainStateVersion IS NULL
       OR EXISTS (
           SELECT 1 FROM OrleansStorage e
           WHERE e.ServiceId = @ServiceId
             AND e.GrainTypeHash = @GrainTypeHash AND e.GrainIdHash = @GrainIdHash
             AND e.GrainIdN0 = @GrainIdN0 AND e.GrainIdN1 = @GrainIdN1
             AND e.GrainTypeString = @GrainTypeString
             AND e.GrainIdExtensionString = coalesce(@GrainIdExtensionString, ''))
    ON CONFLICT (ServiceId, GrainTypeHash, GrainIdHash, GrainIdN0, GrainIdN1, GrainTypeString, GrainIdExtensionString)
    DO UPDATE SET PayloadBinary = NULL, ModifiedOn = excluded.ModifiedOn, Version = s.Version + 1
    WHERE s.Version = @GrainStateVersion
       OR (@GrainStateVersion IS NULL AND s.PayloadBinary IS NULL)
    RETURNING s.Version)
SELECT (SELECT Version FROM cleared) AS NewGrainStateVersion;
$sql$)
ON CONFLICT (QueryKey) DO UPDATE SET QueryText = excluded.QueryText;
