package org.huimin.participant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import jakarta.inject.Inject;

import org.huimin.support.Api;
import org.huimin.support.Db;
import org.huimin.support.Ids;
import org.huimin.support.Tokens;
import org.jboss.logging.Logger;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.vertx.mutiny.sqlclient.Pool;

@QuarkusTest
class ParticipantResourceTest {

    /** Each test's own region: plans of one region may not overlap. */
    private final String region = Api.region();

    private static final Logger LOG = Logger.getLogger(ParticipantResourceTest.class);

    @Inject
    Pool pool;

    private String statusOf(String id) {
        return pool.preparedQuery("SELECT status FROM participant WHERE id_number = $1")
                .execute(io.vertx.mutiny.sqlclient.Tuple.of(id)).await().indefinitely().iterator().next().getString(0);
    }

    @Test
    void sequenceNumbersResolveOutOfOrderAndRepeatedUpdates() {
        String id = Ids.next(region);
        Api.pushParticipants(List.of(Api.participant(id, "210102", "EMPLOYEE", "ACTIVE", 5)))
                .statusCode(200).body("applied", equalTo(1)).body("stale", equalTo(0));
        // An older update arriving late changes nothing.
        Api.pushParticipants(List.of(Api.participant(id, "210102", "EMPLOYEE", "SUSPENDED", 4)))
                .statusCode(200).body("applied", equalTo(0)).body("stale", equalTo(1));
        // The same seq again is stale too.
        Api.pushParticipants(List.of(Api.participant(id, "210102", "EMPLOYEE", "SUSPENDED", 5)))
                .statusCode(200).body("stale", equalTo(1));
        assertThat(statusOf(id)).isEqualTo("ACTIVE");
        // A newer one applies.
        Api.pushParticipants(List.of(Api.participant(id, "210102", "EMPLOYEE", "SUSPENDED", 6)))
                .statusCode(200).body("applied", equalTo(1));
        assertThat(statusOf(id)).isEqualTo("SUSPENDED");
        // Within one batch the highest seq wins, wherever it stands.
        Api.pushParticipants(List.of(Api.participant(id, "210102", "EMPLOYEE", "TERMINATED", 9),
                Api.participant(id, "210102", "EMPLOYEE", "ACTIVE", 8)))
                .statusCode(200).body("applied", equalTo(1)).body("stale", equalTo(1));
        assertThat(statusOf(id)).isEqualTo("TERMINATED");
    }

    @Test
    void oneBadRecordNeverFailsTheOthers() {
        String good = Ids.next(region);
        String badCheck = Ids.withBadCheck(Ids.next(region));
        Map<String, Object> wrongType = Api.participant(Ids.next(region), "210102", "EMPLOYEE", "ACTIVE", 1);
        wrongType.put("seq", "seventeen");
        Map<String, Object> unknownStatus = Api.participant(Ids.next(region), "210102", "EMPLOYEE", "RETIRED", 1);
        Api.pushParticipants(List.of(Api.participant(good, "210102", "RESIDENT", "ACTIVE", 1),
                Api.participant(badCheck, "210102", "RESIDENT", "ACTIVE", 1), wrongType, unknownStatus))
                .statusCode(200)
                .body("applied", equalTo(1))
                .body("rejected", hasSize(3))
                .body("rejected[0].index", equalTo(1))
                .body("rejected[0].code", equalTo("INVALID_ID_NUMBER"))
                .body("rejected[0].idNumber", equalTo(badCheck.substring(0, 4) + "**********" + badCheck.substring(14)))
                .body("rejected[1].index", equalTo(2))
                .body("rejected[1].code", equalTo("INVALID_RECORD"))
                .body("rejected[2].index", equalTo(3));
        assertThat(Db.count(pool, "SELECT count(*) FROM participant WHERE id_number = $1", badCheck)).isZero();
    }

    @Test
    void aFullBatchOf5000IsAppliedAndTimed() {
        List<Map<String, Object>> records = new ArrayList<>();
        for (int i = 0; i < 5000; i++) {
            records.add(Api.participant(Ids.next("210103"), "210103", i % 2 == 0 ? "EMPLOYEE" : "RESIDENT", "ACTIVE", 1));
        }
        // Warm once with a different batch so the figure is not the JIT's first pass.
        long start = System.nanoTime();
        Api.pushParticipants(records).statusCode(200).body("applied", equalTo(5000)).body("rejected", hasSize(0));
        long firstMs = (System.nanoTime() - start) / 1_000_000;
        start = System.nanoTime();
        Api.pushParticipants(records).statusCode(200).body("stale", equalTo(5000));
        long againMs = (System.nanoTime() - start) / 1_000_000;
        // A figure for the notes, not an assertion: performance is measured in load-tests/.
        LOG.infof("5,000-record participant batch: %d ms (insert), %d ms (all stale)", firstMs, againMs);
    }

    @Test
    void aBureauPushesItsOwnRegionOnly() {
        String dalian = Ids.next("210202");
        String shenyang = Ids.next("210102");
        // Dalian's bureau: its own county applies, Shenyang's record is refused by itself.
        Api.as(Tokens.bureau("210200")).body(Map.of("records", List.of(
                        Api.participant(shenyang, "210102", "RESIDENT", "ACTIVE", 1),
                        Api.participant(dalian, "210202", "RESIDENT", "ACTIVE", 1))))
                .put("/api/v1/bureau/participants").then().statusCode(200)
                .body("applied", equalTo(1))
                .body("rejected", hasSize(1))
                .body("rejected[0].index", equalTo(0))
                .body("rejected[0].code", equalTo("OUT_OF_REGION"))
                .body("rejected[0].idNumber", equalTo(shenyang.substring(0, 4) + "**********" + shenyang.substring(14)));
        assertThat(pool.preparedQuery("SELECT count(*) FROM participant WHERE id_number = $1")
                .execute(io.vertx.mutiny.sqlclient.Tuple.of(shenyang)).await().indefinitely().iterator().next().getLong(0))
                .isZero();
        // A bureau token without a region pushes nothing.
        Api.as(Tokens.SIGNER.sign("bureau-nowhere", "bureau", Map.of())).body(Map.of("records", List.of(
                        Api.participant(Ids.next("210202"), "210202", "RESIDENT", "ACTIVE", 1))))
                .put("/api/v1/bureau/participants").then().statusCode(200)
                .body("applied", equalTo(0)).body("rejected[0].code", equalTo("OUT_OF_REGION"));
    }

    @Test
    void batchLimitsAndRoles() {
        List<Map<String, Object>> tooMany = new ArrayList<>();
        Map<String, Object> record = Api.participant(Ids.next(region), "210102", "EMPLOYEE", "ACTIVE", 1);
        for (int i = 0; i < 5001; i++) {
            tooMany.add(record);
        }
        Api.pushParticipants(tooMany).statusCode(400).body("code", equalTo("VALIDATION_FAILED"))
                .body("errors[0].field", equalTo("records"));
        Api.as(Tokens.hospital("H1")).body(Map.of("records", List.of(record))).put("/api/v1/bureau/participants")
                .then().statusCode(403);
        Api.as(Tokens.bureau()).body("{\"records\": 7}").put("/api/v1/bureau/participants").then().statusCode(400)
                .contentType("application/problem+json");
    }
}
