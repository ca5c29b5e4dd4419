package org.huimin.ledger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import jakarta.inject.Inject;

import org.flywaydb.core.Flyway;
import org.huimin.devtools.EmbeddedDatabase;
import org.huimin.plan.InsurerSplit;
import org.huimin.plan.Plan;
import org.huimin.support.Db;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * What the database itself guarantees about the journal, tested as the service's own role: append-only, balanced
 * entries; V8's SQL split agrees with {@link InsurerSplit}; and an upgraded production database (data written before
 * the journal existed) gets the journal of what already happened.
 */
@QuarkusTest
class JournalDatabaseTest {

    @Inject
    Pool pool;

    @Test
    void theServiceRoleCanOnlyAppendBalancedEntries() throws Exception {
        try (Connection service = Db.connect(EmbeddedDatabase.SERVICE); Statement sql = service.createStatement()) {
            sql.executeUpdate("""
                    INSERT INTO journal_line (kind, source_id, line, plan_id, account, insurer, amount, recorded_at)
                    VALUES ('HOSPITAL_PAYMENT', -1, 1, -1, 'HOSPITAL_PAYABLE', 'PICC', 10.00, now()),
                           ('HOSPITAL_PAYMENT', -1, 2, -1, 'CASH', 'PICC', -10.00, now())""");
            // Unbalanced, or balanced only across insurers: refused by the database at the end of the statement.
            assertThatThrownBy(() -> sql.executeUpdate("""
                    INSERT INTO journal_line (kind, source_id, line, plan_id, account, insurer, amount, recorded_at)
                    VALUES ('HOSPITAL_PAYMENT', -2, 1, -1, 'HOSPITAL_PAYABLE', 'PICC', 10.00, now()),
                           ('HOSPITAL_PAYMENT', -2, 2, -1, 'CASH', 'PICC', -9.99, now())""")).hasMessageContaining("does not balance");
            assertThatThrownBy(() -> sql.executeUpdate("""
                    INSERT INTO journal_line (kind, source_id, line, plan_id, account, insurer, amount, recorded_at)
                    VALUES ('HOSPITAL_PAYMENT', -3, 1, -1, 'HOSPITAL_PAYABLE', 'PICC', 10.00, now()),
                           ('HOSPITAL_PAYMENT', -3, 2, -1, 'CASH', 'CPIC', -10.00, now())""")).hasMessageContaining("does not balance");
            // The same event twice: one entry per source.
            assertThatThrownBy(() -> sql.executeUpdate("""
                    INSERT INTO journal_line (kind, source_id, line, plan_id, account, insurer, amount, recorded_at)
                    VALUES ('HOSPITAL_PAYMENT', -1, 1, -1, 'HOSPITAL_PAYABLE', 'PICC', 10.00, now()),
                           ('HOSPITAL_PAYMENT', -1, 2, -1, 'CASH', 'PICC', -10.00, now())""")).hasMessageContaining("duplicate key");
            for (String statement : List.of("UPDATE journal_line SET amount = 0.01 WHERE source_id = -1",
                    "DELETE FROM journal_line WHERE source_id = -1", "TRUNCATE journal_line",
                    "ALTER TABLE journal_line DISABLE TRIGGER journal_line_append_only")) {
                assertThatThrownBy(() -> sql.execute(statement)).as(statement)
                        .hasMessageMatching("(?s).*(permission denied|must be owner).*");
            }
        }
        // Even the owner cannot change a line without first disabling the guard (which the service's role cannot).
        assertThatThrownBy(() -> Db.asOwner("UPDATE journal_line SET amount = 0.01 WHERE source_id = -1"))
                .hasStackTraceContaining("append-only");
    }

    @Test
    void theMigrationsSplitAgreesWithTheServicesSplit() {
        Random random = new Random(20261126);
        for (int n = 0; n < 300; n++) {
            List<Plan.Insurer> insurers = shares(random);
            BigDecimal amount = BigDecimal.valueOf(random.nextLong(0, 10_000_000), 2);
            StringBuilder terms = new StringBuilder("{\"insurers\":[");
            for (int i = 0; i < insurers.size(); i++) {
                terms.append(i == 0 ? "" : ",").append("{\"code\":\"").append(insurers.get(i).code())
                        .append("\",\"share\":").append(insurers.get(i).share().toPlainString()).append("}");
            }
            terms.append("]}");
            List<BigDecimal> sql = new ArrayList<>();
            pool.preparedQuery("SELECT part FROM insurer_split($1::numeric, $2::text::jsonb) ORDER BY ord")
                    .execute(Tuple.of(amount, terms.toString())).await().indefinitely()
                    .forEach(row -> sql.add(row.getBigDecimal(0).setScale(2)));
            assertThat(sql).as(amount + " over " + terms).containsExactlyElementsOf(
                    InsurerSplit.of(insurers, amount).stream().map(InsurerSplit.Part::amount).toList());
        }
    }

