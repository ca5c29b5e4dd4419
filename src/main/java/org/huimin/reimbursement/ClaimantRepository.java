package org.huimin.reimbursement;

import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;

/** What a claim needs to know of policies, people, desk settlements and plans, read on the SQL path. */
@ApplicationScoped
public class ClaimantRepository {

    /** Who paid a policy and as what relation, and its number. */
    public record Guardianship(String payerIdNumber, boolean enrolledAsChild, String policyNumber) {
    }

    public Uni<Guardianship> guardianship(SqlClient client, long policyId) {
        return client.preparedQuery("""
                SELECT o.payer_id_number, po.relation, po.policy_number
                  FROM policy po JOIN enrolment_order o ON o.id = po.order_id WHERE po.id = $1""")
                .execute(Tuple.of(policyId))
                .map(rows -> {
                    Row row = rows.iterator().next();
                    return new Guardianship(row.getString(0), "CHILD".equals(row.getString(1)), row.getString(2));
                });
    }

    /** The bureau's name for a person (the claiming guardian's, for the payee check), or null. */
    public Uni<String> name(SqlClient client, String idNumber) {
        return client.preparedQuery("SELECT name FROM participant WHERE id_number = $1").execute(Tuple.of(idNumber))
                .map(rows -> rows.rowCount() == 0 ? null : rows.iterator().next().getString(0));
    }

    /** Desk settlements of the person (not reversed, paying) whose stay overlaps the given one. */
    public Uni<Long> overlappingSettlements(SqlClient client, String idNumber, LocalDate admission, LocalDate discharge) {
        return client.preparedQuery("""
                SELECT count(*) FROM settlement
                 WHERE id_number = $1 AND status = 'SETTLED' AND eligible
                   AND admission_date <= $3 AND discharge_date >= $2""")
                .execute(Tuple.of(idNumber, admission, discharge))
                .map(rows -> rows.iterator().next().getLong(0));
    }

    /** The plans an insurer leads (the first of their consortium), by id: code. */
    public Uni<Map<Long, String>> ledBy(SqlClient client, String insurer) {
        return client.preparedQuery("SELECT id, code FROM plan WHERE terms -> 'insurers' -> 0 ->> 'code' = $1 ORDER BY id")
                .execute(Tuple.of(insurer))
                .map(rows -> {
                    Map<Long, String> plans = new LinkedHashMap<>();
                    rows.forEach(row -> plans.put(row.getLong(0), row.getString(1)));
                    return plans;
                });
    }
}
