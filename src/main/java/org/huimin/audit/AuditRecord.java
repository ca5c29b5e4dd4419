package org.huimin.audit;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

/**
 * An audit record written through Hibernate Reactive, so that a change made by an entity workflow (online claims) and
 * its record commit in one transaction, as {@link AuditRepository#insert} does for the SQL paths. Insert-only: the
 * service's role may not update or delete audit rows (V7), and nothing here tries.
 */
@Entity
@Table(name = "audit_record")
public class AuditRecord {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    @Column(name = "actor_subject")
    public String actorSubject;

    @Column(name = "actor_role")
    public String actorRole;

    @Column(name = "actor_org")
    public String actorOrg;

    public String action;

    @Column(name = "subject_masked")
    public String subjectMasked;

    @JdbcTypeCode(SqlTypes.CHAR)
    @Column(name = "subject_key", length = 64)
    public String subjectKey;

    public String target;

    public String outcome;

    static AuditRecord of(AuditEntry e) {
        AuditRecord record = new AuditRecord();
        record.actorSubject = e.actorSubject();
        record.actorRole = e.actorRole();
        record.actorOrg = e.actorOrg();
        record.action = e.action();
        record.subjectMasked = e.subjectMasked();
        record.subjectKey = e.subjectKey();
        record.target = e.target();
        record.outcome = e.outcome();
        return record;
    }
}
