-- Huimin schema. Money is numeric(14,2): exact CNY to the cent. Business dates are Asia/Shanghai dates,
-- computed by the service and stored as date columns next to the instants they come from.

CREATE TABLE plan (
    id                          bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    code                        varchar(32)   NOT NULL UNIQUE,
    name                        varchar(200)  NOT NULL,
    region                      char(6)       NOT NULL,
    plan_year                   integer       NOT NULL,
    premium                     numeric(14,2) NOT NULL CHECK (premium >= 0),
    enrolment_opens             date          NOT NULL,
    enrolment_closes            date          NOT NULL,
    coverage_starts             date          NOT NULL,
    coverage_ends               date          NOT NULL,
    late_enrolment_waiting_days integer       NOT NULL CHECK (late_enrolment_waiting_days >= 0),
    -- coveredCareTypes, deductibles, liabilities (in order) and insurers (lead first): read and written whole.
    terms                       jsonb         NOT NULL,
    created_at                  timestamptz   NOT NULL DEFAULT now(),
    updated_at                  timestamptz   NOT NULL DEFAULT now()
);
CREATE INDEX plan_region_year ON plan (region, plan_year);

-- Basic-insurance participants as pushed by the medical-security bureau (the source of truth).
CREATE TABLE participant (
    id_number           char(18)     PRIMARY KEY,
    name                varchar(100) NOT NULL,
    county_code         char(6)      NOT NULL,
    insurance_type      varchar(16)  NOT NULL CHECK (insurance_type IN ('EMPLOYEE', 'RESIDENT')),
    status              varchar(16)  NOT NULL CHECK (status IN ('ACTIVE', 'SUSPENDED', 'TERMINATED')),
    basic_benefits_from date,
    low_income          boolean      NOT NULL DEFAULT false,
    seq                 bigint       NOT NULL,
    updated_at          timestamptz  NOT NULL DEFAULT now()
);
CREATE INDEX participant_county ON participant (county_code);

-- One order per enrolment request; it is what the payer pays.
CREATE TABLE enrolment_order (
    id                     uuid          PRIMARY KEY,
    plan_id                bigint        NOT NULL REFERENCES plan (id),
    payer_type             varchar(20)   NOT NULL CHECK (payer_type IN ('SELF', 'PERSONAL_ACCOUNT', 'ORGANISATION')),
    payer_id_number        char(18),
    payer_org_code         varchar(64),
    payer_org_type         varchar(16),
    amount                 numeric(14,2) NOT NULL CHECK (amount >= 0),
    status                 varchar(20)   NOT NULL CHECK (status IN ('PENDING_PAYMENT', 'PAID', 'PAYMENT_FAILED')),
    created_at             timestamptz   NOT NULL,
    paid_at                timestamptz,
    payment_transaction_id varchar(64)   UNIQUE,
    CHECK ((payer_type = 'ORGANISATION') = (payer_org_code IS NOT NULL)),
    CHECK ((payer_type <> 'ORGANISATION') = (payer_id_number IS NOT NULL))
);
CREATE INDEX enrolment_order_payer ON enrolment_order (payer_id_number) WHERE payer_id_number IS NOT NULL;
CREATE INDEX enrolment_order_org ON enrolment_order (payer_org_code) WHERE payer_org_code IS NOT NULL;

CREATE SEQUENCE policy_number_seq;

CREATE TABLE policy (
    id                  bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    order_id            uuid          NOT NULL REFERENCES enrolment_order (id),
    plan_id             bigint        NOT NULL REFERENCES plan (id),
    id_number           char(18)      NOT NULL,
    name                varchar(100)  NOT NULL,
    relation            varchar(16),
    status              varchar(20)   NOT NULL CHECK (status IN ('PENDING_PAYMENT', 'ACTIVE', 'CANCELLED', 'PAYMENT_FAILED')),
    premium             numeric(14,2) NOT NULL,
    policy_number       varchar(32)   UNIQUE,
    -- 税优识别码: unique across the platform, used by the holder for the income-tax deduction.
    tax_code            varchar(32)   UNIQUE,
    benefits_from       date,
    consent_at          timestamptz   NOT NULL,
    guardian_consent_at timestamptz,
    -- What settlements have used this plan year: deductible per group, payout per liability (JSON numbers are
    -- exact numerics in jsonb). Changed only under this row's lock (see SettlementRepository).
    deductibles_used    jsonb         NOT NULL DEFAULT '{}',
    caps_used           jsonb         NOT NULL DEFAULT '{}',
    created_at          timestamptz   NOT NULL,
    activated_at        timestamptz,
    cancelled_at        timestamptz
);
-- One policy per person per plan: at most one live (pending or active) policy. Two simultaneous enrolments of
-- one person, on any instances, race on this index and exactly one wins; a cancelled or unpaid one frees the place.
CREATE UNIQUE INDEX policy_one_live_per_person ON policy (plan_id, id_number)
    WHERE status IN ('PENDING_PAYMENT', 'ACTIVE');
