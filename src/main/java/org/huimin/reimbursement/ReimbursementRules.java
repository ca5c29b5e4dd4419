package org.huimin.reimbursement;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.huimin.common.FieldError;
import org.huimin.common.MedicalDataAccess;
import org.huimin.common.Pure;
import org.huimin.common.Refusal;
import org.huimin.common.Text;

/**
 * DOMAIN.md "Online claims", as pure functions: who may claim for whom, the two-year limit, the documents a claim
 * needs, who may be paid, what a reviewer may change, the states and the deadlines (保险法 第二十三条, 第二十六条).
 */
@Pure
public final class ReimbursementRules {

    /** 保险法 第二十六条: the right to claim lapses two years after the insured event (the discharge). */
    public static final int CLAIM_WITHIN_YEARS = 2;
    /** 保险法 第二十三条: a decision within 30 days of the claim being complete, payment within 10 days of agreement. */
    public static final int DECISION_DAYS = 30;
    public static final int PAYMENT_DAYS = 10;

    public static final String SUBMITTED = "SUBMITTED";
    public static final String MORE_INFO_REQUESTED = "MORE_INFO_REQUESTED";
    public static final String PENDING_SECOND_REVIEW = "PENDING_SECOND_REVIEW";
    public static final String APPROVED = "APPROVED";
    public static final String PAID = "PAID";
    public static final String REJECTED = "REJECTED";

    public static final String OVERLAPPING_STAY = "OVERLAPPING_STAY";

    private ReimbursementRules() {
    }

    /**
     * The claimant claims for themself, or for a child under 18 today whose policy they paid with relation CHILD; for
     * anyone else the person is not theirs to know about ({@code 404}).
     */
    public static boolean mayClaimFor(String claimant, String insured, String payer, boolean enrolledAsChild, LocalDate today) {
        return MedicalDataAccess.seenBy(claimant, insured, payer, enrolledAsChild, today);
    }

    /** Within two years of the discharge. */
    public static Optional<Refusal> inTime(LocalDate discharge, LocalDate today) {
        if (today.isAfter(discharge.plusYears(CLAIM_WITHIN_YEARS))) {
            return Optional.of(Refusal.unprocessable("CLAIM_TOO_LATE", "A claim must arrive within " + CLAIM_WITHIN_YEARS
                    + " years of the discharge (" + discharge + "; 保险法 第二十六条)."));
        }
        return Optional.empty();
    }

    /** The invoice and the basic-insurance settlement sheet always; the discharge summary for inpatient care. */
    public static Optional<Refusal> documents(String careType, Collection<String> types) {
        List<String> missing = new ArrayList<>();
        for (String required : required(careType)) {
            if (!types.contains(required)) {
                missing.add(required);
            }
        }
        if (missing.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(Refusal.unprocessable("DOCUMENTS_MISSING", "The claim needs " + String.join(", ", missing)
                + " among its documents.").with("missing", missing));
    }

    static List<String> required(String careType) {
        return "INPATIENT".equals(careType) ? List.of("INVOICE", "SETTLEMENT_SHEET", "DISCHARGE_SUMMARY")
                : List.of("INVOICE", "SETTLEMENT_SHEET");
    }

    /** The payee is the insured person, or — for a child — the guardian who claims; by name (NFKC, spaces ignored). */
    public static Optional<Refusal> payee(String payeeName, String insuredName, String claimantName, boolean forChild) {
        String payee = Text.comparableName(payeeName);
        boolean allowed = payee.equals(Text.comparableName(insuredName))
                || (forChild && payee.equals(Text.comparableName(claimantName)));
        if (!allowed) {
            return Optional.of(Refusal.unprocessable("PAYEE_NOT_ALLOWED", forChild
                    ? "The payee's account must be in the child's or the claiming guardian's name."
                    : "The payee's account must be in the insured person's name."));
        }
        return Optional.empty();
    }

    /** A reviewer may lower amounts item by item, never raise one. */
    public static Optional<Refusal> adjustment(Claimed claimed, Claimed adjusted) {
        List<FieldError> raised = new ArrayList<>();
        Map<String, BigDecimal> before = claimed.byField();
        adjusted.byField().forEach((field, value) -> {
            if (value.compareTo(before.get(field)) > 0) {
                raised.add(new FieldError("adjustedAmounts." + field, "may not be raised above " + before.get(field).toPlainString()));
            }
        });
        if (!raised.isEmpty()) {
            return Optional.of(Refusal.unprocessable("ADJUSTMENT_NOT_ALLOWED", "Amounts may be lowered, never raised.")
                    .withErrors(raised));
        }
        return Optional.empty();
    }

    /** What a decision needs to say why: a rejection, a request for more, and any adjustment. */
    public static Optional<Refusal> reason(String decision, String reason, boolean adjusted) {
        if ((!"APPROVE".equals(decision) || adjusted) && (reason == null || reason.isBlank())) {
            return Optional.of(Refusal.unprocessable("REASON_REQUIRED", "A rejection, a request for more documents and an "
                    + "adjustment each need a reason.").withErrors(List.of(new FieldError("reason", "must not be blank"))));
        }
        return Optional.empty();
    }

    /** The states a decision may be taken in. */
    public static Optional<Refusal> decisionAllowed(String decision, String status) {
        Set<String> from = switch (decision) {
            case "APPROVE", "REJECT" -> Set.of(SUBMITTED, PENDING_SECOND_REVIEW);
            case "REQUEST_INFO" -> Set.of(SUBMITTED);
            default -> Set.of();
        };
        return from.contains(status) ? Optional.empty() : Optional.of(invalidState(status, decision));
    }

    /** An approval that pays {@code threshold} or more needs a second reviewer, another person than the first. */
    public static boolean needsSecondReview(BigDecimal payout, BigDecimal threshold) {
        return payout.compareTo(threshold) >= 0;
    }

    public static Optional<Refusal> secondReviewer(String firstApprover, String reviewer) {
        if (firstApprover != null && firstApprover.equals(reviewer)) {
            return Optional.of(Refusal.conflict("SECOND_REVIEWER_REQUIRED", "This claim was approved once by this reviewer; "
                    + "another reviewer must give the second approval."));
        }
        return Optional.empty();
    }

    public static Refusal invalidState(String status, String what) {
        return Refusal.conflict("INVALID_STATE", "The claim is " + status + ": " + what + " is not possible now.");
    }

    /** A decision is due 30 days after the claim became complete (its submission, or its last document). */
    public static LocalDate decisionDueBy(LocalDate complete) {
        return complete.plusDays(DECISION_DAYS);
    }

    public static LocalDate paymentDueBy(LocalDate approved) {
        return approved.plusDays(PAYMENT_DAYS);
    }

    /** Past its decision date while awaiting a decision, or past its payment date while awaiting payment. */
    public static boolean overdue(String status, LocalDate decisionDueBy, LocalDate paymentDueBy, LocalDate today) {
        return switch (status) {
            case SUBMITTED, PENDING_SECOND_REVIEW -> today.isAfter(decisionDueBy);
            case APPROVED -> paymentDueBy != null && today.isAfter(paymentDueBy);
            default -> false;
        };
    }

    /** Two stays overlap when neither ends before the other begins. */
    public static boolean overlaps(LocalDate admission, LocalDate discharge, LocalDate otherAdmission, LocalDate otherDischarge) {
        return !discharge.isBefore(otherAdmission) && !otherDischarge.isBefore(admission);
    }
}
