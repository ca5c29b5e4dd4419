-- Issue 15: online claims (线上理赔). Documents in object storage (the row holds what the service checked: type by
-- content, size, SHA-256); reimbursements with the lead insurer's review; every decision kept.

CREATE TABLE document (
    id              uuid         PRIMARY KEY,
    -- The uploader (an insured person's ID number): a document belongs to whoever uploaded it.
    owner_id_number char(18)     NOT NULL,
    type            varchar(24)  NOT NULL CHECK (type IN ('INVOICE', 'SETTLEMENT_SHEET', 'DISCHARGE_SUMMARY', 'REFERRAL', 'OTHER')),
    content_type    varchar(40)  NOT NULL CHECK (content_type IN ('application/pdf', 'image/jpeg', 'image/png')),
    size            bigint       NOT NULL CHECK (size > 0 AND size <= 10485760),
    sha256          char(64)     NOT NULL,
    object_key      varchar(200) NOT NULL,
    reimbursement_id uuid,
    created_at      timestamptz  NOT NULL
);
CREATE INDEX document_owner ON document (owner_id_number, created_at);
CREATE INDEX document_reimbursement ON document (reimbursement_id) WHERE reimbursement_id IS NOT NULL;

-- Documents kept in the database when no object store is configured (HUIMIN_DOCUMENTS_ENDPOINT unset): a trial run of
-- the packaged jar still takes claims. Production sets an object store; the table then stays empty.
CREATE TABLE document_content (
    document_id uuid  PRIMARY KEY,
    content     bytea NOT NULL
);

CREATE TABLE reimbursement (
    id                     uuid          PRIMARY KEY,
    version                integer       NOT NULL DEFAULT 0,
    -- The claimant (who submitted: the insured, or the guardian of a child) and the insured person.
    claimant_id_number     char(18)      NOT NULL,
    id_number              char(18)      NOT NULL,
    idempotency_key        varchar(200),
    request_hash           char(64)      NOT NULL,
    plan_id                bigint        NOT NULL REFERENCES plan (id),
    policy_id              bigint        NOT NULL REFERENCES policy (id),
    care_type              varchar(32)   NOT NULL,
    hospital_name          varchar(200)  NOT NULL,
    hospital_code          varchar(32),
    offsite                boolean       NOT NULL,
    admission_date         date          NOT NULL,
    discharge_date         date          NOT NULL,
    basic_settlement_id    varchar(64)   NOT NULL,
    -- The nine amounts as claimed.
    total_amount           numeric(14,2) NOT NULL,
    basic_fund_paid        numeric(14,2) NOT NULL,
    critical_illness_paid  numeric(14,2) NOT NULL,
    medical_assistance_paid numeric(14,2) NOT NULL,
    other_fund_paid        numeric(14,2) NOT NULL,
    in_policy_self_pay     numeric(14,2) NOT NULL,
    out_of_policy_self_pay numeric(14,2) NOT NULL,
    over_limit_self_pay    numeric(14,2) NOT NULL,
    -- The amounts as approved (lowered item by item with a reason), null until then.
    adjusted_amounts       text,
    payee_name             varchar(100)  NOT NULL,
    payee_bank             varchar(100)  NOT NULL,
    payee_account          varchar(40)   NOT NULL,
    status                 varchar(24)   NOT NULL CHECK (status IN ('SUBMITTED', 'MORE_INFO_REQUESTED', 'PENDING_SECOND_REVIEW',
                                                                    'APPROVED', 'PAID', 'REJECTED')),
    flags                  text          NOT NULL DEFAULT '',
    estimate               text          NOT NULL,
    reason                 varchar(500),
    first_approver         varchar(200),
    payout                 numeric(14,2),
    -- The approval's answer (payout, breakdown, remaining, shares) and what it consumed.
    approval               text,
    consumed               text,
    submitted_at           timestamptz   NOT NULL,
    decision_due_by        date          NOT NULL,
    decided_at             timestamptz,
    payment_due_by         date,
    transaction_id         varchar(64)   UNIQUE,
    paid_at                timestamptz,
    updated_at             timestamptz   NOT NULL,
    UNIQUE (claimant_id_number, idempotency_key)
);
CREATE INDEX reimbursement_queue ON reimbursement (plan_id, status, decision_due_by, id);
CREATE INDEX reimbursement_person ON reimbursement (id_number);
CREATE INDEX reimbursement_claimant ON reimbursement (claimant_id_number);
ALTER TABLE document ADD CONSTRAINT document_reimbursement_fk FOREIGN KEY (reimbursement_id) REFERENCES reimbursement (id);

-- Every decision, by whom (the reviewer's token subject), in order.
CREATE TABLE review_decision (
    id               bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    reimbursement_id uuid         NOT NULL REFERENCES reimbursement (id),
    reviewer         varchar(200) NOT NULL,
    decision         varchar(16)  NOT NULL CHECK (decision IN ('APPROVE', 'REJECT', 'REQUEST_INFO')),
    reason           varchar(500),
    adjusted_amounts text,
    outcome          varchar(24)  NOT NULL,
    decided_at       timestamptz  NOT NULL
);
CREATE INDEX review_decision_reimbursement ON review_decision (reimbursement_id, id);

-- The journal's ONLINE_CLAIM and MEMBER_PAYMENT entries are tied to a claim by a number: its row's sequence.
ALTER TABLE reimbursement ADD COLUMN journal_id bigint GENERATED ALWAYS AS IDENTITY UNIQUE;
