package org.huimin.claim;

import java.time.Instant;

import jakarta.enterprise.context.ApplicationScoped;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;

import static org.huimin.common.db.Rows.utc;

/**
 * 医保结算ID: one basic-insurance settlement is paid by this service only once, at a desk or online. The primary key
 * decides, not a look-up: two claims of one basic settlement at the same moment, on any instances, cannot both hold it.
 * A desk settlement that paid (was eligible) holds it until it is reversed; an online claim holds it while it is live.
 */
@ApplicationScoped
public class BasicSettlementRepository {

    /** Claims the ID for this holder; false when another holds it. */
    public Uni<Boolean> claim(SqlClient tx, String basicSettlementId, String holder, Instant at) {
        return tx.preparedQuery("""
                INSERT INTO basic_settlement_claim (basic_settlement_id, holder, claimed_at) VALUES ($1, $2, $3)
                ON CONFLICT DO NOTHING""")
                .execute(Tuple.of(basicSettlementId, holder, utc(at)))
                .map(rows -> rows.rowCount() == 1);
    }

    /** Frees the ID if this holder has it (a reversed settlement, a rejected online claim). */
    public Uni<Void> release(SqlClient tx, String basicSettlementId, String holder) {
        return tx.preparedQuery("DELETE FROM basic_settlement_claim WHERE basic_settlement_id = $1 AND holder = $2")
                .execute(Tuple.of(basicSettlementId, holder)).replaceWithVoid();
    }

    /** Whether the ID is held (by anyone). */
    public Uni<Boolean> held(SqlClient client, String basicSettlementId) {
        return client.preparedQuery("SELECT 1 FROM basic_settlement_claim WHERE basic_settlement_id = $1")
                .execute(Tuple.of(basicSettlementId)).map(rows -> rows.rowCount() > 0);
    }
}
