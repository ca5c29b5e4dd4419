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
import jakarta.inject.Inject;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.huimin.audit.AuditLog;
import org.huimin.common.ApiException;
import org.huimin.common.BusinessClock;
import org.huimin.common.FieldError;
import org.huimin.common.IdNumber;
import org.huimin.common.Idempotency;
import org.huimin.participant.Participant;
import org.huimin.participant.ParticipantRepository;
import org.huimin.plan.Plan;
import org.huimin.plan.PlanRepository;
import org.huimin.plan.PlanService;

import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlClient;

/**
 * Enrolment (投保) by a person for self and family, or by an organisation for a list. Each request is one
 * transaction: claim the idempotency key, read the bureau records, apply the rules, insert the order and its
 * pending policies, store the answer. Nothing is written when a rule refuses.
 */
@ApplicationScoped
public class EnrolmentService {

    @Inject
    PlanRepository plans;

    @Inject
    ParticipantRepository participants;

    @Inject
    EnrolmentRepository enrolments;

    @Inject
    Idempotency idempotency;

    @Inject
    BusinessClock clock;

    @Inject
    MeterRegistry metrics;

    @Inject
    AuditLog audit;

    /** Enrolment by an insured person ({@code payerIdNumber} is the caller's verified ID number). */
    public Uni<Response> enrol(String payerIdNumber, String key, EnrolmentRequest request) {
        String caller = "insured:" + payerIdNumber;
        return idempotent(caller, key, request, step -> enrolFamily(step, payerIdNumber, request));
    }

    /** Enrolment by an organisation: each member accepted or refused on its own. */
    public Uni<Response> enrolForOrganisation(String orgCode, OrgType orgType, String key, OrgEnrolmentRequest request) {
        String caller = "org:" + orgCode;
        return idempotent(caller, key, request, step -> step.claimed()
                .chain(() -> enrolList(step.tx(), orgCode, orgType, request))
                .call(answer -> step.complete().apply(answer)));
    }

    /**
     * The transaction of one idempotent request: {@code claimed} claims the key (fails with {@link
     * Idempotency.KeyTaken} when it is used), {@code complete} stores the answer. The work decides when to
     * subscribe to them, so that it can send the claim in the same round trip as its first reads.
     */
    private record Step(SqlClient tx, Uni<Void> claimed, java.util.function.Function<Object, Uni<Void>> complete) {
    }

    private Uni<Response> idempotent(String caller, String key, Object request,
            java.util.function.Function<Step, Uni<Object>> work) {
        String hash = idempotency.hash(request);
        // No look-up before the transaction: the claim inside it finds a used key (committed, or being committed by
        // a concurrent request) and the answer is replayed; first attempts, the common case, save a round trip.
        return enrolments.pool().withTransaction(tx -> work.apply(new Step(tx,
                key == null ? Uni.createFrom().voidItem() : idempotency.claim(tx, caller, key, hash),
                answer -> key == null ? Uni.createFrom().voidItem() : idempotency.complete(tx, caller, key, 201, answer))))
                .map(answer -> Response.status(201).type(MediaType.APPLICATION_JSON).entity(answer).build())
                .onFailure(Idempotency.KeyTaken.class)
                .recoverWithUni(() -> idempotency.find(caller, key).map(stored -> Idempotency.replay(stored, hash)));
    }

