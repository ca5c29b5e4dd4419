package org.huimin.reimbursement;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

import jakarta.enterprise.context.ApplicationScoped;

import org.huimin.audit.AuditLog;
import org.huimin.claim.Decision;
import org.huimin.claim.SettlementService;
import org.huimin.claim.StayChecks;
import org.huimin.common.BusinessClock;
import org.huimin.common.IdNumber;
import org.huimin.common.Page;
import org.huimin.common.Refusal;
import org.huimin.common.Refused;
import org.huimin.common.db.SqlErrors;
import org.huimin.common.db.Transactions;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;

/**
 * The online-claims workflow on Hibernate Reactive Panache: submission, the claimant's reads, more documents, the
 * lead insurer's queue and reads, rejection and requests for more. Each change commits with its audit record in one
 * Panache transaction. Approval and payment, which move balances and money, are {@link ApprovalService}'s.
 *
 * <p>Concurrency: a claim for one basic-insurance settlement is held by a row of {@code basic_settlement_claim}
 * (primary key), written in the submission's transaction — two claims (or a claim and an eligible desk settlement) for
 * one settlement race on it and one wins; the other is {@code 409 ALREADY_CLAIMED}. A retried submission with the same
 * {@code Idempotency-Key} races on the claim's unique (claimant, key) and answers the first claim. Decisions on one claim
 * are serialised by the entity's version (a stale one fails and is answered {@code 409 INVALID_STATE} on retry).
 */
@ApplicationScoped
public class ReimbursementService {

    private final Transactions transactions;
    private final ReimbursementRepository reimbursements;
    private final DocumentRepository documents;
    private final ReviewDecisionRepository decisions;
    private final BasicSettlementClaimRepository basicClaims;
    private final ClaimantRepository claimants;
    private final SettlementService settlements;
    private final DocumentService documentService;
    private final BusinessClock clock;
    private final AuditLog audit;
    private final ObjectMapper json;

    public ReimbursementService(Transactions transactions, ReimbursementRepository reimbursements,
            DocumentRepository documents, ReviewDecisionRepository decisions, BasicSettlementClaimRepository basicClaims,
            ClaimantRepository claimants, SettlementService settlements, DocumentService documentService,
            BusinessClock clock, AuditLog audit, ObjectMapper json) {
        this.transactions = transactions;
        this.reimbursements = reimbursements;
        this.documents = documents;
        this.decisions = decisions;
        this.basicClaims = basicClaims;
        this.claimants = claimants;
        this.settlements = settlements;
        this.documentService = documentService;
        this.clock = clock;
        this.audit = audit;
        this.json = json;
    }

    /** The answer to a submission, and whether this request made it (201) or replays the first (200). */
    public record Submission(boolean created, ReimbursementAnswers.Submitted answer) {
    }

    // ---- The claimant --------------------------------------------------------------------------------------------

    public Uni<Submission> submit(String claimant, String key, ReimbursementRequest request) {
        if (!IdNumber.isValid(request.idNumber())) {
            throw Refused.invalidIdNumber("idNumber");
        }
        String insured = IdNumber.normalize(request.idNumber());
        LocalDate today = clock.today();
        StayChecks.refusal(request.amounts(), request.dischargeDate(), today).ifPresent(Refusal::throwIt);
        String fingerprint = request.fingerprint();
        Uni<Submission> replay = key == null ? Uni.createFrom().nullItem()
                : Panache.withSession(() -> reimbursements.byKey(claimant, key)).map(found -> found == null ? null
                        : replayed(found, fingerprint));
        return replay.chain(previous -> previous != null ? Uni.createFrom().item(previous)
                : checkAndRecord(claimant, insured, key, fingerprint, request, today));
    }

