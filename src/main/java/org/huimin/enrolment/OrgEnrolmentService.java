package org.huimin.enrolment;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import org.huimin.audit.AuditLog;
import org.huimin.common.BusinessClock;
import org.huimin.common.HuiminConfig;
import org.huimin.common.IdNumber;
import org.huimin.common.Idempotency;
import org.huimin.common.Refusal;
import org.huimin.common.Refused;
import org.huimin.participant.Participant;
import org.huimin.participant.ParticipantRepository;
import org.huimin.plan.Plan;
import org.huimin.plan.PlanService;

import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlClient;

/**
 * Enrolment by an organisation (employer, school, village committee, charity) for a list of up to 5,000 members: each
 * member is accepted or refused on its own, and one order covers the accepted ones.
 */
@ApplicationScoped
public class OrgEnrolmentService {

    private final Idempotency idempotency;
    private final PlanService plans;
    private final ParticipantRepository participants;
    private final OrderRepository orders;
    private final PolicyRepository policies;
    private final BusinessClock clock;
    private final HuiminConfig config;
    private final MeterRegistry metrics;
    private final AuditLog audit;

    public OrgEnrolmentService(Idempotency idempotency, PlanService plans, ParticipantRepository participants,
            OrderRepository orders, PolicyRepository policies, BusinessClock clock, HuiminConfig config,
            MeterRegistry metrics, AuditLog audit) {
        this.idempotency = idempotency;
        this.plans = plans;
        this.participants = participants;
        this.orders = orders;
        this.policies = policies;
        this.clock = clock;
        this.config = config;
        this.metrics = metrics;
        this.audit = audit;
    }

    /** Returns the answer's JSON: the first answer for this key, however often it is retried. */
    public Uni<String> enrol(String orgCode, OrgType orgType, String key, OrgEnrolmentRequest request) {
        return idempotency.run("org:" + orgCode, key, request.fingerprint(), step -> enrol(step, orgCode, orgType, request));
    }