    /**
     * A family enrolment in two round trips inside its transaction (the "one round trip per step"):
     * <ol>
     * <li>claim the key, read the plan, read the bureau records — pipelined on the transaction's connection. The
     * claim's answer comes first, so a used key fails the step as {@code KeyTaken} (and is replayed) before any
     * rule is applied to the reads;</li>
     * <li>order, policies, (deduction), audit record and the stored answer — pipelined. The answer is known before
     * the inserts: if a member's live policy already exists (the partial unique index decides, on whichever
     * instance the other enrolment ran), fewer policies come back, the request is refused and the transaction,
     * the stored answer included, rolls back.</li>
     * </ol>
     */
    private Uni<Object> enrolFamily(Step step, String payerIdNumber, EnrolmentRequest request) {
        if (request.payer() == PayerType.ORGANISATION) {
            throw ApiException.unprocessable("PAYER_NOT_ALLOWED",
                    "An organisation enrols through /api/v1/org/enrolments.");
        }
        List<String> ids = memberIds(request.members().stream().map(EnrolmentRequest.Member::idNumber).toList());
        for (EnrolmentRequest.Member member : request.members()) {
            refuseIfPresent(EnrolmentRules.consent(member.consent()));
            if (request.payer() == PayerType.PERSONAL_ACCOUNT) {
                refuseIfPresent(EnrolmentRules.personalAccountRelation(member.relation()));
            }
        }
        Instant now = clock.now();
        SqlClient tx = step.tx();
        Set<String> lookUp = new LinkedHashSet<>(ids);
        lookUp.add(payerIdNumber);
        // Subscribed in this order, so the claim is sent (and answered) first.
        return Uni.combine().all().unis(step.claimed().replaceWith(Boolean.TRUE), openPlan(tx, request.plan()),
                participants.findAll(tx, lookUp)).asTuple().chain(read -> {
                    Plan plan = read.getItem2();
                    Map<String, Participant> found = read.getItem3();
                    if (request.payer() == PayerType.PERSONAL_ACCOUNT) {
                        refuseIfPresent(EnrolmentRules.personalAccountPayer(found.get(payerIdNumber)));
                    }
                    for (String id : ids) {
                        refuseIfPresent(EnrolmentRules.eligibility(plan, found.get(id)));
                    }
                    List<EnrolmentRepository.NewPolicy> members = request.members().stream()
                            .map(m -> new EnrolmentRepository.NewPolicy(IdNumber.normalize(m.idNumber()), m.name().strip(),
                                    m.relation(), null))
                            .toList();
                    UUID orderId = UUID.randomUUID();
                    BigDecimal amount = plan.premium().multiply(BigDecimal.valueOf(members.size()));
                    Object answer = new EnrolmentAnswers.Enrolment(orderId, plan.code(), request.payer(), amount,
                            "PENDING_PAYMENT", members.stream()
                                    .map(m -> new EnrolmentAnswers.PolicyLine(m.idNumber(), m.name(), m.relation(),
                                            "PENDING_PAYMENT"))
                                    .toList());
                    // Subscribed together, sent together; PostgreSQL runs them in this order on the connection, so
                    // the policies' foreign key finds the order inserted just before.
                    Uni<Void> order = enrolments.insertOrder(tx, orderId, plan.id(), request.payer(), payerIdNumber,
                            null, null, amount, now);
                    Uni<Set<String>> policies = enrolments.insertPolicies(tx, orderId, plan.id(), plan.premium(),
                            members, now).invoke(inserted -> {
                                if (inserted.size() != members.size()) {
                                    // Someone holds a live policy already (possibly committed a moment ago by
                                    // another instance): refuse the whole family; the transaction rolls back.
                                    throw toApi(EnrolmentRules.alreadyEnrolled(plan));
                                }
                            });
                    Uni<Void> deduction = request.payer() == PayerType.PERSONAL_ACCOUNT
                            ? enrolments.insertDeduction(tx, orderId, payerIdNumber, amount, now)
                            : Uni.createFrom().voidItem();
                    Uni<Void> audited = audit.record(tx, "ENROLMENT", payerIdNumber, orderId.toString(),
                            "PENDING_PAYMENT members=" + members.size());
                    return Uni.combine().all().unis(order, policies, deduction, audited, step.complete().apply(answer))
                            .discardItems().map(written -> {
                                metrics.counter("huimin.enrolments", "payer", request.payer().name())
                                        .increment(members.size());
                                return answer;
                            });
                });
    }

    private Uni<Object> enrolList(SqlClient tx, String orgCode, OrgType orgType, OrgEnrolmentRequest request) {
        Instant now = clock.now();
        return openPlan(tx, request.plan()).chain(plan -> {
            List<EnrolmentAnswers.RefusedMember> refused = new ArrayList<>();
            Map<Integer, String> candidates = new java.util.LinkedHashMap<>();
            Set<String> seen = new HashSet<>();
            for (int i = 0; i < request.members().size(); i++) {
                OrgEnrolmentRequest.Member member = request.members().get(i);
                Optional<Refusal> refusal = idRefusal(member.idNumber())
                        .or(() -> EnrolmentRules.consent(member.consent()))
                        .or(() -> EnrolmentRules.guardianConsent(orgType, member.guardianConsent()));
                if (refusal.isEmpty() && !seen.add(IdNumber.normalize(member.idNumber()))) {
                    refusal = Optional.of(Refusal.unprocessable("DUPLICATE_MEMBER", "The person is listed twice."));
                }
                if (refusal.isPresent()) {
                    refused.add(refused(i, member.idNumber(), refusal.get()));
                } else {
                    candidates.put(i, IdNumber.normalize(member.idNumber()));
                }
            }
            return participants.findAll(tx, candidates.values())
                    .chain(found -> enrolments.liveEnrolled(tx, plan.id(), List.copyOf(candidates.values()))
                            .map(enrolled -> {
                                List<Integer> accepted = new ArrayList<>();
                                candidates.forEach((index, id) -> {
                                    Optional<Refusal> refusal = EnrolmentRules.eligibility(plan, found.get(id));
                                    if (refusal.isEmpty() && enrolled.contains(id)) {
                                        refusal = Optional.of(EnrolmentRules.alreadyEnrolled(plan));
                                    }
                                    refusal.ifPresentOrElse(r -> refused.add(refused(index, id, r)), () -> accepted.add(index));
                                });
                                return accepted;
                            }))
                    .chain(accepted -> insertOrgOrder(tx, plan, orgCode, orgType, request, accepted, refused, now));
        });
    }