    private Uni<Submission> checkAndRecord(String claimant, String insured, String key, String fingerprint,
            ReimbursementRequest request, LocalDate today) {
        Instant now = clock.now();
        return transactions.read(db -> settlements.situation(db, insured, request.admissionDate(), false)
                .chain(situation -> {
                    if (situation.policy() == null) {
                        if (!claimant.equals(insured)) {
                            throw personNotFound();
                        }
                        throw Refused.unprocessable("NO_POLICY", "No active policy covers the admission date.");
                    }
                    return Uni.combine().all().unis(claimants.guardianship(db, situation.policy().policyId()),
                            claimants.name(db, claimant),
                            claimants.overlappingSettlements(db, insured, request.admissionDate(), request.dischargeDate()))
                            .asTuple().map(facts -> new Object[] {situation, facts.getItem1(), facts.getItem2(), facts.getItem3()});
                }))
                .chain(facts -> {
                    SettlementService.Situation situation = (SettlementService.Situation) facts[0];
                    ClaimantRepository.Guardianship guardianship = (ClaimantRepository.Guardianship) facts[1];
                    if (!ReimbursementRules.mayClaimFor(claimant, insured, guardianship.payerIdNumber(),
                            guardianship.enrolledAsChild(), today)) {
                        throw personNotFound();
                    }
                    ReimbursementRules.inTime(request.dischargeDate(), today).ifPresent(Refusal::throwIt);
                    Decision estimate = situation.decide(request.amounts());
                    if (!estimate.eligible()) {
                        throw Refused.unprocessable(estimate.reason().name(), "The stay is not covered: "
                                + estimate.reason() + ".");
                    }
                    String insuredName = situation.participant() == null ? null : situation.participant().name();
                    ReimbursementRules.payee(request.payee().name(), insuredName, (String) facts[2], !claimant.equals(insured))
                            .ifPresent(Refusal::throwIt);
                    long overlappingDesk = (Long) facts[3];
                    return record(claimant, insured, key, fingerprint, request, situation, estimate, overlappingDesk > 0,
                            today, now);
                });
    }

    private Uni<Submission> record(String claimant, String insured, String key, String fingerprint,
            ReimbursementRequest request, SettlementService.Situation situation, Decision estimate, boolean overlapsDesk,
            LocalDate today, Instant now) {
        UUID id = UUID.randomUUID();
        return Panache.withTransaction(() -> documents.byIds(new HashSet<>(request.documents())).chain(found -> {
            attachable(claimant, request.documents(), found);
            ReimbursementRules.documents(request.careType().name(), found.stream().map(d -> d.type).collect(Collectors.toSet()))
                    .ifPresent(Refusal::throwIt);
            return reimbursements.overlapping(insured, request.admissionDate(), request.dischargeDate()).chain(overlapping -> {
                List<String> flags = overlapping > 0 || overlapsDesk ? List.of(ReimbursementRules.OVERLAPPING_STAY) : List.of();
                Reimbursement r = new Reimbursement();
                r.id = id;
                r.claimantIdNumber = claimant;
                r.idNumber = insured;
                r.idempotencyKey = key;
                r.requestHash = fingerprint;
                r.planId = situation.plan().id();
                r.policyId = situation.policy().policyId();
                r.careType = request.careType().name();
                r.hospitalName = request.hospitalName();
                r.hospitalCode = request.hospitalCode();
                r.offsite = request.offsite();
                r.admissionDate = request.admissionDate();
                r.dischargeDate = request.dischargeDate();
                r.basicSettlementId = request.basicSettlementId();
                Claimed c = request.claimed();
                r.totalAmount = c.totalAmount();
                r.basicFundPaid = c.basicFundPaid();
                r.criticalIllnessPaid = c.criticalIllnessPaid();
                r.medicalAssistancePaid = c.medicalAssistancePaid();
                r.otherFundPaid = c.otherFundPaid();
                r.inPolicySelfPay = c.inPolicySelfPay();
                r.outOfPolicySelfPay = c.outOfPolicySelfPay();
                r.overLimitSelfPay = c.overLimitSelfPay();
                r.payeeName = request.payee().name();
                r.payeeBank = request.payee().bank();
                r.payeeAccount = request.payee().account();
                r.status = ReimbursementRules.SUBMITTED;
                r.flags = String.join(",", flags);
                r.estimate = write(ReimbursementAnswers.Payout.of(estimate));
                r.submittedAt = now;
                r.decisionDueBy = ReimbursementRules.decisionDueBy(today);
                r.updatedAt = now;
                BasicSettlementClaim hold = new BasicSettlementClaim();
                hold.basicSettlementId = request.basicSettlementId();
                hold.holder = BasicSettlementClaim.holderOf(id);
                hold.claimedAt = now;
                found.forEach(d -> d.reimbursementId = id);
                return reimbursements.persist(r)
                        .call(() -> basicClaims.persist(hold))
                        .call(() -> audit.changeInSession("REIMBURSEMENT_SUBMIT", insured, id.toString(),
                                "ESTIMATE " + estimate.payout().toPlainString()))
                        .call(() -> Panache.flush())
                        .map(done -> new Submission(true, submitted(r)));
            });
        })).onFailure(f -> SqlErrors.uniqueViolation(f, "basic_settlement_claim_pkey"))
                .transform(f -> Refused.conflict("ALREADY_CLAIMED", "Basic-insurance settlement "
                        + request.basicSettlementId() + " has already been paid, at a desk or online."))
                .onFailure(f -> key != null && SqlErrors.uniqueViolation(f, "reimbursement_claimant_id_number_idempotency_key_key"))
                .recoverWithUni(() -> Panache.withSession(() -> reimbursements.byKey(claimant, key))
                        .map(found -> replayed(found, fingerprint)));
    }