    /** Two to five insurers whose shares (two decimals) sum to exactly 1. */
    private static List<Plan.Insurer> shares(Random random) {
        int n = 2 + random.nextInt(4);
        List<Plan.Insurer> insurers = new ArrayList<>();
        int left = 100;
        for (int i = 0; i < n; i++) {
            int share = i == n - 1 ? left : 1 + random.nextInt(left - (n - 1 - i));
            left -= share;
            insurers.add(new Plan.Insurer("I" + i, BigDecimal.valueOf(share, 2)));
        }
        return insurers;
    }

    /**
     * A database that ran the first release (up to V7) with a paid order of two policies (one cancelled and refunded),
     * late money returned, a settlement and a reversed one; upgraded, it has the journal of all of it.
     */
    @Test
    void anUpgradedDatabaseGetsTheJournalOfWhatAlreadyHappened() throws Exception {
        String database = "upgrade_" + System.nanoTime();
        try (Connection admin = DriverManager.getConnection("jdbc:postgresql://localhost:" + EmbeddedDatabase.port()
                + "/postgres", "postgres", "postgres"); Statement sql = admin.createStatement()) {
            sql.execute("CREATE DATABASE " + database + " OWNER " + EmbeddedDatabase.OWNER);
        }
        String url = "jdbc:postgresql://localhost:" + EmbeddedDatabase.port() + "/" + database;
        // A session lock, as the service's Flyway takes it (FlywaySessionLock): V10 builds indexes CONCURRENTLY.
        Flyway.configure().dataSource(url, EmbeddedDatabase.OWNER, EmbeddedDatabase.PASSWORD)
                .placeholders(java.util.Map.of("service_role", EmbeddedDatabase.SERVICE))
                .configuration(java.util.Map.of("flyway.postgresql.transactional.lock", "false")).target("7").load().migrate();
        try (Connection owner = DriverManager.getConnection(url, EmbeddedDatabase.OWNER, EmbeddedDatabase.PASSWORD);
                Statement sql = owner.createStatement()) {
            sql.execute("""
                    INSERT INTO plan (code, name, region, plan_year, premium, enrolment_opens, enrolment_closes,
                                      coverage_starts, coverage_ends, late_enrolment_waiting_days, terms)
                    VALUES ('UP-2026', 'upgrade', '210000', 2026, 69.00, '2025-09-01', '2025-12-31', '2026-01-01',
                            '2026-12-31', 30, '{"insurers":[{"code":"PICC","share":0.40},{"code":"CPIC","share":0.35},
                                                            {"code":"PAIC","share":0.25}]}');
                    INSERT INTO participant (id_number, name, county_code, insurance_type, status, seq)
                    VALUES ('210102199003071233', 'A', '210102', 'RESIDENT', 'ACTIVE', 1),
                           ('210102199003071241', 'B', '210103', 'RESIDENT', 'ACTIVE', 1);
                    INSERT INTO enrolment_order (id, plan_id, payer_type, payer_id_number, amount, status, created_at,
                                                 paid_at, payment_transaction_id, expires_at)
                    VALUES ('00000000-0000-0000-0000-000000000001', 1, 'SELF', '210102199003071233', 138.00, 'PAID',
                            '2025-10-01T10:00:00Z', '2025-10-01T10:05:00Z', 'TX-1', '2025-10-01T12:00:00Z'),
                           ('00000000-0000-0000-0000-000000000002', 1, 'SELF', '210102199003071233', 69.00, 'EXPIRED',
                            '2025-10-02T10:00:00Z', NULL, NULL, '2025-10-02T12:00:00Z');
                    INSERT INTO policy (order_id, plan_id, id_number, name, relation, status, premium, policy_number,
                                        tax_code, benefits_from, consent_at, created_at, activated_at, cancelled_at)
                    VALUES ('00000000-0000-0000-0000-000000000001', 1, '210102199003071233', 'A', 'SELF', 'ACTIVE', 69.00,
                            'HM1', 'SY1', '2026-01-01', '2025-10-01T10:00:00Z', '2025-10-01T10:00:00Z',
                            '2025-10-01T10:05:00Z', NULL),
                           ('00000000-0000-0000-0000-000000000001', 1, '210102199003071241', 'B', 'SPOUSE', 'CANCELLED',
                            69.00, 'HM2', 'SY2', '2026-01-01', '2025-10-01T10:00:00Z', '2025-10-01T10:00:00Z',
                            '2025-10-01T10:05:00Z', '2025-11-01T10:00:00Z');
                    INSERT INTO refund (policy_id, order_id, amount, channel, status, created_at, refund_id, source,
                                        plan_id, recorded_at)
                    VALUES (2, '00000000-0000-0000-0000-000000000001', 69.00, 'ORIGINAL_PAYMENT', 'SUCCEEDED',
                            '2025-11-01T10:00:00Z', gen_random_uuid(), 'CANCELLATION', 1, '2025-11-02T10:00:00Z'),
                           (NULL, '00000000-0000-0000-0000-000000000002', 69.00, 'ORIGINAL_PAYMENT', 'SUCCEEDED',
                            '2025-10-03T10:00:00Z', gen_random_uuid(), 'LATE_PAYMENT', 1, '2025-10-04T10:00:00Z');
                    INSERT INTO settlement (hospital_code, settlement_id, request_hash, id_number, policy_id, plan_id,
                                            care_type, admission_date, discharge_date, total_amount, in_policy_self_pay,
                                            out_of_policy_self_pay, over_limit_self_pay, eligible, payout, consumed,
                                            response, status, settled_at, settled_on, reversed_at, reversed_on)
                    VALUES ('H1', 'S1', 'h', '210102199003071233', 1, 1, 'INPATIENT', '2026-02-01', '2026-02-05', 91250.01,
                            21250.01, 0, 0, true, 1000.01, '{}',
                            '{"payout":1000.01,"insurerShares":[{"insurer":"PICC","amount":400.01},{"insurer":"CPIC","amount":350.00},{"insurer":"PAIC","amount":250.00}]}',
                            'SETTLED', '2026-02-05T08:00:00Z', '2026-02-05', NULL, NULL),
                           ('H1', 'S2', 'h', '210102199003071233', 1, 1, 'INPATIENT', '2026-02-10', '2026-02-12', 100000.00,
                            30000.00, 0, 0, true, 8000.00, '{}',
                            '{"payout":8000.00,"insurerShares":[{"insurer":"PICC","amount":3200.00},{"insurer":"CPIC","amount":2800.00},{"insurer":"PAIC","amount":2000.00}]}',
                            'REVERSED', '2026-02-12T08:00:00Z', '2026-02-12', '2026-03-01T08:00:00Z', '2026-03-01');
                    """);
        }
        Flyway.configure().dataSource(url, EmbeddedDatabase.OWNER, EmbeddedDatabase.PASSWORD)
                .placeholders(java.util.Map.of("service_role", EmbeddedDatabase.SERVICE))
                .configuration(java.util.Map.of("flyway.postgresql.transactional.lock", "false")).load().migrate();
        try (Connection service = DriverManager.getConnection(url, EmbeddedDatabase.SERVICE, EmbeddedDatabase.PASSWORD);
                Statement sql = service.createStatement()) {
            assertThat(single(sql, "SELECT sum(amount) FROM journal_line")).isEqualByComparingTo("0");
            // Premium: two policies, 69.00 each → PICC 27.60 × 2 = 55.20; the refund gives back one split.
            assertThat(single(sql, "SELECT -sum(amount) FROM journal_line WHERE account = 'PREMIUM_INCOME'")).isEqualByComparingTo("138.00");
            assertThat(single(sql, "SELECT -sum(amount) FROM journal_line WHERE account = 'PREMIUM_INCOME' AND insurer = 'PICC'"))
                    .isEqualByComparingTo("55.20");
            assertThat(single(sql, "SELECT sum(amount) FROM journal_line WHERE account = 'PREMIUM_REFUNDS'")).isEqualByComparingTo("69.00");
            // The late money came and went, through the lead insurer.
            assertThat(single(sql, "SELECT sum(amount) FROM journal_line WHERE account = 'UNAPPLIED_RECEIPTS'")).isEqualByComparingTo("0");
            assertThat(single(sql, "SELECT count(*) FROM journal_line WHERE kind IN ('LATE_RECEIPT', 'LATE_REFUND') AND insurer = 'PICC'"))
                    .isEqualByComparingTo("4");
            // Settlements with the shares the hospital was told; the reversal mirrors the second one.
            assertThat(single(sql, "SELECT sum(amount) FROM journal_line WHERE account = 'CLAIMS_SETTLED' AND insurer = 'PICC'"))
                    .isEqualByComparingTo("3600.01");
            assertThat(single(sql, "SELECT -sum(amount) FROM journal_line WHERE account = 'CLAIMS_REVERSED'")).isEqualByComparingTo("8000.00");
            assertThat(single(sql, "SELECT -sum(amount) FROM journal_line WHERE account = 'HOSPITAL_PAYABLE'")).isEqualByComparingTo("1000.01");
            assertThat(single(sql, "SELECT min(county_code)::numeric FROM journal_line WHERE kind = 'SETTLEMENT'")).isEqualByComparingTo("210102");
        }
    }

    private static BigDecimal single(Statement sql, String query) throws Exception {
        try (ResultSet rows = sql.executeQuery(query)) {
            rows.next();
            return rows.getBigDecimal(1).setScale(2, RoundingMode.UNNECESSARY);
        }
    }
}
