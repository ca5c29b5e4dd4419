-- Run outside a transaction (V10__…sql.conf: executeInTransaction=false): CREATE INDEX CONCURRENTLY builds the index
-- without blocking settlements on a table of millions of rows; IF NOT EXISTS makes a retried migration safe (an
-- interrupted CONCURRENTLY build leaves an invalid index: drop it and run the Job again).

-- A clearing run reads a plan's settlements and reversals since the previous cut-off.
CREATE INDEX CONCURRENTLY IF NOT EXISTS settlement_plan_settled_at ON settlement (plan_id, settled_at);
CREATE INDEX CONCURRENTLY IF NOT EXISTS settlement_plan_reversed_at ON settlement (plan_id, reversed_at)
    WHERE reversed_at IS NOT NULL;

-- Time-outs for every session of the database, so that they hold through PgBouncer in transaction mode (a SET at
-- connection start would be lost: the pooler hands each transaction another server connection). A request's
-- statement may run 10 s, wait 5 s for a row lock; a transaction left idle is ended after 30 s (a client or an
-- instance that died mid-transaction releases its locks). Long work lifts them for itself: a clearing run
-- (SET LOCAL in its transaction), Flyway (quarkus.flyway.init-sql).
-- Setting them needs the database's owner (CloudNativePG: huimin_owner, who runs this Job); a migration role that is
-- not the owner gets a warning and the server's defaults, rather than a service that cannot start.
DO $$
BEGIN
    EXECUTE format('ALTER DATABASE %I SET statement_timeout = %L', current_database(), '10s');
    EXECUTE format('ALTER DATABASE %I SET lock_timeout = %L', current_database(), '5s');
    EXECUTE format('ALTER DATABASE %I SET idle_in_transaction_session_timeout = %L', current_database(), '30s');
EXCEPTION WHEN insufficient_privilege THEN
    RAISE WARNING 'Not the owner of database %: its time-outs are left to the server''s settings', current_database();
END $$;