    private Submission replayed(Reimbursement found, String fingerprint) {
        if (!found.requestHash.equals(fingerprint)) {
            throw Refused.conflict("IDEMPOTENCY_KEY_REUSED", "This Idempotency-Key was used for a different claim.");
        }
        return new Submission(false, submitted(found));
    }

    private ReimbursementAnswers.Submitted submitted(Reimbursement r) {
        return new ReimbursementAnswers.Submitted(r.id, ReimbursementRules.SUBMITTED,
                read(r.estimate, ReimbursementAnswers.Payout.class), flags(r), r.decisionDueBy);
    }

    /** Documents the claimant uploaded and no claim holds yet; anything else is as good as missing. */
    private static void attachable(String claimant, List<UUID> wanted, List<Document> found) {
        Set<UUID> usable = new HashSet<>();
        for (Document d : found) {
            if (d.ownerIdNumber.equals(claimant) && d.reimbursementId == null) {
                usable.add(d.id);
            }
        }
        List<String> unknown = wanted.stream().filter(id -> !usable.contains(id)).map(UUID::toString).toList();
        if (!unknown.isEmpty()) {
            throw Refusal.unprocessable("DOCUMENTS_MISSING", "Documents not found among the caller's unattached uploads: "
                    + String.join(", ", unknown) + ".").with("unknown", unknown).refused();
        }
    }

    /** The claims the caller made or that are about them, newest first. */
    public Uni<List<ReimbursementAnswers.View>> mine(String caller) {
        LocalDate today = clock.today();
        // One session runs one statement at a time: the views are built one after the other.
        return Panache.withSession(() -> reimbursements.ofPerson(caller).chain(list -> {
            Uni<List<ReimbursementAnswers.View>> views = Uni.createFrom().item(new ArrayList<>());
            for (Reimbursement r : list) {
                views = views.chain(done -> view(r, false, today).map(v -> {
                    done.add(v);
                    return done;
                }));
            }
            return views;
        }));
    }

    public Uni<ReimbursementAnswers.View> mineOne(String caller, UUID id) {
        return Panache.withSession(() -> reimbursements.findById(id).chain(r -> {
            if (r == null || !(r.claimantIdNumber.equals(caller) || r.idNumber.equals(caller))) {
                throw notFound(id);
            }
            return view(r, false, clock.today());
        }));
    }

    /** While more was asked for: the documents join the claim, which is complete again from today. */
    public Uni<ReimbursementAnswers.View> addDocuments(String caller, UUID id, MoreDocuments more) {
        LocalDate today = clock.today();
        Instant now = clock.now();
        return Panache.withTransaction(() -> reimbursements.findById(id).chain(r -> {
            if (r == null || !r.claimantIdNumber.equals(caller)) {
                throw notFound(id);
            }
            if (!ReimbursementRules.MORE_INFO_REQUESTED.equals(r.status)) {
                throw ReimbursementRules.invalidState(r.status, "adding documents").refused();
            }
            return documents.byIds(new HashSet<>(more.documents())).chain(found -> {
                attachable(caller, more.documents(), found);
                found.forEach(d -> d.reimbursementId = id);
                r.status = ReimbursementRules.SUBMITTED;
                r.decisionDueBy = ReimbursementRules.decisionDueBy(today);
                r.updatedAt = now;
                return audit.changeInSession("REIMBURSEMENT_DOCUMENTS", r.idNumber, id.toString(), "SUBMITTED")
                        .chain(() -> view(r, false, today));
            });
        }));
    }

