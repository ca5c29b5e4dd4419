package org.huimin.audit;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;

/** The hash chain: each seal depends on its record and on every seal before it. */
class AuditChainTest {

    private static final AuditChain.Entry A = new AuditChain.Entry(1, Instant.parse("2026-03-10T02:00:00Z"), "his-H1",
            "hospital", "H1", "COVERAGE_READ", "2101**********1233", "k1", null, "COVERED");
    private static final AuditChain.Entry B = new AuditChain.Entry(2, Instant.parse("2026-03-10T02:00:01Z"), "his-H1",
            "hospital", "H1", "SETTLEMENT", "2101**********1233", "k1", "S1", "PAYOUT 22000.00");

    @Test
    void aLinkIsTheSha256OfThePreviousHashAndTheRecord() {
        // Worked outside Java: printf '%s\x1e%s' "$(64 zeros)" "1\x1f2026-03-10T02:00:00Z\x1fhis-H1\x1fhospital\x1fH1
        // \x1fCOVERAGE_READ\x1f2101**********1233\x1fk1\x1f\x1fCOVERED" | sha256sum. Pinned: a change to the canonical
        // form would break every existing chain, so it must not change silently.
        assertThat(AuditChain.link(AuditChain.GENESIS, A))
                .isEqualTo("31e9f11ac5ea8f0404daebb1aa598b2d445e9e078bf9270e35d971597ba22ebb");
    }

    @Test
    void extendingChainsEachSealToTheOneBefore() {
        List<AuditChain.Seal> seals = AuditChain.extend(AuditChain.Link.START, List.of(A, B));
        assertThat(seals).extracting(AuditChain.Seal::seq).containsExactly(1L, 2L);
        assertThat(seals.get(0).previousHash()).isEqualTo(AuditChain.GENESIS);
        assertThat(seals.get(1).previousHash()).isEqualTo(seals.get(0).hash());
        assertThat(seals.get(1).hash()).isEqualTo(AuditChain.link(seals.get(0).hash(), B));
        // Continuing from the end of the chain gives the same seal as sealing everything at once.
        AuditChain.Link afterA = new AuditChain.Link(1, seals.get(0).hash());
        assertThat(AuditChain.extend(afterA, List.of(B))).containsExactly(seals.get(1));
    }

    @Test
    void anyChangedFieldChangesTheHash() {
        String original = AuditChain.link(AuditChain.GENESIS, A);
        AuditChain.Entry altered = new AuditChain.Entry(1, A.at(), "his-H1", "hospital", "H1", "COVERAGE_READ",
                "2101**********1233", "k1", null, "NOT_COVERED");
        assertThat(AuditChain.link(AuditChain.GENESIS, altered)).isNotEqualTo(original);
        assertThat(AuditChain.link("1".repeat(64), A)).isNotEqualTo(original);
        // Null and empty optional fields are the same canonical text: a record reads back as it was written.
        AuditChain.Entry emptyTarget = new AuditChain.Entry(1, A.at(), "his-H1", "hospital", "H1", "COVERAGE_READ",
                "2101**********1233", "k1", "", "COVERED");
        assertThat(AuditChain.link(AuditChain.GENESIS, emptyTarget)).isEqualTo(original);
    }

    @Test
    void entriesAreCutAndCleanedToTheirColumns() {
        AuditEntry entry = new AuditEntry("s".repeat(300), "hospital", null, "SETTLEMENT", null, null,
                "bad\u0000target\nline" + "x".repeat(200), "OK");
        assertThat(entry.actorSubject()).hasSize(200);
        assertThat(entry.target()).hasSize(100).startsWith("bad?target?line");
        // A surrogate pair is never split at the cut.
        assertThat(AuditEntry.fit("a\uD83D\uDE00", 2)).isEqualTo("a?");
        assertThat(AuditEntry.fit("a\uD83D\uDE00", 3)).isEqualTo("a\uD83D\uDE00");
    }
}
