package org.huimin.devtools;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.enterprise.event.Observes;

import org.huimin.common.BusinessClock;
import org.huimin.common.IdNumber;
import org.huimin.enrolment.EnrolmentRequest;
import org.huimin.enrolment.FamilyEnrolmentService;
import org.huimin.enrolment.PayerType;
import org.huimin.enrolment.PaymentNotification;
import org.huimin.enrolment.PaymentService;
import org.huimin.enrolment.Relation;
import org.huimin.participant.ParticipantService;
import org.huimin.plan.CareType;
import org.huimin.plan.LiabilityCode;
import org.huimin.plan.PlanRequest;
import org.huimin.plan.PlanService;
import org.jboss.logging.Logger;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.arc.profile.IfBuildProfile;
import io.quarkus.runtime.StartupEvent;

/**
 * Demo data for the local run (dev profile only): plan {@code DEMO-<year>} for Liaoning (210000), open for
 * enrolment, 3,000 bureau participants with predictable ID numbers, and one person already insured so that the
 * hospital walkthrough works at once. Hospital {@code H0001} and organisation {@code ORG001} exist as token claims.
 */
@IfBuildProfile("dev")
public class DemoData {

    private static final Logger LOG = Logger.getLogger(DemoData.class);
    static final String[] COUNTIES = {"210102", "210103", "210202"};

    private final PlanService plans;
    private final ParticipantService participants;
    private final FamilyEnrolmentService enrolments;
    private final PaymentService payments;
    private final BusinessClock clock;
    private final ObjectMapper json;
    private final DemoSeedRepository seed;

    public DemoData(PlanService plans, ParticipantService participants, FamilyEnrolmentService enrolments,
            PaymentService payments, BusinessClock clock, ObjectMapper json, DemoSeedRepository seed) {
        this.seed = seed;
        this.plans = plans;
        this.participants = participants;
        this.enrolments = enrolments;
        this.payments = payments;
        this.clock = clock;
        this.json = json;
    }

    /** Demo person {@code k} (0..2999): county, birth date and order code from k; even k are employees. */
    public static String demoId(int k) {
        String first17 = COUNTIES[k % 3] + LocalDate.of(1960, 1, 1).plusDays(k * 7L)
                .format(java.time.format.DateTimeFormatter.BASIC_ISO_DATE) + String.format("%03d", 100 + k % 900);
        return first17 + IdNumber.checkCharacter(first17);
    }

    void seed(@Observes StartupEvent event) {
        LocalDate today = clock.today();
        String code = "DEMO-" + today.getYear();
        if (plans.list("210000", today.getYear()).await().indefinitely().stream().anyMatch(p -> p.code().equals(code))) {
            return;
        }
        plans.create(plan(code, today.getYear(), LocalDate.of(today.getYear() - 1, 9, 1), LocalDate.of(today.getYear(), 12, 31)))
                .await().indefinitely();
        // Next year's plan, in its autumn campaign: coverage has not started, so a cancellation is refunded in full.
        LocalDate campaignOpens = LocalDate.of(today.getYear(), 9, 1);
        plans.create(plan("DEMO-" + (today.getYear() + 1), today.getYear() + 1,
                campaignOpens.isAfter(today) ? today : campaignOpens, LocalDate.of(today.getYear() + 1, 3, 31)))
                .await().indefinitely();
        List<JsonNode> records = new ArrayList<>();
        for (int k = 0; k < 3000; k++) {
            Map<String, Object> record = new LinkedHashMap<>();
            record.put("idNumber", demoId(k));
            record.put("name", "居民" + k);
            record.put("countyCode", COUNTIES[k % 3]);
            record.put("insuranceType", k % 2 == 0 ? "EMPLOYEE" : "RESIDENT");
            record.put("status", k % 50 == 49 ? "SUSPENDED" : "ACTIVE");
            record.put("basicBenefitsFrom", "2020-01-01");
            record.put("lowIncome", k % 20 == 0);
            record.put("seq", 1);
            if (k % 2 == 0 && k + 1 < 3000) {
                // 家庭共济: each demo employee has bound the next person as a parent, so a personal-account family
                // enrolment works in the walkthrough.
                record.put("familyBindings", List.of(Map.of("idNumber", demoId(k + 1), "relation", "PARENT")));
            }
            if (k % 50 == 49) {
                // Suspended for arrears since the start of the year: no basic benefits now (their coverage is refused
                // with BASIC_INSURANCE_INACTIVE).
                record.put("benefitPeriods", List.of(Map.of("from", "2020-01-01",
                        "to", LocalDate.of(today.getYear() - 1, 12, 31).toString())));
            }
            records.add(json.valueToTree(record));
        }
        participants.upsert(records, "").await().indefinitely();
        // People 0..99 (but the suspended 49) are insured already, paid before coverage started, so that the hospital
        // and online-claim walkthroughs find benefits running today: ten orders of ten, each paid by its first member.
        for (int first = 0; first < 100; first += 10) {
            insureSinceLastDecember(code, today, first);
        }
        LOG.infof("Demo data: plan %s, 3000 participants (e.g. %s, %s), insured patients %s…, hospital H0001, org ORG001",
                code, demoId(2), demoId(3), demoId(0));
    }

