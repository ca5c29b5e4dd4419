package org.huimin.ledger;

import java.time.Instant;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;

import static org.huimin.common.db.Rows.utc;

/**
 * Appends to the journal, always inside the transaction of the change that moves the money, and always one statement
 * per call (the database checks at the end of each statement that every entry balances per insurer, V8). The table
 * is append-only: there is no update here, and the service's role could not run one.
 */
@ApplicationScoped
public class JournalRepository {

    /** The entries' lines as parallel arrays, in the order of {@link #append}'s unnest. */
    public record Lines(String[] kinds, Long[] sources, Integer[] numbers, String[] accounts, String[] insurers,
            String[] amounts, String[] counties, String[] hospitals, String[] channels) {

        public static Lines of(List<JournalEntry> entries) {
            int n = entries.stream().mapToInt(e -> e.lines().size()).sum();
            Lines lines = new Lines(new String[n], new Long[n], new Integer[n], new String[n], new String[n], new String[n],
                    new String[n], new String[n], new String[n]);
            int i = 0;
            for (JournalEntry entry : entries) {
                for (JournalEntry.Line line : entry.lines()) {
                    lines.kinds[i] = entry.kind().name();
                    lines.sources[i] = entry.sourceId();
                    lines.numbers[i] = line.line();
                    lines.accounts[i] = line.account().name();
                    lines.insurers[i] = line.insurer();
                    lines.amounts[i] = line.amount().toPlainString();
                    lines.counties[i] = entry.countyCode();
                    lines.hospitals[i] = entry.hospitalCode();
                    lines.channels[i] = entry.channel();
                    i++;
                }
            }
            return lines;
        }
    }

    /** Appends entries of one plan, all recorded at {@code at}; nothing when there are none. */
    public Uni<Void> append(SqlClient tx, long planId, Instant at, List<JournalEntry> entries) {
        Lines l = Lines.of(entries);
        if (l.kinds().length == 0) {
            return Uni.createFrom().voidItem();
        }
        return tx.preparedQuery("""
                INSERT INTO journal_line (kind, source_id, line, plan_id, account, insurer, amount, county_code,
                                          hospital_code, channel, recorded_at)
                SELECT l.kind, l.source_id, l.line, $1, l.account, l.insurer, l.amount::numeric, l.county_code,
                       l.hospital_code, l.channel, $2
                  FROM unnest($3::text[], $4::bigint[], $5::int[], $6::text[], $7::text[], $8::text[], $9::text[],
                              $10::text[], $11::text[])
                       AS l(kind, source_id, line, account, insurer, amount, county_code, hospital_code, channel)""")
                .execute(Tuple.tuple().addValue(planId).addValue(utc(at)).addValue(l.kinds()).addValue(l.sources())
                        .addValue(l.numbers()).addValue(l.accounts()).addValue(l.insurers()).addValue(l.amounts())
                        .addValue(l.counties()).addValue(l.hospitals()).addValue(l.channels()))
                .replaceWithVoid();
    }

    /**
     * The reversal of a settlement: its lines mirrored (the hospital is owed that much less, the claim expense is given
     * back), exactly the amounts and split booked for it — nothing is recomputed. Nothing when it paid nothing.
     */
    public Uni<Void> reverseSettlement(SqlClient tx, long settlementId, Instant at) {
        return tx.preparedQuery("""
                INSERT INTO journal_line (kind, source_id, line, plan_id, account, insurer, amount, county_code,
                                          hospital_code, recorded_at)
                SELECT 'REVERSAL', source_id, line, plan_id,
                       CASE account WHEN 'CLAIMS_SETTLED' THEN 'CLAIMS_REVERSED' ELSE account END, insurer, -amount,
                       county_code, hospital_code, $2
                  FROM journal_line WHERE kind = 'SETTLEMENT' AND source_id = $1""")
                .execute(Tuple.of(settlementId, utc(at)))
                .replaceWithVoid();
    }
}
