-- Issue 13: an audit trail the service itself cannot bend.
--
-- Two database roles. The migration role (HUIMIN_DB_MIGRATION_USERNAME, which runs Flyway) owns the schema; the service
-- role (QUARKUS_DATASOURCE_USERNAME, ${service_role} here) serves requests with only the rights it needs. On the audit
-- tables that is INSERT and SELECT: it cannot UPDATE, DELETE or TRUNCATE a record or a seal, and as it owns neither
-- table it cannot ALTER them nor DISABLE their triggers. The roles themselves are created outside the migrations
-- (k8s: CloudNativePG managed roles; local runs and tests: EmbeddedDatabase). When both are the same role (a local run
-- without HUIMIN_DB_MIGRATION_USERNAME), these grants change nothing and only the triggers protect the trail.

GRANT USAGE ON SCHEMA public TO ${service_role};
GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO ${service_role};
GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA public TO ${service_role};
REVOKE UPDATE, DELETE, TRUNCATE ON audit_record, audit_seal FROM ${service_role};
REVOKE INSERT, UPDATE, DELETE, TRUNCATE ON flyway_schema_history FROM ${service_role};
-- Tables and sequences that later migrations create (as the migration role) get the same rights.
ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT SELECT, INSERT, UPDATE, DELETE ON TABLES TO ${service_role};
ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT USAGE, SELECT ON SEQUENCES TO ${service_role};

-- Every record is sealed, whatever order transactions commit in. Until now the sealer looked for unsealed records
-- only 10,000 ids below the last sealed one, so a record whose transaction stayed open longer was never sealed. Now
-- each record enters this queue in the transaction that inserts it (the trigger, which runs as its owner: the service
-- role cannot insert here itself) and leaves it when it is sealed. A record that is neither sealed nor queued is
-- reported by the verification as RECORD_NOT_SEALED.
CREATE TABLE audit_unsealed (
    audit_id bigint PRIMARY KEY
);
CREATE FUNCTION audit_enqueue() RETURNS trigger LANGUAGE plpgsql SECURITY DEFINER SET search_path = public AS $$
BEGIN
    INSERT INTO audit_unsealed (audit_id) SELECT id FROM new_records;
    RETURN NULL;
END $$;
REVOKE ALL ON FUNCTION audit_enqueue() FROM PUBLIC;
CREATE TRIGGER audit_record_enqueue AFTER INSERT ON audit_record
    REFERENCING NEW TABLE AS new_records FOR EACH STATEMENT EXECUTE FUNCTION audit_enqueue();
INSERT INTO audit_unsealed (audit_id)
SELECT r.id FROM audit_record r WHERE NOT EXISTS (SELECT 1 FROM audit_seal s WHERE s.audit_id = r.id);
REVOKE INSERT, UPDATE, TRUNCATE ON audit_unsealed FROM ${service_role};
GRANT SELECT, DELETE ON audit_unsealed TO ${service_role};
