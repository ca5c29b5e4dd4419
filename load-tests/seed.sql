-- Realistic volumes for the load tests, written straight into the service's schema (the API is exercised by the
-- scenarios, not by seeding). Every load-test person is called 参保人, so that the clients send the bureau's name. :participants people in three Liaoning counties, the first :policies of them with an
-- ACTIVE policy of plan :'plan' whose benefits started with the coverage.
CREATE OR REPLACE FUNCTION lt_id(county text, n bigint) RETURNS text LANGUAGE plpgsql IMMUTABLE AS $$
DECLARE
  first17 text := county || to_char(date '1940-01-01' + ((n / 900) % 25000)::int, 'YYYYMMDD') || lpad((100 + n % 900)::text, 3, '0');
  w int[] := ARRAY[7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
  s int := 0;
BEGIN
  FOR i IN 1..17 LOOP s := s + substr(first17, i, 1)::int * w[i]; END LOOP;
  RETURN first17 || substr('10X98765432', s % 11 + 1, 1);
END $$;

-- Bulk rows without the report tallies' triggers (a statement trigger over 10,000,000 new participants would hold
-- them all in arrays); the tallies are brought level with the rows at the end, by the same function that checks
-- them each night.
SET session_replication_role = replica;

-- Seeding again with larger numbers adds the people and policies past those already there (scale.sh grows a
-- database from 1,000,000 to 10,000,000 people that way, measuring at each size).
SET client_min_messages = warning;
CREATE TABLE IF NOT EXISTS lt_people (n bigint PRIMARY KEY, id_number char(18) NOT NULL, county text NOT NULL);
SELECT coalesce(max(n), 0) AS seeded_people FROM lt_people \gset
SELECT count(*) AS seeded_policies FROM policy po JOIN plan pl ON pl.id = po.plan_id
 WHERE pl.code = :'plan' AND po.policy_number LIKE 'LT%' \gset
INSERT INTO lt_people (n, id_number, county)
SELECT n, lt_id((ARRAY['210102', '210103', '210202'])[1 + n % 3], n)::char(18),
       (ARRAY['210102', '210103', '210202'])[1 + n % 3]
  FROM generate_series(:seeded_people + 1, :participants) AS n;

INSERT INTO participant (id_number, name, county_code, insurance_type, status, basic_benefits_from, low_income, seq)
SELECT id_number, '参保人', county, CASE WHEN n % 2 = 0 THEN 'EMPLOYEE' ELSE 'RESIDENT' END, 'ACTIVE',
       date '2020-01-01', n % 20 = 0, 1
  FROM lt_people
 WHERE n > :seeded_people
ON CONFLICT (id_number) DO NOTHING;

INSERT INTO enrolment_order (id, plan_id, payer_type, payer_id_number, amount, status, created_at, expires_at,
                             paid_at, payment_transaction_id)
SELECT md5('lt-order-' || n)::uuid, pl.id, 'SELF', p.id_number, pl.premium, 'PAID', now(), now() + interval '2 hours',
       now(), 'LT-' || n
  FROM lt_people p, plan pl
 WHERE pl.code = :'plan' AND p.n > :seeded_policies AND p.n <= :policies;

INSERT INTO policy (order_id, plan_id, id_number, name, relation, status, premium, policy_number, tax_code,
                    benefits_from, consent_at, created_at, activated_at)
SELECT md5('lt-order-' || n)::uuid, pl.id, p.id_number, '参保人', 'SELF', 'ACTIVE', pl.premium,
       'LT' || lpad(n::text, 12, '0'), 'LTX' || lpad(n::text, 12, '0'), pl.coverage_starts, now(), now(), now()
  FROM lt_people p, plan pl
 WHERE pl.code = :'plan' AND p.n > :seeded_policies AND p.n <= :policies
-- (someone who enrolled through the API since the last seeding keeps that policy)
ON CONFLICT DO NOTHING;

-- Each insured person's balances in the plan (nothing used yet), as activation opens them.
INSERT INTO benefit_balance (plan_id, id_number)
SELECT pl.id, p.id_number FROM lt_people p, plan pl
 WHERE pl.code = :'plan' AND p.n > :seeded_policies AND p.n <= :policies
ON CONFLICT DO NOTHING;

SET session_replication_role = origin;
SELECT report_tally_correct() AS tally_keys_written \gset
SELECT report_tally_fold() AS tally_keys_folded \gset

-- Settle the freshly written tables before measuring: statistics, visibility map, and no checkpoint mid-run.
VACUUM ANALYZE;
CHECKPOINT;
