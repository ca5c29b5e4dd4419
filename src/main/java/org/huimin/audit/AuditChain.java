package org.huimin.audit;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

import org.huimin.common.Pure;

/** The hash chain of the audit trail. Pure: a record's fields and the previous hash in, the next hash out. */
@Pure
public final class AuditChain {

    public static final String GENESIS = "0".repeat(64);

    private AuditChain() {
    }

    /** A record as stored. */
    public record Entry(long id, Instant at, String actorSubject, String actorRole, String actorOrg, String action,
            String subjectMasked, String subjectKey, String target, String outcome) {

        String canonical() {
            return String.join("\u001f", Long.toString(id), at.toString(), actorSubject, actorRole, nz(actorOrg), action,
                    nz(subjectMasked), nz(subjectKey), nz(target), outcome);
        }

        private static String nz(String value) {
            return value == null ? "" : value;
        }
    }

    /** The end of the chain: a seal's sequence number and hash. */
    public record Link(long seq, String hash) {
        public static final Link START = new Link(0, GENESIS);
    }

    /** A seal to append: its sequence number, its record, the hash before it and its own hash. */
    public record Seal(long seq, long recordId, String previousHash, String hash) {
    }

    public static String link(String previousHash, Entry entry) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            sha.update(previousHash.getBytes(StandardCharsets.US_ASCII));
            sha.update((byte) 0x1e);
            sha.update(entry.canonical().getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(sha.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Seals {@code entries} in order after {@code last}: each hashes its record with the hash before it. */
    public static List<Seal> extend(Link last, List<Entry> entries) {
        List<Seal> seals = new ArrayList<>(entries.size());
        long seq = last.seq();
        String previous = last.hash();
        for (Entry entry : entries) {
            String hash = link(previous, entry);
            seals.add(new Seal(++seq, entry.id(), previous, hash));
            previous = hash;
        }
        return seals;
    }
}
