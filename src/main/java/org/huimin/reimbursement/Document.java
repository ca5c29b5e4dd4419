package org.huimin.reimbursement;

import java.time.Instant;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

/** An uploaded document: what the service checked of it (type by content, size, SHA-256) and where its bytes are. */
@Entity
@Table(name = "document")
public class Document {

    @Id
    public UUID id;

    @JdbcTypeCode(SqlTypes.CHAR)
    @Column(name = "owner_id_number", length = 18)
    public String ownerIdNumber;

    public String type;

    @Column(name = "content_type")
    public String contentType;

    public long size;

    @JdbcTypeCode(SqlTypes.CHAR)
    @Column(length = 64)
    public String sha256;

    @Column(name = "object_key")
    public String objectKey;

    @Column(name = "reimbursement_id")
    public UUID reimbursementId;

    @Column(name = "created_at")
    public Instant createdAt;
}
