-- Orleans' ADO.NET providers load every SQL statement they run from this table at start-up
-- (SELECT QueryKey, QueryText FROM OrleansQuery). Later scripts add or replace rows by key.
-- Identifiers are unquoted on purpose: PostgreSQL folds them to lower case and Npgsql matches the
-- column names Orleans asks for (QueryKey, Version, ...) case-insensitively.
CREATE TABLE IF NOT EXISTS OrleansQuery
(
    QueryKey  varchar(64) NOT NULL,
    QueryText text        NOT NULL,
    CONSTRAINT OrleansQuery_Key PRIMARY KEY (QueryKey)
);
