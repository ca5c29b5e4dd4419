package org.huimin.enrolment;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import org.huimin.audit.AuditLog;
import org.huimin.common.BusinessClock;
import org.huimin.common.FieldError;
import org.huimin.common.HuiminConfig;
import org.huimin.common.IdNumber;
import org.huimin.common.Idempotency;
import org.huimin.common.Refusal;
import org.huimin.common.Refused;
import org.huimin.common.db.SqlErrors;
import org.huimin.participant.Participant;
import org.huimin.participant.ParticipantRepository;
import org.huimin.plan.Plan;
import org.huimin.plan.PlanService;

import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlClient;

/**
 * Enrolment (投保) by a person for self and family: one transaction that reads the idempotency key's stored answer,
 * the plan, the bureau records and the members' live policies, applies the rules, and writes the key with its answer,
 * the order, its pending policies, its deduction request and its audit record. Nothing is written when a rule refuses.
 */
@ApplicationScoped
public class FamilyEnrolmentService {

    private final Idempotency idempotency;
    private final PlanService plans;
    private final ParticipantRepository participants;
    private final OrderRepository orders;
    private final PolicyRepository policies;
    private final DeductionRepository deductions;
    private final BusinessClock clock;
    private final HuiminConfig config;
    private final MeterRegistry metrics;
    private final AuditLog audit;

    public FamilyEnrolmentService(Idempotency idempotency, PlanService plans, ParticipantRepository participants,
            OrderRepository orders, PolicyRepository policies, DeductionRepository deductions, BusinessClock clock,
            HuiminConfig config, MeterRegistry metrics, AuditLog audit) {
        this.idempotency = idempotency;
        this.plans = plans;
        this.participants = participants;
        this.orders = orders;
        this.policies = policies;
        this.deductions = deductions;
        this.clock = clock;
        this.config = config;
        this.metrics = metrics;
        this.audit = audit;
    }

    /**
     * Enrols {@code request}'s members, paid by {@code payerIdNumber} (the caller's verified ID number). Returns the
     * answer's JSON: the first answer for this key, byte for byte, however often it is retried.
     */
    public Uni<String> enrol(String payerIdNumber, String key, EnrolmentRequest request) {
        if (request.payer() == PayerType.ORGANISATION) {
            throw Refused.unprocessable("PAYER_NOT_ALLOWED", "An organisation enrols through /api/v1/org/enrolments.");
        }
        List<String> ids = memberIds(request.members().stream().map(EnrolmentRequest.Member::idNumber).toList());
        return idempotency.run("insured:" + payerIdNumber, key, request.fingerprint(),
                step -> enrol(step, payerIdNumber, ids, request))
                .invoke(() -> metrics.counter("huimin.enrolments", "payer", request.payer().name()).increment(ids.size()));
    }

    /**
     * Two round trips in all, {@code BEGIN} and {@code COMMIT} included:
     * <ol>
     * <li>{@code BEGIN}, the plan, the bureau records, the members' live policies and the key's stored answer —
     * pipelined on the transaction's connection. A stored answer is replayed before any rule is applied to the reads;</li>
     * <li>the key with its answer (first, so that a concurrent request with the same key waits there and replays), the
     * orders that no longer hold a member closed (expired, or someone else's unpaid order for a person who now enrols
     * themselves), the order, its policies, deduction request and audit record, and {@code COMMIT} — pipelined, and run
     * by PostgreSQL in this order. If a member's live policy appeared meanwhile (on whichever instance the other
     * enrolment ran), the policies' insert fails on the partial unique index, PostgreSQL answers the {@code COMMIT}
     * with a rollback (the stored answer and the closed orders included), and the request is refused as
     * {@code ALREADY_ENROLLED}.</li>
     * </ol>
     */
    private Uni<Object> enrol(Idempotency.Step step, String payerIdNumber, List<String> ids, EnrolmentRequest request) {
        Instant now = clock.now();
        SqlClient tx = step.tx();
        Set<String> lookUp = new LinkedHashSet<>(ids);
        lookUp.add(payerIdNumber);
        // The actor is resolved with the reads, so that the audit insert goes out at once with the other writes.
        // The key's stored answer is read last (Step#unanswered says why).
        return Uni.combine().all().unis(audit.actor(), plans.find(tx, request.plan()), participants.findAll(tx, lookUp),
                policies.live(tx, request.plan(), ids), step.unanswered().replaceWith(Boolean.TRUE))
                .asTuple()
                .chain(read -> {
                    Plan plan = open(read.getItem2(), request.plan());
                    refuseMembers(plan, request, ids, read.getItem3(), payerIdNumber);
                    return write(step, read.getItem1(), plan, request, ids, payerIdNumber, read.getItem4(), now);
                });
    }

