package org.huimin.report;

import jakarta.enterprise.context.ApplicationScoped;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlClient;

/** The report tallies' upkeep (V11): both are SQL functions, so that the migration and the load-test seed use them too. */
@ApplicationScoped
public class TallyRepository {

    /** Folds the deltas into one row per key; how many keys it wrote (0 when another instance is folding). */
    public Uni<Long> fold(SqlClient tx) {
        return tx.query("SELECT report_tally_fold()").execute().map(rows -> rows.iterator().next().getLong(0));
    }

    /**
     * Writes the difference between the rows and the tallies for each key where they differ; how many keys. A scan of
     * every participant, policy, settlement and journal line: 68-72 s at 10,000,000 people and 5,000,000 settlements
     * (load-tests/README.md), so it lifts its transaction's statement time-out (10 s for requests) to 30 min.
     */
    public Uni<Long> correct(SqlClient tx) {
        return tx.query("SET LOCAL statement_timeout = '30min'").execute()
                .chain(() -> tx.query("SELECT report_tally_correct()").execute())
                .map(rows -> rows.iterator().next().getLong(0));
    }
}