    private Uni<Object> insertOrgOrder(SqlClient tx, Plan plan, String orgCode, OrgType orgType,
            OrgEnrolmentRequest request, List<Integer> accepted, List<EnrolmentAnswers.RefusedMember> refused,
            Instant now) {
        if (accepted.isEmpty()) {
            refused.sort(java.util.Comparator.comparingInt(EnrolmentAnswers.RefusedMember::index));
            throw ApiException.unprocessable("NO_MEMBER_ACCEPTED", "No member of the list could be enrolled.")
                    .with("refused", refused);
        }
        List<EnrolmentRepository.NewPolicy> members = new ArrayList<>();
        Map<String, Integer> indexOf = new java.util.HashMap<>();
        for (int index : accepted) {
            OrgEnrolmentRequest.Member member = request.members().get(index);
            String id = IdNumber.normalize(member.idNumber());
            indexOf.put(id, index);
            members.add(new EnrolmentRepository.NewPolicy(id, member.name().strip(), null,
                    Boolean.TRUE.equals(member.guardianConsent()) ? now : null));
        }
        UUID orderId = UUID.randomUUID();
        BigDecimal provisional = plan.premium().multiply(BigDecimal.valueOf(members.size()));
        return enrolments.insertOrder(tx, orderId, plan.id(), PayerType.ORGANISATION, null, orgCode, orgType.name(),
                provisional, now)
                .chain(() -> enrolments.insertPolicies(tx, orderId, plan.id(), plan.premium(), members, now))
                .chain(inserted -> {
                    // Members enrolled by someone else between our check and our insert are refused, not failed.
                    List<EnrolmentAnswers.PolicyLine> lines = new ArrayList<>();
                    for (EnrolmentRepository.NewPolicy member : members) {
                        if (inserted.contains(member.idNumber())) {
                            lines.add(new EnrolmentAnswers.PolicyLine(member.idNumber(), member.name(), null, "PENDING_PAYMENT"));
                        } else {
                            refused.add(refused(indexOf.get(member.idNumber()), member.idNumber(),
                                    EnrolmentRules.alreadyEnrolled(plan)));
                        }
                    }
                    refused.sort(java.util.Comparator.comparingInt(EnrolmentAnswers.RefusedMember::index));
                    if (lines.isEmpty()) {
                        throw ApiException.unprocessable("NO_MEMBER_ACCEPTED", "No member of the list could be enrolled.")
                                .with("refused", refused);
                    }
                    BigDecimal amount = plan.premium().multiply(BigDecimal.valueOf(lines.size()));
                    Uni<Void> fix = amount.compareTo(provisional) == 0 ? Uni.createFrom().voidItem()
                            : enrolments.setOrderAmount(tx, orderId, amount);
                    return fix.chain(() -> audit.record(tx, "ORG_ENROLMENT", null, orderId.toString(),
                            "PENDING_PAYMENT accepted=" + lines.size() + " refused=" + refused.size())).map(done -> {
                        metrics.counter("huimin.enrolments", "payer", PayerType.ORGANISATION.name()).increment(lines.size());
                        return (Object) new EnrolmentAnswers.OrgEnrolment(orderId, plan.code(), amount,
                                "PENDING_PAYMENT", lines, refused);
                    });
                });
    }

    /** Reads on the transaction's own connection: a second pool connection per request could starve the pool. */
    private Uni<Plan> openPlan(SqlClient tx, String code) {
        return plans.findByCode(tx, code, false).map(plan -> {
            if (plan == null) {
                throw PlanService.notFound(code);
            }
            refuseIfPresent(EnrolmentRules.window(plan, clock.today()));
            return plan;
        });
    }

    /** Valid, normalised and distinct ID numbers of a family enrolment, or a 422 naming the bad member. */
    private static List<String> memberIds(List<String> raw) {
        List<String> ids = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < raw.size(); i++) {
            if (!IdNumber.isValid(raw.get(i))) {
                throw ApiException.invalidIdNumber("members[" + i + "].idNumber");
            }
            String id = IdNumber.normalize(raw.get(i));
            if (!seen.add(id)) {
                throw ApiException.unprocessable("DUPLICATE_MEMBER", "A person is listed twice.",
                        List.of(new FieldError("members[" + i + "].idNumber", "listed twice")));
            }
            ids.add(id);
        }
        return ids;
    }

    private static Optional<Refusal> idRefusal(String idNumber) {
        return IdNumber.isValid(idNumber) ? Optional.empty()
                : Optional.of(Refusal.unprocessable("INVALID_ID_NUMBER", "not a valid 18-character ID number"));
    }

    private static EnrolmentAnswers.RefusedMember refused(int index, String idNumber, Refusal refusal) {
        return new EnrolmentAnswers.RefusedMember(index, idNumber, refusal.code(), refusal.message());
    }

    static void refuseIfPresent(Optional<Refusal> refusal) {
        refusal.ifPresent(r -> {
            throw toApi(r);
        });
    }

    static ApiException toApi(Refusal refusal) {
        return new ApiException(refusal.status(), refusal.code(), refusal.message());
    }
}
