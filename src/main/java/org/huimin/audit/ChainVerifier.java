package org.huimin.audit;

import java.time.Instant;

import jakarta.enterprise.context.ApplicationScoped;

import org.huimin.common.BusinessClock;
import org.huimin.common.db.Transactions;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Row;

/**
 * Recomputes the whole hash chain in seal order and reports the first broken link: a record whose content changed, a
 * record or seal missing, a chain that does not follow, or a record that can never be sealed.
 */
@ApplicationScoped
public class ChainVerifier {

    private static final int PAGE = 5000;

    private final Transactions transactions;
    private final AuditRepository records;
    private final AuditSealer sealer;
    private final AuditLog audit;
    private final BusinessClock clock;

    public ChainVerifier(Transactions transactions, AuditRepository records, AuditSealer sealer, AuditLog audit,
            BusinessClock clock) {
        this.transactions = transactions;
        this.records = records;
        this.sealer = sealer;
        this.audit = audit;
        this.clock = clock;
    }

    /** Result of a verification of the whole chain. */
    public record Verification(boolean intact, long verified, Long firstBrokenSeq, Long firstBrokenRecord,
            String problem, Instant checkedAt) {
    }

    /** Writes and seals what is pending, then walks the chain. */
    public Uni<Verification> verify() {
        return audit.flush().chain(sealer::sealAll).chain(sealed -> verifyFrom(0, AuditChain.GENESIS, 0))
                .chain(result -> !result.intact() ? Uni.createFrom().item(result)
                        : transactions.read(records::firstOrphan).map(orphan -> orphan == null ? result
                                : done(false, result.verified(), null, orphan, "RECORD_NOT_SEALED")));
    }

    private Uni<Verification> verifyFrom(long afterSeq, String previous, long verified) {
        return transactions.read(client -> records.sealsAfter(client, afterSeq, PAGE)).chain(rows -> {
            long expectedSeq = afterSeq;
            String prev = previous;
            long count = verified;
            for (Row row : rows) {
                long seq = row.getLong("seq");
                long recordId = row.getLong("sealed_id");
                if (seq != expectedSeq + 1) {
                    return Uni.createFrom().item(done(false, count, expectedSeq + 1, null, "SEAL_MISSING"));
                }
                if (!prev.equals(row.getString("prev_hash"))) {
                    return Uni.createFrom().item(done(false, count, seq, recordId, "CHAIN_BROKEN"));
                }
                if (row.getValue("id") == null) {
                    return Uni.createFrom().item(done(false, count, seq, recordId, "RECORD_MISSING"));
                }
                String expected = AuditChain.link(prev, AuditRepository.entry(row));
                if (!expected.equals(row.getString("hash"))) {
                    return Uni.createFrom().item(done(false, count, seq, recordId, "RECORD_ALTERED"));
                }
                prev = expected;
                expectedSeq = seq;
                count++;
            }
            if (rows.rowCount() < PAGE) {
                return Uni.createFrom().item(done(true, count, null, null, null));
            }
            return verifyFrom(expectedSeq, prev, count);
        });
    }

    private Verification done(boolean intact, long verified, Long seq, Long record, String problem) {
        return new Verification(intact, verified, seq, record, problem, clock.now());
    }
}