    private void insureSinceLastDecember(String code, LocalDate today, int first) {
        String payer = demoId(first);
        List<EnrolmentRequest.Member> members = new ArrayList<>();
        for (int k = first; k < first + 10; k++) {
            if (k % 50 != 49) {
                members.add(new EnrolmentRequest.Member(demoId(k), "居民" + k, k == first ? Relation.SELF : Relation.OTHER, true));
            }
        }
        String answer = enrolments.enrol(payer, "demo-seed-" + first, new EnrolmentRequest(code, PayerType.SELF, members))
                .await().indefinitely();
        UUID orderId;
        JsonNode order;
        try {
            order = json.readTree(answer);
            orderId = UUID.fromString(order.path("orderId").asText());
        } catch (java.io.IOException | IllegalArgumentException e) {
            throw new IllegalStateException("Demo enrolment refused: " + answer, e);
        }
        // The order is dated back to last December, then paid then: benefits run from coverage start.
        OffsetDateTime lastDecember = OffsetDateTime.of(today.getYear() - 1, 12, 1, 2, 0, 0, 0, ZoneOffset.UTC);
        seed.dateOrderBack(orderId, lastDecember.minusMinutes(5)).await().indefinitely();
        payments.paid(new PaymentNotification(orderId, "DEMO-TX-" + first, order.path("amount").decimalValue(), lastDecember))
                .await().indefinitely();
    }

    private static PlanRequest plan(String code, int year, LocalDate enrolmentOpens, LocalDate enrolmentCloses) {
        return new PlanRequest(code, "辽宁惠民保 演示 " + year, "210000", year, new BigDecimal("69.00"),
                enrolmentOpens, enrolmentCloses, LocalDate.of(year, 1, 1),
                LocalDate.of(year, 12, 31), 30,
                List.of(CareType.INPATIENT, CareType.EMERGENCY, CareType.DAY_SURGERY, CareType.CHRONIC_SPECIAL_OUTPATIENT),
                Map.of("MAIN", new BigDecimal("20000.00")),
                List.of(new PlanRequest.LiabilityTerms(LiabilityCode.IN_POLICY, "MAIN", new BigDecimal("0.80"), new BigDecimal("1000000.00")),
                        new PlanRequest.LiabilityTerms(LiabilityCode.OUT_OF_POLICY, "MAIN", new BigDecimal("0.70"), new BigDecimal("1000000.00"))),
                List.of(new PlanRequest.InsurerTerms("PICC", new BigDecimal("0.40")),
                        new PlanRequest.InsurerTerms("CPIC", new BigDecimal("0.35")),
                        new PlanRequest.InsurerTerms("PAIC", new BigDecimal("0.25"))));
    }
}
