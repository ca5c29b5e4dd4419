-- Issue 16: runs at 70 % of the maximum claim rate met p99 under 50 ms except when a 1-5 s stall fell into them. The
-- one stall caught with every log on (load-tests/results/2026-11-23-final/stall-attribution.txt) was autovacuum's
-- automatic ANALYZE of the table the storm updated and then of settlement: ANALYZE reads a sample of 30,000 rows
-- spread over the whole table (80 MB/s of reads on the test machine, the run queue at 19 on two cores). With the
-- defaults, a table is analysed again after a tenth of it changes: with one balance update per settlement, the
-- 200,000-row balance table of a load test is analysed every 20 seconds, and each pass reads most of it.
--
-- So: vacuum in small passes; analyse the balance table — read only by its key, one row per person and plan — after
-- its size in changes; the tables that grow (settlements, policies, orders, the journal, the audit trail) after a
-- fifth rather than a tenth: their statistics still follow their growth (a load-test check whose planner thought
-- settlement empty took minutes instead of milliseconds — ad-hoc reads and clearing need counts that are right).
-- Setting storage parameters takes a lock that does not block reads or writes.

-- benefit_balance: one UPDATE per settlement, of columns no index covers, so it can be a HOT update (no index
-- writes; the old version pruned on its page) if the page has room: fill factor 80 leaves a fifth of each page free.
-- (A fill factor applies to pages written from now on; a table already large gets it with its next rewrite.)
ALTER TABLE benefit_balance SET (fillfactor = 80, autovacuum_vacuum_scale_factor = 0.02,
                                 autovacuum_analyze_scale_factor = 1.0);
-- Written once, then updated once or twice (payment, cancellation, reversal); vacuumed after inserts too
-- (PostgreSQL 13+), which keeps the visibility map current and spreads the freezing that would otherwise come as
-- one large anti-wraparound pass.
ALTER TABLE settlement SET (autovacuum_vacuum_scale_factor = 0.02, autovacuum_vacuum_insert_scale_factor = 0.05,
                            autovacuum_analyze_scale_factor = 0.2);
ALTER TABLE policy SET (autovacuum_vacuum_scale_factor = 0.02, autovacuum_vacuum_insert_scale_factor = 0.05,
                        autovacuum_analyze_scale_factor = 0.2);
ALTER TABLE enrolment_order SET (autovacuum_vacuum_scale_factor = 0.02, autovacuum_vacuum_insert_scale_factor = 0.05,
                                 autovacuum_analyze_scale_factor = 0.2);
ALTER TABLE idempotency_record SET (autovacuum_vacuum_scale_factor = 0.02,
                                    autovacuum_vacuum_insert_scale_factor = 0.05, autovacuum_analyze_scale_factor = 0.2);
-- Append-only.
ALTER TABLE journal_line SET (autovacuum_vacuum_insert_scale_factor = 0.05, autovacuum_analyze_scale_factor = 0.2);
ALTER TABLE audit_record SET (autovacuum_vacuum_insert_scale_factor = 0.05, autovacuum_analyze_scale_factor = 0.2);
-- A queue: every row is inserted and soon deleted (sealed); vacuumed by a fixed number of dead rows.
ALTER TABLE audit_unsealed SET (autovacuum_vacuum_scale_factor = 0, autovacuum_vacuum_threshold = 10000);