    private Uni<Object> enrol(Idempotency.Step step, String orgCode, OrgType orgType, OrgEnrolmentRequest request) {
        Instant now = clock.now();
        SqlClient tx = step.tx();
        List<EnrolmentAnswers.RefusedMember> refused = new ArrayList<>();
        Map<Integer, String> candidates = new LinkedHashMap<>();
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < request.members().size(); i++) {
            String raw = request.members().get(i).idNumber();
            if (!IdNumber.isValid(raw)) {
                refused.add(new EnrolmentAnswers.RefusedMember(i, raw, "INVALID_ID_NUMBER",
                        "not a valid 18-character ID number"));
            } else if (!seen.add(IdNumber.normalize(raw))) {
                refused.add(new EnrolmentAnswers.RefusedMember(i, IdNumber.normalize(raw), "DUPLICATE_MEMBER",
                        "The person is listed twice."));
            } else {
                candidates.put(i, IdNumber.normalize(raw));
            }
        }
        List<String> ids = List.copyOf(candidates.values());
        // The key's stored answer is read last (Step#unanswered says why).
        return Uni.combine().all().unis(plans.find(tx, request.plan()), participants.findAll(tx, ids),
                policies.live(tx, request.plan(), ids), step.unanswered().replaceWith(Boolean.TRUE)).asTuple()
                .chain(read -> {
                    Plan plan = read.getItem1();
                    if (plan == null) {
                        throw PlanService.notFound(request.plan());
                    }
                    EnrolmentRules.window(plan, clock.today()).ifPresent(r -> {
                        throw r.refused();
                    });
                    Map<String, EnrolmentRules.LivePolicy> live = new HashMap<>();
                    read.getItem3().forEach(policy -> live.put(policy.idNumber(), policy));
                    Set<UUID> expire = new HashSet<>();
                    List<Integer> accepted = new ArrayList<>();
                    candidates.forEach((index, id) -> {
                        OrgEnrolmentRequest.Member member = request.members().get(index);
                        Participant record = read.getItem2().get(id);
                        Optional<Refusal> refusal = EnrolmentRules.name(record, member.name())
                                .or(() -> EnrolmentRules.consent(member.consent()))
                                .or(() -> EnrolmentRules.guardianConsent(orgType, member.guardianConsent()))
                                .or(() -> EnrolmentRules.eligibility(plan, record));
                        EnrolmentRules.LivePolicy held = live.get(id);
                        if (refusal.isEmpty() && held != null) {
                            if (EnrolmentRules.hold(held, false, now) == EnrolmentRules.Hold.EXPIRE) {
                                expire.add(held.orderId());
                            } else {
                                refusal = Optional.of(EnrolmentRules.alreadyEnrolled(plan));
                            }
                        }
                        refusal.ifPresentOrElse(r -> refused.add(refusedMember(index, id, r)), () -> accepted.add(index));
                    });
                    return insert(step, plan, orgCode, orgType, request, accepted, refused, expire, now);
                });
    }

    private Uni<Object> insert(Idempotency.Step step, Plan plan, String orgCode, OrgType orgType,
            OrgEnrolmentRequest request, List<Integer> accepted, List<EnrolmentAnswers.RefusedMember> refused,
            Set<UUID> expire, Instant now) {
        if (accepted.isEmpty()) {
            throw noneAccepted(refused);
        }
        SqlClient tx = step.tx();
        List<PolicyRepository.NewPolicy> members = new ArrayList<>();
        Map<String, Integer> indexOf = new HashMap<>();
        for (int index : accepted) {
            OrgEnrolmentRequest.Member member = request.members().get(index);
            String id = IdNumber.normalize(member.idNumber());
            indexOf.put(id, index);
            members.add(new PolicyRepository.NewPolicy(id, member.name().strip(), null,
                    Boolean.TRUE.equals(member.guardianConsent()) ? now : null));
        }
        UUID orderId = UUID.randomUUID();
        BigDecimal provisional = plan.premium().multiply(BigDecimal.valueOf(members.size()));
        Instant expiresAt = EnrolmentRules.expiresAt(PayerType.ORGANISATION, now, config.orderTtl(),
                config.deductionTtl(), config.orgOrderTtl());
        Uni<List<UUID>> freed = expire.isEmpty() ? Uni.createFrom().item(List.of()) : orders.close(tx, expire, "EXPIRED", now);
        // The key is claimed first: a concurrent request with the same key waits there, not on a member's policy.
        return Uni.combine().all().unis(step.claim(), freed,
                        orders.insert(tx, orderId, plan.id(), PayerType.ORGANISATION, null, orgCode, orgType.name(),
                                provisional, now, expiresAt),
                        policies.insertPending(tx, orderId, plan.id(), plan.premium(), members, now)).asTuple()
                .chain(written -> {
                    Set<String> inserted = written.getItem4();
                    // Members enrolled by someone else between our read and our insert are refused, not failed.
                    List<EnrolmentAnswers.PolicyLine> lines = new ArrayList<>();
                    for (PolicyRepository.NewPolicy member : members) {
                        if (inserted.contains(member.idNumber())) {
                            lines.add(new EnrolmentAnswers.PolicyLine(member.idNumber(), member.name(), null, "PENDING_PAYMENT"));
                        } else {
                            refused.add(refusedMember(indexOf.get(member.idNumber()), member.idNumber(),
                                    EnrolmentRules.alreadyEnrolled(plan)));
                        }
                    }
                    refused.sort(Comparator.comparingInt(EnrolmentAnswers.RefusedMember::index));
                    if (lines.isEmpty()) {
                        throw noneAccepted(refused);
                    }
                    BigDecimal amount = plan.premium().multiply(BigDecimal.valueOf(lines.size()));
                    Uni<Void> fix = amount.compareTo(provisional) == 0 ? Uni.createFrom().voidItem()
                            : orders.setAmount(tx, orderId, amount);
                    Object answer = new EnrolmentAnswers.OrgEnrolment(orderId, plan.code(), amount, "PENDING_PAYMENT",
                            expiresAt, lines, refused);
                    return Uni.combine().all().unis(fix,
                            audit.change(tx, "ORG_ENROLMENT", null, orderId.toString(),
                                    "PENDING_PAYMENT accepted=" + lines.size() + " refused=" + refused.size()),
                            step.complete(answer)).discardItems()
                            .invoke(() -> metrics.counter("huimin.enrolments", "payer", PayerType.ORGANISATION.name())
                                    .increment(lines.size()))
                            .replaceWith(answer);
                });
    }

    private static Refused noneAccepted(List<EnrolmentAnswers.RefusedMember> refused) {
        refused.sort(Comparator.comparingInt(EnrolmentAnswers.RefusedMember::index));
        return Refusal.unprocessable("NO_MEMBER_ACCEPTED", "No member of the list could be enrolled.")
                .with("refused", refused).refused();
    }

    private static EnrolmentAnswers.RefusedMember refusedMember(int index, String idNumber, Refusal refusal) {
        return new EnrolmentAnswers.RefusedMember(index, idNumber, refusal.code(), refusal.message());
    }
}
