-- Audit trail: who (subject, role, hospital/org/insurer), what, whose (masked, plus a keyed hash to find a
-- person's records without storing the ID number), when, outcome. Append-only; tamper-evident through a hash
-- chain kept in audit_seal (each seal hashes its record together with the previous seal's hash).
CREATE TABLE audit_record (
    id             bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    at             timestamptz  NOT NULL DEFAULT clock_timestamp(),
    actor_subject  varchar(200) NOT NULL,
    actor_role     varchar(20)  NOT NULL,
    actor_org      varchar(64),
    action         varchar(40)  NOT NULL,
    subject_masked varchar(18),
    subject_key    char(64),
    target         varchar(100),
    outcome        varchar(60)  NOT NULL
);
CREATE INDEX audit_record_subject ON audit_record (subject_key, at) WHERE subject_key IS NOT NULL;
CREATE INDEX audit_record_actor ON audit_record (actor_subject, at);
CREATE INDEX audit_record_at ON audit_record (at);

CREATE TABLE audit_seal (
    seq        bigint      PRIMARY KEY,
    audit_id   bigint      NOT NULL UNIQUE REFERENCES audit_record (id),
    prev_hash  char(64)    NOT NULL,
    hash       char(64)    NOT NULL,
    sealed_at  timestamptz NOT NULL DEFAULT now()
);

-- Append-only for every role these triggers apply to (the service's role included): an UPDATE, DELETE or
-- TRUNCATE of a record or a seal fails. Only the table owner can drop the triggers; in production the service
-- connects as a role that owns neither table (k8s/README.md).
CREATE FUNCTION audit_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'audit records are append-only' USING ERRCODE = 'insufficient_privilege';
END $$;
CREATE TRIGGER audit_record_append_only BEFORE UPDATE OR DELETE ON audit_record
    FOR EACH ROW EXECUTE FUNCTION audit_append_only();
CREATE TRIGGER audit_record_no_truncate BEFORE TRUNCATE ON audit_record
    FOR EACH STATEMENT EXECUTE FUNCTION audit_append_only();
CREATE TRIGGER audit_seal_append_only BEFORE UPDATE OR DELETE ON audit_seal
    FOR EACH ROW EXECUTE FUNCTION audit_append_only();
CREATE TRIGGER audit_seal_no_truncate BEFORE TRUNCATE ON audit_seal
    FOR EACH STATEMENT EXECUTE FUNCTION audit_append_only();
REVOKE UPDATE, DELETE, TRUNCATE ON audit_record, audit_seal FROM PUBLIC;