    // ---- The lead insurer ----------------------------------------------------------------------------------------

    /** The queue of the plans the insurer leads, oldest decision date first, each person's read audit-logged. */
    public Uni<Page<ReimbursementAnswers.QueueItem>> queue(String insurer, String status, boolean overdueOnly,
            String cursor, int limit) {
        LocalDate today = clock.today();
        Page.Position after = Page.decode(cursor);
        return transactions.read(db -> claimants.ledBy(db, insurer)).chain(plans -> {
            if (plans.isEmpty()) {
                return Uni.createFrom().item(new Page<ReimbursementAnswers.QueueItem>(List.of(), null));
            }
            return Panache.withSession(() -> reimbursements.queue(plans.keySet(), status, overdueOnly ? today : null,
                    after == null ? null : LocalDate.ofInstant(after.at(), java.time.ZoneOffset.UTC),
                    after == null ? null : after.id(), limit + 1))
                    .map(list -> Page.of(list.stream().map(r -> queueItem(r, plans, today)).toList(), limit,
                            item -> new Page.Position(item.decisionDueBy().atStartOfDay(java.time.ZoneOffset.UTC).toInstant(),
                                    item.reimbursementId())))
                    .call(page -> audit.reads("REIMBURSEMENTS_QUEUE", list(page), null, status));
        });
    }

    private static List<String> list(Page<ReimbursementAnswers.QueueItem> page) {
        return page.items().stream().map(ReimbursementAnswers.QueueItem::idNumber).toList();
    }

    private ReimbursementAnswers.QueueItem queueItem(Reimbursement r, Map<Long, String> plans, LocalDate today) {
        ReimbursementAnswers.Payout estimate = read(r.estimate, ReimbursementAnswers.Payout.class);
        return new ReimbursementAnswers.QueueItem(r.id, plans.get(r.planId), IdNumber.mask(r.idNumber), r.careType,
                r.offsite, r.admissionDate, r.dischargeDate, r.totalAmount, r.inPolicySelfPay, r.outOfPolicySelfPay,
                estimate.payout(), flags(r), r.status, r.decisionDueBy, r.paymentDueBy,
                ReimbursementRules.overdue(r.status, r.decisionDueBy, r.paymentDueBy, today), r.submittedAt);
    }

    /** The whole claim, for the lead insurer of its plan only; the read is audit-logged. */
    public Uni<ReimbursementAnswers.View> forInsurer(String insurer, UUID id) {
        return led(insurer, id).chain(r -> Panache.withSession(() -> view(r, true, clock.today())))
                .call(view -> audit.read("REIMBURSEMENT_READ", view.idNumber(), id.toString(), view.status()));
    }

    /** One of the claim's documents, for the lead insurer; the read is audit-logged. */
    public Uni<DocumentContent> document(String insurer, UUID id, UUID documentId) {
        return led(insurer, id).chain(r -> Panache.withSession(() -> documents.findById(documentId)).chain(d -> {
            if (d == null || !id.equals(d.reimbursementId)) {
                throw Refused.notFound("DOCUMENT_NOT_FOUND", "No document " + documentId + " in this claim.");
            }
            return documentService.content(d).map(bytes -> new DocumentContent(d.contentType, bytes))
                    .call(() -> audit.read("DOCUMENT_READ", r.idNumber, documentId.toString(), d.type));
        }));
    }

    public record DocumentContent(String contentType, byte[] bytes) {
    }

