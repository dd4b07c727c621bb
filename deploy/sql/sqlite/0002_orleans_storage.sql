-- Orleans ADO.NET grain storage on SQLite (embedded mode): the table plus WriteToStorageKey,
-- ReadFromStorageKey and ClearStorageKey. Same contract as deploy/sql/postgresql/0003: one row per
-- (service, state name, grain key) enforced by a unique key, NULL extension stored as '', Version
-- is the ETag, clear leaves a NULL-payload tombstone that reads ignore.
--
-- SQLite has no data-modifying CTEs, so each write is an upsert with RETURNING (SQLite >= 3.35)
-- followed by a second statement that yields a NULL NewGrainStateVersion when the upsert changed
-- nothing (changes() is per connection, so other writers cannot disturb it). The provider reads
-- both result sets: exactly one row comes back, the new version or NULL (= ETag conflict).
-- Single quotes inside the query texts are doubled ('''' is the empty string '').
CREATE TABLE IF NOT EXISTS OrleansStorage
(
    ServiceId              TEXT    NOT NULL,
    GrainTypeHash          INTEGER NOT NULL,
    GrainIdHash            INTEGER NOT NULL,
    GrainIdN0              INTEGER NOT NULL,
    GrainIdN1              INTEGER NOT NULL,
    GrainTypeString        TEXT    NOT NULL,
    GrainIdExtensionString TEXT    NOT NULL,
    PayloadBinary          BLOB    NULL,
    ModifiedOn             TEXT    NOT NULL,
    Version                INTEGER NOT NULL,
    CONSTRAINT OrleansStorage_Key UNIQUE
        (ServiceId, GrainTypeHash, GrainIdHash, GrainIdN0, GrainIdN1, GrainTypeString, GrainIdExtensionString)
);

INSERT INTO OrleansQuery (QueryKey, QueryText) VALUES
('ReadFromStorageKey', '
SELECT PayloadBinary, Version
FROM OrleansStorage
WHERE ServiceId = @ServiceId
  AND GrainTypeHash = @GrainTypeHash AND GrainIdHash = @GrainIdHash
  AND GrainIdN0 = @GrainIdN0 AND GrainIdN1 = @GrainIdN1
  AND GrainTypeString = @GrainTypeString
  AND GrainIdExtensionString = coalesce(@GrainIdExtensionString, '''')
  AND PayloadBinary IS NOT NULL;
'),

('WriteToStorageKey', '
INSERT INTO OrleansStorage
    (ServiceId, GrainTypeHash, GrainIdHash, GrainIdN0, GrainIdN1, GrainTypeString, GrainIdExtensionString,
     PayloadBinary, ModifiedOn, Version)
SELECT @ServiceId, @GrainTypeHash, @GrainIdHash, @GrainIdN0, @GrainIdN1, @GrainTypeString,
       coalesce(@GrainIdExtensionString, ''''), @PayloadBinary, CURRENT_TIMESTAMP, 1
WHERE @GrainStateVersion IS NULL
   OR EXISTS (
       SELECT 1 FROM OrleansStorage e
       WHERE e.ServiceId = @ServiceId
         AND e.GrainTypeHash = @GrainTypeHash AND e.GrainIdHash = @GrainIdHash
         AND e.GrainIdN0 = @GrainIdN0 AND e.GrainIdN1 = @GrainIdN1
         AND e.GrainTypeString = @GrainTypeString
         AND e.GrainIdExtensionString = coalesce(@GrainIdExtensionString, ''''))
ON CONFLICT (ServiceId, GrainTypeHash, GrainIdHash, GrainIdN0, GrainIdN1, GrainTypeString, GrainIdExtensionString)
DO UPDATE SET PayloadBinary = excluded.PayloadBinary, ModifiedOn = excluded.ModifiedOn,
              Version = OrleansStorage.Version + 1
WHERE OrleansStorage.Version = @GrainStateVersion
   OR (@GrainStateVersion IS NULL AND OrleansStorage.PayloadBinary IS NULL)
RETURNING Version AS NewGrainStateVersion;
SELECT NULL AS NewGrainStateVersion WHERE changes() = 0;
'),

('ClearStorageKey', '
INSERT INTO OrleansStorage
    (ServiceId, GrainTypeHash, GrainIdHash, GrainIdN0, GrainIdN1, GrainTypeString, GrainIdExtensionString,
     PayloadBinary, ModifiedOn, Version)
SELECT @ServiceId, @GrainTypeHash, @GrainIdHash, @GrainIdN0, @GrainIdN1, @GrainTypeString,
       coalesce(@GrainIdExtensionString, ''''), NULL, CURRENT_TIMESTAMP, 1
WHERE @GrainStateVersion IS NULL
   OR EXISTS (
       SELECT 1 FROM OrleansStorage e
       WHERE e.ServiceId = @ServiceId
         AND e.GrainTypeHash = @GrainTypeHash AND e.GrainIdHash = @GrainIdHash
         AND e.GrainIdN0 = @GrainIdN0 AND e.GrainIdN1 = @GrainIdN1
         AND e.GrainTypeString = @GrainTypeString
         AND e.GrainIdExtensionString = coalesce(@GrainIdExtensionString, ''''))
ON CONFLICT (ServiceId, GrainTypeHash, GrainIdHash, GrainIdN0, GrainIdN1, GrainTypeString, GrainIdExtensionString)
DO UPDATE SET PayloadBinary = NULL, ModifiedOn = excluded.ModifiedOn, Version = OrleansStorage.Version + 1
WHERE OrleansStorage.Version = @GrainStateVersion
   OR (@GrainStateVersion IS NULL AND OrleansStorage.PayloadBinary IS NULL)
RETURNING Version AS NewGrainStateVersion;
SELECT NULL AS NewGrainStateVersion WHERE changes() = 0;
')
ON CONFLICT (QueryKey) DO UPDATE SET QueryText = excluded.QueryText;
