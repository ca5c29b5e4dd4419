package org.huimin.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.inject.Inject;

import org.huimin.devtools.EmbeddedDatabase;
import org.huimin.support.Api;
import org.huimin.support.Db;
import org.huimin.support.Ids;
import org.huimin.support.Tokens;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.vertx.mutiny.sqlclient.Pool;

/**
 * What the audit trail promises when things go wrong, with the service connected as its restricted role (as in
 * production): a record whose transaction commits late is still sealed; a batch the database refuses is kept and
 * retried, and one bad row cannot sink the others; a read that cannot be queued is refused with 503. The queue is small
 * here and never flushed on a timer, so the test decides when records are written.
 */
@QuarkusTest
@TestProfile(AuditDurabilityTest.SmallQueue.class)
class AuditDurabilityTest {

    public static class SmallQueue implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("huimin.audit.read-queue-capacity", "5000", "huimin.audit.flush-interval-ms", "3600000");
        }
    }

    @Inject
    AuditLog audit;

    @Inject
    AuditSealer sealer;

    @Inject
    Pool pool;

    private static List<String> people(int n) {
        List<String> ids = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            ids.add(Ids.next("210102"));
        }
        return ids;
    }

    private long stored(String target) {
        return Db.count(pool, "SELECT count(*) FROM audit_record WHERE target = $1", target);
    }

    private long sealed(String target) {
        return Db.count(pool, "SELECT count(*) FROM audit_seal s JOIN audit_record r ON r.id = s.audit_id WHERE r.target = $1",
                target);
    }

    @Test
    void aRecordWhoseTransactionCommitsLateIsStillSealed() throws Exception {
        String late = "late-" + UUID.randomUUID();
        String after = "after-" + UUID.randomUUID();
        try (Connection service = Db.connect(EmbeddedDatabase.SERVICE); Statement sql = service.createStatement()) {
            service.setAutoCommit(false);
            sql.executeUpdate("INSERT INTO audit_record (actor_subject, actor_role, action, target, outcome) "
                    + "VALUES ('test', 'system', 'HELD_OPEN', '" + late + "', 'OK')");
            // 4,000 records commit after it (a lower id stays invisible until its transaction commits) and are sealed.
            audit.reads("TEST_READ", people(4000), after, "OK").await().indefinitely();
            audit.flush().await().indefinitely();
            assertThat(stored(after)).isEqualTo(4000);
            sealUntil(() -> sealed(after) == 4000);
            assertThat(stored(late)).isZero();
            service.commit();
        }
        // The sealer looks for what waits in audit_unsealed, not for ids above the last seal: the late record is found.
        sealUntil(() -> sealed(late) == 1);
        Api.as(Tokens.operator()).get("/api/v1/audit/verification").then().statusCode(200)
                .body("intact", equalTo(true));
        assertThat(Db.count(pool, "SELECT count(*) FROM audit_unsealed")).isZero();
    }

    /** Seals until the condition holds (a scheduled round may hold the sealing lock when this one asks). */
    private void sealUntil(java.util.concurrent.Callable<Boolean> done) {
        await().atMost(Duration.ofSeconds(10)).until(() -> {
            sealer.sealAll().await().indefinitely();
            return done.call();
        });
    }

    @Test
    void aRefusedBatchIsRetriedAndOneBadRowCannotSinkTheOthers() {
        String good = "good-" + UUID.randomUUID();
        String poison = "poison-" + UUID.randomUUID();
        String outage = "outage-" + UUID.randomUUID();
        // Someone with the owner's rights makes the database refuse some rows: one for its data (a check violation,
        // SQLSTATE 23514), others as if the disk were full (53100, the database's fault, not the rows').
        Db.asOwner("""
                CREATE FUNCTION test_refuse_audit() RETURNS trigger LANGUAGE plpgsql AS $$
                BEGIN
                    IF NEW.target = '%s' THEN RAISE EXCEPTION 'bad row' USING ERRCODE = 'check_violation'; END IF;
                    IF NEW.target = '%s' THEN RAISE EXCEPTION 'no space' USING ERRCODE = 'disk_full'; END IF;
                    RETURN NEW;
                END $$""".formatted(poison, outage),
                "CREATE TRIGGER test_refuse_audit BEFORE INSERT ON audit_record FOR EACH ROW EXECUTE FUNCTION test_refuse_audit()");
        try {
            // A bad row among 300 good ones: the batch is halved around it; the 300 are written, it waits.
            audit.reads("TEST_READ", people(150), good, "OK").await().indefinitely();
            audit.read("TEST_READ", Ids.next("210102"), poison, "OK").await().indefinitely();
            audit.reads("TEST_READ", people(150), good, "OK").await().indefinitely();
            flushExpectingFailure();
            assertThat(stored(good)).isEqualTo(300);
            assertThat(stored(poison)).isZero();
            assertThat(audit.awaitingRetry()).isEqualTo(1);
            // The database failing the whole batch: every row of it is kept, none written, none dropped.
            audit.reads("TEST_READ", people(20), outage, "OK").await().indefinitely();
            flushExpectingFailure();
            assertThat(stored(outage)).isZero();
            assertThat(audit.awaitingRetry()).isEqualTo(21);
        } finally {
            Db.asOwner("DROP TRIGGER test_refuse_audit ON audit_record", "DROP FUNCTION test_refuse_audit()");
        }
        // Once the database takes them again, the next flush writes every one of them.
        audit.flush().await().indefinitely();
        assertThat(audit.awaitingRetry()).isZero();
        assertThat(stored(poison)).isEqualTo(1);
        assertThat(stored(outage)).isEqualTo(20);
        Api.as(Tokens.operator()).get("/api/v1/audit/verification").then().statusCode(200).body("intact", equalTo(true));
    }

    private void flushExpectingFailure() {
        try {
            audit.flush().await().atMost(Duration.ofSeconds(30));
        } catch (RuntimeException expected) {
            // The flush reports that something is waiting for retry; what was written is asserted by the caller.
        }
    }

    @Test
    void aReadThatCannotBeAuditLoggedIsNotServed() {
        String person = Api.activePeople(Api.region(), "RESIDENT", 1).get(0);
        String hospital = Tokens.hospital("HQ");
        // The queue (5,000 here) nearly full of reads waiting to be written: one more fits, the next does not.
        audit.flush().await().indefinitely();
        audit.reads("TEST_FILL", people(4999), "fill", "OK").await().indefinitely();
        Api.as(hospital).get("/api/v1/hospital/coverage/" + person).then().statusCode(200);
        Api.as(hospital).get("/api/v1/hospital/coverage/" + person).then().statusCode(503)
                .contentType("application/problem+json").body("code", equalTo("AUDIT_UNAVAILABLE"));
        // Once written, reads are served again — and the refused one left no record, since it was not served.
        audit.flush().await().indefinitely();
        Api.as(hospital).get("/api/v1/hospital/coverage/" + person).then().statusCode(200);
        audit.flush().await().indefinitely();
        await().atMost(Duration.ofSeconds(5)).until(() -> Db.count(pool,
                "SELECT count(*) FROM audit_record WHERE action = 'COVERAGE_READ' AND actor_subject = 'his-HQ'") == 2);
    }

}
