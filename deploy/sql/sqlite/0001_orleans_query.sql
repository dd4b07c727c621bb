-- Orleans' ADO.NET providers load every SQL statement they run from this table at start-up
-- (SELECT QueryKey, QueryText FROM OrleansQuery). Later scripts add or replace rows by key.
CREATE TABLE IF NOT EXISTS OrleansQuery
(
    QueryKey  TEXT NOT NULL PRIMARY KEY,
    QueryText TEXT NOT NULL
);
