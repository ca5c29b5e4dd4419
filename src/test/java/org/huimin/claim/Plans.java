package org.huimin.claim;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.huimin.participant.Participant;
import org.huimin.plan.CareType;
import org.huimin.plan.LiabilityCode;
import org.huimin.plan.Plan;

/** Plans and people for the pure tests, built by hand. */
final class Plans {

    static final LocalDate COVERAGE_STARTS = LocalDate.of(2026, 1, 1);

    private Plans() {
    }

    static BigDecimal cny(String amount) {
        return new BigDecimal(amount);
    }

    /** API.md's Liaoning example: one shared deductible of 20,000; 80% / 70%; caps 1,000,000; PICC/CPIC/PAIC. */
    static Plan liaoning() {
        Map<String, BigDecimal> deductibles = new LinkedHashMap<>();
        deductibles.put("MAIN", cny("20000.00"));
        return plan(deductibles, List.of(
                new Plan.Liability(LiabilityCode.IN_POLICY, "MAIN", cny("0.80"), cny("1000000.00")),
                new Plan.Liability(LiabilityCode.OUT_OF_POLICY, "MAIN", cny("0.70"), cny("1000000.00"))),
                List.of(new Plan.Insurer("PICC", cny("0.40")), new Plan.Insurer("CPIC", cny("0.35")),
                        new Plan.Insurer("PAIC", cny("0.25"))));
    }

    static Plan plan(Map<String, BigDecimal> deductibles, List<Plan.Liability> liabilities, List<Plan.Insurer> insurers) {
        return new Plan(1, "T-2026", "test", "210000", 2026, cny("69.00"), LocalDate.of(2025, 9, 1),
                LocalDate.of(2026, 3, 31), COVERAGE_STARTS, LocalDate.of(2026, 12, 31), 30,
                EnumSet.of(CareType.INPATIENT, CareType.EMERGENCY, CareType.DAY_SURGERY,
                        CareType.CHRONIC_SPECIAL_OUTPATIENT),
                deductibles, liabilities, insurers);
    }

    static Participant activeParticipant() {
        return new Participant("210102199003071233", "张三", "210102", Participant.InsuranceType.EMPLOYEE,
                Participant.Status.ACTIVE, LocalDate.of(2020, 1, 1), false, 1);
    }

    /** An inpatient settlement admitted on 2026-03-01 whose total adds up. */
    static SettlementAmounts amounts(String inPolicy, String outOfPolicy, String overLimit) {
        return amounts(CareType.INPATIENT, LocalDate.of(2026, 3, 1), inPolicy, outOfPolicy, overLimit);
    }

    static SettlementAmounts amounts(CareType care, LocalDate admission, String inPolicy, String outOfPolicy,
            String overLimit) {
        BigDecimal basic = cny("60000.00");
        BigDecimal total = basic.add(cny(inPolicy)).add(cny(outOfPolicy)).add(cny(overLimit));
        return new SettlementAmounts(care, admission, total, basic, cny("0.00"), cny("0.00"), cny("0.00"),
                cny(inPolicy), cny(outOfPolicy), cny(overLimit));
    }
}