    /** Reject (the basic-insurance settlement is free to be claimed again) or ask for more documents. */
    public Uni<ReimbursementAnswers.View> decide(String insurer, String reviewer, UUID id, DecisionRequest request) {
        String decision = request.decision().name();
        ReimbursementRules.reason(decision, request.reason(), false).ifPresent(Refusal::throwIt);
        Instant now = clock.now();
        return led(insurer, id).chain(checked -> Panache.withTransaction(() -> reimbursements.findById(id).chain(r -> {
            ReimbursementRules.decisionAllowed(decision, r.status).ifPresent(Refusal::throwIt);
            String outcome = "REJECT".equals(decision) ? ReimbursementRules.REJECTED : ReimbursementRules.MORE_INFO_REQUESTED;
            r.status = outcome;
            r.reason = request.reason();
            r.updatedAt = now;
            if ("REJECT".equals(decision)) {
                r.decidedAt = now;
            }
            ReviewDecision d = new ReviewDecision();
            d.reimbursementId = id;
            d.reviewer = reviewer;
            d.decision = decision;
            d.reason = request.reason();
            d.outcome = outcome;
            d.decidedAt = now;
            Uni<Void> release = "REJECT".equals(decision)
                    ? basicClaims.delete("basicSettlementId = ?1 and holder = ?2", r.basicSettlementId,
                            BasicSettlementClaim.holderOf(id)).replaceWithVoid()
                    : Uni.createFrom().voidItem();
            return decisions.persist(d).chain(() -> release)
                    .call(() -> audit.changeInSession("REIMBURSEMENT_" + decision, r.idNumber, id.toString(), outcome))
                    .chain(() -> view(r, true, clock.today()));
        })));
    }

    /** The claim, if the insurer leads its plan; otherwise it is not theirs to know about. */
    Uni<Reimbursement> led(String insurer, UUID id) {
        return Panache.withSession(() -> reimbursements.findById(id)).chain(r -> {
            if (r == null) {
                throw notFound(id);
            }
            return transactions.read(db -> claimants.ledBy(db, insurer)).map(plans -> {
                if (!plans.containsKey(r.planId)) {
                    throw notFound(id);
                }
                return r;
            });
        });
    }

    // ---- Views ---------------------------------------------------------------------------------------------------

    Uni<ReimbursementAnswers.View> view(Reimbursement r, boolean withDecisions, LocalDate today) {
        // In sequence: a Hibernate Reactive session runs one statement at a time.
        return documents.ofReimbursement(r.id).chain(docs -> (withDecisions ? decisions.ofReimbursement(r.id)
                : Uni.createFrom().item(List.<ReviewDecision>of())).map(history -> io.smallrye.mutiny.tuples.Tuple2.of(docs, history)))
                .map(read -> {
            String digits = r.payeeAccount.replaceAll("\\D", "");
            String shown = withDecisions || digits.length() <= 4 ? r.payeeAccount : "****" + digits.substring(digits.length() - 4);
            return new ReimbursementAnswers.View(r.id, r.status, r.idNumber, r.careType, r.hospitalName, r.hospitalCode,
                    r.offsite, r.admissionDate, r.dischargeDate, r.basicSettlementId, r.claimed(),
                    r.adjustedAmounts == null ? null : read(r.adjustedAmounts, Claimed.class),
                    new ReimbursementAnswers.PayeeView(r.payeeName, r.payeeBank, shown),
                    read.getItem1().stream().map(ReimbursementAnswers.DocumentView::of).toList(), flags(r),
                    read(r.estimate, ReimbursementAnswers.Payout.class), r.reason, r.payout,
                    r.approval == null ? null : read(r.approval, ReimbursementAnswers.Payout.class), r.decisionDueBy,
                    r.paymentDueBy, ReimbursementRules.overdue(r.status, r.decisionDueBy, r.paymentDueBy, today),
                    r.submittedAt, r.decidedAt, r.paidAt, r.transactionId,
                    withDecisions ? read.getItem2().stream().map(d -> new ReimbursementAnswers.DecisionView(d.decision,
                            d.reviewer, d.reason, d.outcome, d.decidedAt)).toList() : null);
        });
    }

    private static List<String> flags(Reimbursement r) {
        return r.flags == null || r.flags.isBlank() ? List.of() : List.of(r.flags.split(","));
    }

    static Refused notFound(UUID id) {
        return Refused.notFound("REIMBURSEMENT_NOT_FOUND", "No claim " + id + ".");
    }

    private static Refused personNotFound() {
        return Refused.notFound("PERSON_NOT_FOUND", "No one the caller may claim for has a policy under this ID number.");
    }

    private String write(Object value) {
        try {
            return json.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private <T> T read(String value, Class<T> type) {
        try {
            return json.readValue(value, type);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