CREATE INDEX policy_id_number ON policy (id_number);
CREATE INDEX policy_order ON policy (order_id);

-- Idempotency-Key replay: the first answer is stored in the same transaction as the work it describes, so a
-- concurrent retry waits on the primary key and then reads that answer.
CREATE TABLE idempotency_record (
    caller        varchar(200) NOT NULL,
    idem_key      varchar(200) NOT NULL,
    request_hash  char(64)     NOT NULL,
    status        integer      NOT NULL,
    response      text         NOT NULL,
    created_at    timestamptz  NOT NULL DEFAULT now(),
    PRIMARY KEY (caller, idem_key)
);

-- Personal-account (个人账户) deductions waiting for, or settled by, the bureau.
CREATE TABLE personal_account_deduction (
    order_id        uuid          PRIMARY KEY REFERENCES enrolment_order (id),
    id_number       char(18)      NOT NULL,
    amount          numeric(14,2) NOT NULL,
    status          varchar(12)   NOT NULL CHECK (status IN ('REQUESTED', 'SUCCEEDED', 'FAILED')),
    requested_at    timestamptz   NOT NULL,
    result_amount   numeric(14,2),
    result_at       timestamptz,
    recorded_at     timestamptz
);
CREATE INDEX personal_account_deduction_status ON personal_account_deduction (status, requested_at);

-- Refunds always go back where the money came from: the original payment, the personal account, the organisation.
CREATE TABLE refund (
    id          bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    policy_id   bigint        NOT NULL UNIQUE REFERENCES policy (id),
    order_id    uuid          NOT NULL REFERENCES enrolment_order (id),
    amount      numeric(14,2) NOT NULL CHECK (amount >= 0),
    channel     varchar(20)   NOT NULL CHECK (channel IN ('ORIGINAL_PAYMENT', 'PERSONAL_ACCOUNT', 'ORGANISATION')),
    status      varchar(12)   NOT NULL,
    created_at  timestamptz   NOT NULL
);

-- Instant settlements (一站式即时结算). A settlement ID is single-use per hospital.
CREATE TABLE settlement (
    id                     bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    hospital_code          varchar(32)   NOT NULL,
    settlement_id          varchar(64)   NOT NULL,
    request_hash           char(64)      NOT NULL,
    id_number              char(18)      NOT NULL,
    policy_id              bigint        REFERENCES policy (id),
    plan_id                bigint        REFERENCES plan (id),
    care_type              varchar(32)   NOT NULL,
    admission_date         date          NOT NULL,
    discharge_date         date          NOT NULL,
    total_amount           numeric(14,2) NOT NULL,
    in_policy_self_pay     numeric(14,2) NOT NULL,
    out_of_policy_self_pay numeric(14,2) NOT NULL,
    over_limit_self_pay    numeric(14,2) NOT NULL,
    eligible               boolean       NOT NULL,
    reason                 varchar(32),
    payout                 numeric(14,2) NOT NULL,
    -- What this settlement took from the policy's balances, returned exactly by a reversal.
    consumed               jsonb         NOT NULL,
    response               text          NOT NULL,
    status                 varchar(12)   NOT NULL CHECK (status IN ('SETTLED', 'REVERSED')),
    settled_at             timestamptz   NOT NULL,
    settled_on             date          NOT NULL,
    reversed_at            timestamptz,
    reversed_on            date,
    reversal_response      text,
    UNIQUE (hospital_code, settlement_id)
);
CREATE INDEX settlement_hospital_settled_on ON settlement (hospital_code, settled_on);
CREATE INDEX settlement_hospital_reversed_on ON settlement (hospital_code, reversed_on) WHERE reversed_on IS NOT NULL;
CREATE INDEX settlement_policy ON settlement (policy_id) WHERE policy_id IS NOT NULL;
