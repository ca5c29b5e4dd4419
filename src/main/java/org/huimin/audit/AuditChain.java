package org.huimin.audit;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;

/** The hash chain of the audit trail. Pure: a record's fields and the previous hash in, the next hash out. */
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
}
