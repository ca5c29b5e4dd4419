package org.huimin.audit;

import org.huimin.common.IdNumber;
import org.huimin.common.Pure;

/**
 * One audit record as written: who (subject, role, hospital/organisation/insurer), what, whose (masked, plus the keyed
 * hash), which object, with what outcome. Values are cut to their columns and stripped of control characters before
 * insert, so that no value a client sent can make the insert fail — and with it the batch of reads it travels in.
 */
@Pure
public record AuditEntry(String actorSubject, String actorRole, String actorOrg, String action, String subjectMasked,
        String subjectKey, String target, String outcome) {

    public AuditEntry {
        actorSubject = fit(actorSubject == null ? "anonymous" : actorSubject, 200);
        actorRole = fit(actorRole == null ? "none" : actorRole, 20);
        actorOrg = fit(actorOrg, 64);
        action = fit(action, 40);
        subjectMasked = fit(subjectMasked, 18);
        subjectKey = fit(subjectKey, 64);
        target = fit(target, 100);
        outcome = fit(outcome == null ? "" : outcome, 60);
    }

    static AuditEntry of(AuditLog.Actor actor, String action, String idNumber, String subjectKey, String target,
            String outcome) {
        return new AuditEntry(actor.subject(), actor.role(), actor.org(), action, IdNumber.mask(idNumber), subjectKey,
                target, outcome);
    }

    /** At most {@code max} characters (never splitting a surrogate pair), control characters replaced by '?'. */
    static String fit(String value, int max) {
        if (value == null) {
            return null;
        }
        StringBuilder out = new StringBuilder(Math.min(value.length(), max));
        for (int i = 0; i < value.length() && out.length() < max; i++) {
            char c = value.charAt(i);
            if (Character.isHighSurrogate(c)) {
                if (i + 1 < value.length() && Character.isLowSurrogate(value.charAt(i + 1)) && out.length() + 2 <= max) {
                    out.append(c).append(value.charAt(++i));
                } else {
                    out.append('?');
                    if (i + 1 < value.length() && Character.isLowSurrogate(value.charAt(i + 1))) {
                        i++;
                    }
                }
            } else if (c < 0x20 || (c >= 0x7F && c <= 0x9F) || Character.isLowSurrogate(c)) {
                out.append('?');
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }
}
