package org.huimin.reimbursement;

import java.util.Optional;

import org.huimin.common.Pure;
import org.huimin.common.Refusal;

/**
 * What a document must be (DOMAIN.md "Online claims"): PDF, JPEG or PNG recognised by its first bytes — never by its
 * name or the client's declared type — and at most 10 MB. Pure.
 */
@Pure
public final class DocumentRules {

    public static final long MAX_BYTES = 10L * 1024 * 1024;

    private DocumentRules() {
    }

    /** The content type the bytes are, or empty when they are none of the three. */
    public static Optional<String> contentType(byte[] head, int length) {
        if (starts(head, length, 0x25, 0x50, 0x44, 0x46, 0x2D)) {
            return Optional.of("application/pdf");
        }
        if (starts(head, length, 0xFF, 0xD8, 0xFF)) {
            return Optional.of("image/jpeg");
        }
        if (starts(head, length, 0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A)) {
            return Optional.of("image/png");
        }
        return Optional.empty();
    }

    public static Optional<Refusal> size(long bytes) {
        if (bytes > MAX_BYTES) {
            return Optional.of(Refusal.of(Refusal.Kind.TOO_LARGE, "DOCUMENT_TOO_LARGE", "A document may be 10 MB at most."));
        }
        if (bytes == 0) {
            return Optional.of(Refusal.of(Refusal.Kind.UNSUPPORTED_TYPE, "UNSUPPORTED_DOCUMENT", "The document is empty."));
        }
        return Optional.empty();
    }

    public static Refusal unsupported() {
        return Refusal.of(Refusal.Kind.UNSUPPORTED_TYPE, "UNSUPPORTED_DOCUMENT",
                "Only PDF, JPEG and PNG documents are accepted (recognised by their content).");
    }

    private static boolean starts(byte[] head, int length, int... magic) {
        if (length < magic.length) {
            return false;
        }
        for (int i = 0; i < magic.length; i++) {
            if ((head[i] & 0xFF) != magic[i]) {
                return false;
            }
        }
        return true;
    }
}