    private Uni<Object> write(Idempotency.Step step, AuditLog.Actor actor, Plan plan, EnrolmentRequest request, List<String> ids,
            String payerIdNumber, List<EnrolmentRules.LivePolicy> live, Instant now) {
        SqlClient tx = step.tx();
        Set<UUID> expire = new HashSet<>();
        Set<UUID> withdraw = new HashSet<>();
        for (EnrolmentRules.LivePolicy policy : live) {
            switch (EnrolmentRules.hold(policy, policy.idNumber().equals(payerIdNumber), now)) {
                case ENROLLED -> throw EnrolmentRules.alreadyEnrolled(plan).refused();
                case EXPIRE -> expire.add(policy.orderId());
                case WITHDRAW -> withdraw.add(policy.orderId());
            }
        }
        List<PolicyRepository.NewPolicy> members = new ArrayList<>();
        for (int i = 0; i < ids.size(); i++) {
            EnrolmentRequest.Member m = request.members().get(i);
            members.add(new PolicyRepository.NewPolicy(ids.get(i), m.name().strip(), m.relation(), null));
        }
        UUID orderId = UUID.randomUUID();
        BigDecimal amount = plan.premium().multiply(BigDecimal.valueOf(members.size()));
        Instant expiresAt = EnrolmentRules.expiresAt(request.payer(), now, config.orderTtl(), config.deductionTtl(),
                config.orgOrderTtl());
        EnrolmentAnswers.Enrolment answer = new EnrolmentAnswers.Enrolment(orderId, plan.code(), request.payer(), amount,
                "PENDING_PAYMENT", expiresAt, members.stream()
                        .map(m -> new EnrolmentAnswers.PolicyLine(m.idNumber(), m.name(), m.relation(), "PENDING_PAYMENT"))
                        .toList());
        Uni<Void> freed = expire.isEmpty() && withdraw.isEmpty() ? Uni.createFrom().voidItem()
                : Uni.combine().all().unis(
                        expire.isEmpty() ? Uni.createFrom().item(List.<UUID>of()) : orders.close(tx, expire, "EXPIRED", now),
                        withdraw.isEmpty() ? Uni.createFrom().item(List.<UUID>of()) : orders.close(tx, withdraw, "WITHDRAWN", now),
                        withdraw.isEmpty() ? Uni.createFrom().voidItem()
                                : audit.change(tx, actor, "ORDER_WITHDRAWN", payerIdNumber, withdraw.toString(),
                                        "BY OWN ENROLMENT OF THE PERSON")).discardItems();
        Uni<Void> order = orders.insert(tx, orderId, plan.id(), request.payer(), payerIdNumber, null, null, amount, now,
                expiresAt);
        Uni<Void> inserted = policies.insertPendingAll(tx, orderId, plan.id(), plan.premium(), members, now);
        Uni<Void> deduction = request.payer() == PayerType.PERSONAL_ACCOUNT
                ? deductions.insert(tx, orderId, payerIdNumber, amount, now) : Uni.createFrom().voidItem();
        Uni<Void> audited = audit.change(tx, actor, "ENROLMENT", payerIdNumber, orderId.toString(),
                "PENDING_PAYMENT members=" + members.size());
        return step.commitWith(Uni.combine().all().unis(step.store(answer), freed, order, inserted, deduction, audited)
                        .discardItems())
                .onFailure(failure -> SqlErrors.uniqueViolation(failure, PolicyRepository.ONE_LIVE))
                // Someone holds a live policy (possibly committed a moment ago by another instance): the whole family
                // is refused, and nothing of this request was committed.
                .transform(failure -> EnrolmentRules.alreadyEnrolled(plan).refused())
                .replaceWith(answer);
    }

    /**
     * The member rules, in the order that tells a stranger least: every member's name first (an ID number alone reveals
     * nothing), then consent and the personal account's relations, the payer, then each member's eligibility, region and,
     * for the personal account, the binding at the bureau.
     */
    private static void refuseMembers(Plan plan, EnrolmentRequest request, List<String> ids,
            Map<String, Participant> records, String payerIdNumber) {
        List<EnrolmentRequest.Member> members = request.members();
        for (int i = 0; i < members.size(); i++) {
            refuse(EnrolmentRules.name(records.get(ids.get(i)), members.get(i).name()), "members[" + i + "].name");
        }
        for (int i = 0; i < members.size(); i++) {
            refuse(EnrolmentRules.consent(members.get(i).consent()), "members[" + i + "].consent");
            if (request.payer() == PayerType.PERSONAL_ACCOUNT) {
                refuse(EnrolmentRules.personalAccountRelation(members.get(i).relation()), "members[" + i + "].relation");
            }
        }
        Participant payer = records.get(payerIdNumber);
        if (request.payer() == PayerType.PERSONAL_ACCOUNT) {
            refuse(EnrolmentRules.personalAccountPayer(payer), "payer");
        }
        for (int i = 0; i < members.size(); i++) {
            refuse(EnrolmentRules.eligibility(plan, records.get(ids.get(i))), "members[" + i + "].idNumber");
            if (request.payer() == PayerType.PERSONAL_ACCOUNT) {
                refuse(EnrolmentRules.relationVerified(payer, ids.get(i), members.get(i).relation()),
                        "members[" + i + "].relation");
            }
        }
    }

    private Plan open(Plan plan, String code) {
        if (plan == null) {
            throw PlanService.notFound(code);
        }
        refuse(EnrolmentRules.window(plan, clock.today()), null);
        return plan;
    }

    /** Valid, normalised and distinct ID numbers of a family enrolment, or a 422 naming the bad member. */
    private static List<String> memberIds(List<String> raw) {
        List<String> ids = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < raw.size(); i++) {
            if (!IdNumber.isValid(raw.get(i))) {
                throw Refused.invalidIdNumber("members[" + i + "].idNumber");
            }
            String id = IdNumber.normalize(raw.get(i));
            if (!seen.add(id)) {
                throw Refused.unprocessable("DUPLICATE_MEMBER", "A person is listed twice.",
                        List.of(new FieldError("members[" + i + "].idNumber", "listed twice")));
            }
            ids.add(id);
        }
        return ids;
    }

    private static void refuse(Optional<Refusal> refusal, String field) {
        refusal.ifPresent(r -> {
            throw (field == null ? r : r.withErrors(List.of(new FieldError(field, r.message())))).refused();
        });
    }
}
