package org.huimin.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.nullValue;

import java.util.List;
import java.util.Map;

import jakarta.inject.Inject;

import org.huimin.support.Api;
import org.huimin.support.Db;
import org.huimin.support.Tokens;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;

@QuarkusTest
class AuditTest {

    /** Each test's own region: plans of one region may not overlap. */
    private final String region = Api.region();

    @Inject
    Pool pool;

    @Test
    void readsAndChangesOfPersonalDataAreAudited() {
        String plan = Api.uniqueCode("AUD");
        Map<String, Object> planBody = Api.runningPlan(plan, region);
        Api.createPlan(planBody).statusCode(201);
        String person = Api.insuredPerson(plan, planBody);
        String hospital = Api.uniqueCode("HA");
        Api.as(Tokens.hospital(hospital)).get("/api/v1/hospital/coverage/" + person).then().statusCode(200);
        Api.settle(hospital, Api.settlement(hospital + "-1", person, Api.today().minusDays(2).toString(), "25000.00", "0.00", "0.00"))
                .statusCode(201);
        Api.as(Tokens.hospital(hospital)).get("/api/v1/hospital/settlements/" + hospital + "-1").then().statusCode(200);
        Api.as(Tokens.hospital(hospital)).post("/api/v1/hospital/settlements/" + hospital + "-1/reversal").then().statusCode(200);

        String masked = person.substring(0, 4) + "**********" + person.substring(14);
        Api.as(Tokens.operator()).get("/api/v1/audit/records?idNumber=" + person).then().statusCode(200)
                .body("action", hasItem("ENROLMENT"))
                .body("action", hasItem("PAYMENT"))
                .body("action", hasItem("COVERAGE_READ"))
                .body("action", hasItem("SETTLEMENT"))
                .body("action", hasItem("SETTLEMENT_READ"))
                .body("action", hasItem("REVERSAL"))
                .body("find { it.action == 'COVERAGE_READ' }.actorRole", equalTo("hospital"))
                .body("find { it.action == 'COVERAGE_READ' }.actorOrg", equalTo(hospital))
                .body("find { it.action == 'COVERAGE_READ' }.subject", equalTo(masked))
                .body("find { it.action == 'COVERAGE_READ' }.outcome", equalTo("COVERED"))
                .body("find { it.action == 'SETTLEMENT' }.outcome", equalTo("PAYOUT 4000.00"))
                .body("find { it.action == 'PAYMENT' }.actorSubject", equalTo("payment-provider"));
        // By actor and time range.
        Api.as(Tokens.operator()).get("/api/v1/audit/records?actor=his-" + hospital + "&from=" + Api.today().minusDays(1)
                + "T00:00:00Z").then().statusCode(200).body("", hasSize(4));
        Api.as(Tokens.operator()).get("/api/v1/audit/records?actor=his-" + hospital + "&to=2000-01-01T00:00:00Z")
                .then().statusCode(200).body("", hasSize(0));
        Api.as(Tokens.hospital(hospital)).get("/api/v1/audit/records").then().statusCode(403);
        Api.as(Tokens.operator()).get("/api/v1/audit/records?from=yesterday").then().statusCode(400);
        // The trail never stores an ID number whole.
        long whole = pool.preparedQuery("SELECT count(*) FROM audit_record WHERE concat_ws('|', actor_subject, "
                + "subject_masked, target, outcome) LIKE '%' || $1 || '%'").execute(Tuple.of(person))
                .await().indefinitely().iterator().next().getLong(0);
        assertThat(whole).isZero();
    }

    @Test
    void theChainRevealsATamperedRecord() {
        Api.as(Tokens.hospital("HT")).get("/api/v1/hospital/coverage/" + Api.activePeople(region, "RESIDENT", 1).get(0))
                .then().statusCode(200);
        Api.as(Tokens.operator()).get("/api/v1/audit/verification").then().statusCode(200)
                .body("intact", equalTo(true)).body("problem", nullValue());
        var row = pool.query("SELECT id, outcome FROM audit_record ORDER BY id DESC LIMIT 1 OFFSET 1").execute()
                .await().indefinitely().iterator().next();
        long id = row.getLong(0);
        String outcome = row.getString(1);
        tamper("UPDATE audit_record SET outcome = 'NOT_COVERED' WHERE id = " + id);
        try {
            Api.as(Tokens.operator()).get("/api/v1/audit/verification").then().statusCode(200)
                    .body("intact", equalTo(false))
                    .body("problem", equalTo("RECORD_ALTERED"))
                    .body("firstBrokenRecord", equalTo((int) id));
        } finally {
            tamper("UPDATE audit_record SET outcome = '" + outcome + "' WHERE id = " + id);
        }
        Api.as(Tokens.operator()).get("/api/v1/audit/verification").then().statusCode(200).body("intact", equalTo(true));
    }

    @Test
    void theServicesOwnRoleCannotChangeRemoveOrUnprotectAuditRows() throws Exception {
        Api.as(Tokens.hospital("HG")).get("/api/v1/hospital/coverage/" + Api.activePeople(region, "RESIDENT", 1).get(0))
                .then().statusCode(200);
        // Seal, so that both tables have rows.
        Api.as(Tokens.operator()).get("/api/v1/audit/verification").then().statusCode(200).body("intact", equalTo(true));
        // As the role the service connects with (the tests run as it, as production does): every way to bend the trail
        // fails, for want of the right — not because the service's code refrains.
        try (java.sql.Connection service = Db.connect(org.huimin.devtools.EmbeddedDatabase.SERVICE);
                java.sql.Statement sql = service.createStatement()) {
            for (String statement : List.of("UPDATE audit_record SET outcome = 'X'", "DELETE FROM audit_record",
                    "TRUNCATE audit_record", "UPDATE audit_seal SET hash = 'X'", "DELETE FROM audit_seal", "TRUNCATE audit_seal",
                    "ALTER TABLE audit_record DISABLE TRIGGER audit_record_append_only",
                    "ALTER TABLE audit_record ADD COLUMN note text", "DROP TRIGGER audit_record_append_only ON audit_record",
                    "INSERT INTO audit_unsealed (audit_id) VALUES (-1)")) {
                assertThatThrownBy(() -> sql.execute(statement)).as(statement)
                        .hasMessageMatching("(?s).*(permission denied|must be owner).*");
            }
            // What it may do: insert and read.
            assertThat(sql.executeUpdate("INSERT INTO audit_record (actor_subject, actor_role, action, outcome) "
                    + "VALUES ('test', 'system', 'ROLE_CHECK', 'OK')")).isEqualTo(1);
        }
        assertThat(pool.query("SELECT count(*) FROM audit_record").execute().await().indefinitely().iterator().next()
                .getLong(0)).isPositive();
    }

    /** Someone with the owner's rights (not the service) disables the guard and rewrites history. */
    private void tamper(String update) {
        Db.asOwner("ALTER TABLE audit_record DISABLE TRIGGER audit_record_append_only", update,
                "ALTER TABLE audit_record ENABLE TRIGGER audit_record_append_only");
    }
}
