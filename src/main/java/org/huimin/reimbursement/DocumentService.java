package org.huimin.reimbursement;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import org.huimin.audit.AuditLog;
import org.huimin.common.BusinessClock;
import org.huimin.common.Offload;
import org.huimin.common.Refused;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;

/**
 * Uploads: the file arrives as a temporary file (the HTTP layer streams multipart parts to disk), is checked — size,
 * type by content — and hashed while read in 64 KB steps on a worker thread, written to the document store, and
 * recorded as its uploader's in the same transaction as its audit record.
 */
@ApplicationScoped
public class DocumentService {

    public enum Type {
        INVOICE, SETTLEMENT_SHEET, DISCHARGE_SUMMARY, REFERRAL, OTHER
    }

    private final DocumentRepository documents;
    private final DocumentStorage storage;
    private final BusinessClock clock;
    private final AuditLog audit;

    public DocumentService(DocumentRepository documents, DocumentStorage storage, BusinessClock clock, AuditLog audit) {
        this.documents = documents;
        this.storage = storage;
        this.clock = clock;
        this.audit = audit;
    }

    record Checked(String contentType, String sha256) {
    }

    public Uni<ReimbursementAnswers.DocumentView> upload(String owner, Type type, Path file, long size) {
        DocumentRules.size(size).ifPresent(r -> {
            throw r.refused();
        });
        UUID id = UUID.randomUUID();
        String key = "documents/" + id;
        Instant now = clock.now();
        return Offload.blocking(() -> check(file))
                .call(checked -> storage.put(id, key, file, checked.contentType(), size))
                .chain(checked -> Panache.withTransaction(() -> {
                    Document document = new Document();
                    document.id = id;
                    document.ownerIdNumber = owner;
                    document.type = type.name();
                    document.contentType = checked.contentType();
                    document.size = size;
                    document.sha256 = checked.sha256();
                    document.objectKey = key;
                    document.createdAt = now;
                    return documents.persist(document)
                            .call(() -> audit.changeInSession("DOCUMENT_UPLOAD", owner, id.toString(), type.name()))
                            .map(ReimbursementAnswers.DocumentView::of);
                }));
    }

    /** The type by the first bytes and the SHA-256 of all of them, reading the file once. */
    static Checked check(Path file) {
        try (InputStream in = Files.newInputStream(file)) {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            byte[] buffer = new byte[64 * 1024];
            int n = in.readNBytes(buffer, 0, buffer.length);
            String type = DocumentRules.contentType(buffer, n).orElseThrow(() -> DocumentRules.unsupported().refused());
            while (n > 0) {
                sha.update(buffer, 0, n);
                n = in.read(buffer);
            }
            return new Checked(type, HexFormat.of().formatHex(sha.digest()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A document's bytes (the caller has checked that the reader may see them). */
    public Uni<byte[]> content(Document document) {
        return storage.get(document.id, document.objectKey).map(bytes -> {
            if (bytes == null) {
                throw Refused.notFound("DOCUMENT_NOT_FOUND", "The document's content is missing.");
            }
            return bytes;
        });
    }
}
