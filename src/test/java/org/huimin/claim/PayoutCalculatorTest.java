package org.huimin.claim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.huimin.claim.Plans.amounts;
import static org.huimin.claim.Plans.cny;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.huimin.participant.Participant;
import org.huimin.balance.Balances;
import org.huimin.balance.Consumption;
import org.huimin.plan.CareType;
import org.huimin.plan.InsurerSplit;
import org.huimin.plan.LiabilityCode;
import org.huimin.plan.Plan;
import org.junit.jupiter.api.Test;

/** The payout rules of DOMAIN.md "Instant claims", each with numbers worked by hand in the comments. */
class PayoutCalculatorTest {

    private static final LocalDate BENEFITS_FROM = Plans.COVERAGE_STARTS;

    private static Decision decide(Plan plan, Balances balances, SettlementAmounts amounts) {
        return PayoutCalculator.decide(plan, BENEFITS_FROM, Plans.activeParticipant(), balances, amounts);
    }

    @Test
    void apiExampleSharedDeductible() {
        // IN_POLICY 30,000: deductible 20,000 → (30,000 − 20,000) × 0.80 = 8,000.
        // OUT_OF_POLICY 20,000: deductible left 0 → 20,000 × 0.70 = 14,000. Payout 22,000.
        // Patient pays 30,000 + 20,000 + 0 − 22,000 = 28,000.
        Decision d = decide(Plans.liaoning(), Balances.none(), amounts("30000.00", "20000.00", "0.00"));
        assertThat(d.eligible()).isTrue();
        assertThat(d.payout()).isEqualByComparingTo("22000.00");
        assertThat(d.patientPays()).isEqualTo(cny("28000.00"));
        assertThat(d.breakdown()).extracting(Decision.LiabilityPayout::deductibleApplied)
                .containsExactly(cny("20000.00"), cny("0.00"));
        assertThat(d.breakdown()).extracting(Decision.LiabilityPayout::payout)
                .containsExactly(cny("8000.00"), cny("14000.00"));
        assertThat(d.remaining().deductibles()).containsEntry("MAIN", cny("0.00"));
        assertThat(d.remaining().caps()).containsEntry("IN_POLICY", cny("992000.00"))
                .containsEntry("OUT_OF_POLICY", cny("986000.00"));
        // 22,000 × 0.40 = 8,800; × 0.35 = 7,700; × 0.25 = 5,500.
        assertThat(d.insurerShares()).containsExactly(new InsurerSplit.Part("PICC", cny("8800.00")),
                new InsurerSplit.Part("CPIC", cny("7700.00")), new InsurerSplit.Part("PAIC", cny("5500.00")));
    }

    @Test
    void separateDeductibleGroups() {
        // IN 12,000 − own deductible 10,000 = 2,000 × 0.9 = 1,800; OUT 8,000 − own 5,000 = 3,000 × 0.6 = 1,800.
        Map<String, BigDecimal> groups = new LinkedHashMap<>();
        groups.put("IN", cny("10000.00"));
        groups.put("OUT", cny("5000.00"));
        Plan plan = Plans.plan(groups, List.of(
                new Plan.Liability(LiabilityCode.IN_POLICY, "IN", cny("0.90"), cny("500000.00")),
                new Plan.Liability(LiabilityCode.OUT_OF_POLICY, "OUT", cny("0.60"), cny("300000.00"))),
                List.of(new Plan.Insurer("PICC", cny("1"))));
        Decision d = decide(plan, Balances.none(), amounts("12000.00", "8000.00", "0.00"));
        assertThat(d.breakdown()).extracting(Decision.LiabilityPayout::deductibleApplied)
                .containsExactly(cny("10000.00"), cny("5000.00"));
        assertThat(d.payout()).isEqualTo(cny("3600.00"));
        assertThat(d.remaining().deductibles()).containsEntry("IN", cny("0.00")).containsEntry("OUT", cny("0.00"));
        assertThat(d.remaining().caps()).containsEntry("IN_POLICY", cny("498200.00"))
                .containsEntry("OUT_OF_POLICY", cny("298200.00"));
    }

    @Test
    void deductibleSpansSeveralSettlements() {
        // First: IN 15,000 all deductible → payout 0, deductible left 5,000.
        Plan plan = Plans.liaoning();
        Decision first = decide(plan, Balances.none(), amounts("15000.00", "0.00", "0.00"));
        assertThat(first.payout()).isEqualTo(cny("0.00"));
        Balances after = Balances.none().plus(first.consumption());
        assertThat(after.deductibleRemaining(plan, "MAIN")).isEqualTo(cny("5000.00"));
        // Second: IN 8,000 − 5,000 = 3,000 × 0.80 = 2,400.
        Decision second = decide(plan, after, amounts("8000.00", "0.00", "0.00"));
        assertThat(second.breakdown().get(0).deductibleApplied()).isEqualTo(cny("5000.00"));
        assertThat(second.payout()).isEqualTo(cny("2400.00"));
        assertThat(second.remaining().deductibles()).containsEntry("MAIN", cny("0.00"));
    }

    @Test
    void sharedDeductibleIsConsumedAcrossLiabilitiesInOrder() {
        // IN 12,000 takes 12,000 of the 20,000 → 0; OUT 15,000 takes the last 8,000 → 7,000 × 0.70 = 4,900.
        Decision d = decide(Plans.liaoning(), Balances.none(), amounts("12000.00", "15000.00", "0.00"));
        assertThat(d.breakdown()).extracting(Decision.LiabilityPayout::deductibleApplied)
                .containsExactly(cny("12000.00"), cny("8000.00"));
        assertThat(d.breakdown()).extracting(Decision.LiabilityPayout::payout)
                .containsExactly(cny("0.00"), cny("4900.00"));
        assertThat(d.payout()).isEqualTo(cny("4900.00"));
    }

    @Test
    void capReachedMidSettlement() {
        // Deductible used up, IN cap 10,000 with 9,000 used: IN 5,000 × 0.80 = 4,000 payable, 1,000 paid.
        // OUT is not capped: 1,000 × 0.70 = 700. Payout 1,700.
        Map<String, BigDecimal> groups = new LinkedHashMap<>();
        groups.put("MAIN", cny("20000.00"));
        Plan plan = Plans.plan(groups, List.of(
                new Plan.Liability(LiabilityCode.IN_POLICY, "MAIN", cny("0.80"), cny("10000.00")),
                new Plan.Liability(LiabilityCode.OUT_OF_POLICY, "MAIN", cny("0.70"), cny("50000.00"))),
                List.of(new Plan.Insurer("PICC", cny("1.00"))));
        Balances used = new Balances(Map.of("MAIN", cny("20000.00")), Map.of(LiabilityCode.IN_POLICY, cny("9000.00")));
        Decision d = decide(plan, used, amounts("5000.00", "1000.00", "0.00"));
        assertThat(d.breakdown()).extracting(Decision.LiabilityPayout::payout)
                .containsExactly(cny("1000.00"), cny("700.00"));
        assertThat(d.payout()).isEqualTo(cny("1700.00"));
        assertThat(d.remaining().caps()).containsEntry("IN_POLICY", cny("0.00"));
        // A further settlement pays nothing on IN_POLICY.
        Decision next = decide(plan, used.plus(d.consumption()), amounts("5000.00", "0.00", "0.00"));
        assertThat(next.payout()).isEqualTo(cny("0.00"));
    }

    @Test
    void ratioRoundsHalfUpToTheCent() {
        // Deductible used up. 0.05 × 0.50 = 0.025 → 0.03 (half-up; half-even would give 0.02).
        // 33.33 × 0.70 = 23.331 → 23.33.
        Map<String, BigDecimal> groups = Map.of("MAIN", cny("0.00"));
        Plan plan = Plans.plan(new LinkedHashMap<>(groups), List.of(
                new Plan.Liability(LiabilityCode.IN_POLICY, "MAIN", cny("0.50"), cny("1000.00")),
                new Plan.Liability(LiabilityCode.OUT_OF_POLICY, "MAIN", cny("0.70"), cny("1000.00"))),
                List.of(new Plan.Insurer("PICC", cny("1"))));
        Decision d = decide(plan, Balances.none(), amounts("0.05", "33.33", "0.00"));
        assertThat(d.breakdown()).extracting(Decision.LiabilityPayout::payout)
                .containsExactly(cny("0.03"), cny("23.33"));
        assertThat(d.payout()).isEqualTo(cny("23.36"));
    }

    @Test
    void insurersRoundingCentGoesToTheLead() {
        Plan plan = Plans.liaoning();
        // 0.01 × 0.40 = 0.004 → 0.00; × 0.35 → 0.00; × 0.25 → 0.00: sum 0.00, lead takes the cent.
        assertThat(InsurerSplit.of(plan, cny("0.01"))).extracting(InsurerSplit.Part::amount)
                .containsExactly(cny("0.01"), cny("0.00"), cny("0.00"));
        // 0.15: 0.06, 0.0525 → 0.05, 0.0375 → 0.04 → sum 0.15, nothing left over.
        assertThat(InsurerSplit.of(plan, cny("0.15"))).extracting(InsurerSplit.Part::amount)
                .containsExactly(cny("0.06"), cny("0.05"), cny("0.04"));
        // Overdrawn: 0.01 split 0.5/0.5 rounds to 0.01 + 0.01 = 0.02; the lead gives the cent back.
        Plan halves = Plans.plan(new LinkedHashMap<>(Map.of("MAIN", cny("0.00"))), plan.liabilities(),
                List.of(new Plan.Insurer("A", cny("0.5")), new Plan.Insurer("B", cny("0.5"))));
        assertThat(InsurerSplit.of(halves, cny("0.01"))).extracting(InsurerSplit.Part::amount)
                .containsExactly(cny("0.00"), cny("0.01"));
    }

    @Test
    void overLimitSelfPayIsNeverReimbursed() {
        // Over-limit 5,000 adds nothing to the payout; the patient bears it: 30,000 + 20,000 + 5,000 − 22,000.
        Decision d = decide(Plans.liaoning(), Balances.none(), amounts("30000.00", "20000.00", "5000.00"));
        assertThat(d.payout()).isEqualTo(cny("22000.00"));
        assertThat(d.patientPays()).isEqualTo(cny("33000.00"));
    }

    @Test
    void ineligibilityReasonsInOrder() {
        Plan plan = Plans.liaoning();
        SettlementAmounts amounts = amounts("30000.00", "0.00", "0.00");
        Participant active = Plans.activeParticipant();
        assertThat(PayoutCalculator.decide(null, null, active, Balances.none(), amounts).reason())
                .isEqualTo(IneligibilityReason.NO_POLICY);
        // Admitted 2026-03-01, benefits from 2026-03-02: waiting period (even if basic insurance is inactive too).
        Participant suspended = new Participant(active.idNumber(), active.name(), active.countyCode(),
                active.insuranceType(), Participant.Status.SUSPENDED, active.basicBenefitsFrom(), false, 2);
        Decision waiting = PayoutCalculator.decide(plan, LocalDate.of(2026, 3, 2), suspended, Balances.none(), amounts);
        assertThat(waiting.reason()).isEqualTo(IneligibilityReason.WAITING_PERIOD);
        assertThat(waiting.payout()).isEqualTo(cny("0.00"));
        assertThat(waiting.patientPays()).isEqualTo(cny("30000.00"));
        assertThat(waiting.consumption()).isEqualTo(Consumption.nothing());
        assertThat(PayoutCalculator.decide(plan, BENEFITS_FROM, suspended, Balances.none(), amounts).reason())
                .isEqualTo(IneligibilityReason.BASIC_INSURANCE_INACTIVE);
        // Basic benefits start after admission (basic insurance's own waiting period).
        Participant lateBasic = new Participant(active.idNumber(), active.name(), active.countyCode(),
                active.insuranceType(), Participant.Status.ACTIVE, LocalDate.of(2026, 4, 1), false, 3);
        assertThat(PayoutCalculator.decide(plan, BENEFITS_FROM, lateBasic, Balances.none(), amounts).reason())
                .isEqualTo(IneligibilityReason.BASIC_INSURANCE_INACTIVE);
        assertThat(PayoutCalculator.decide(plan, BENEFITS_FROM, null, Balances.none(), amounts).reason())
                .isEqualTo(IneligibilityReason.BASIC_INSURANCE_INACTIVE);
        SettlementAmounts outpatient = Plans.amounts(CareType.OUTPATIENT, LocalDate.of(2026, 3, 1), "30000.00", "0.00", "0.00");
        Decision notCovered = PayoutCalculator.decide(plan, BENEFITS_FROM, active, Balances.none(), outpatient);
        assertThat(notCovered.reason()).isEqualTo(IneligibilityReason.CARE_TYPE_NOT_COVERED);
        assertThat(notCovered.eligible()).isFalse();
        // Admitted on the benefit start day itself: covered.
        assertThat(PayoutCalculator.decide(plan, LocalDate.of(2026, 3, 1), active, Balances.none(), amounts).eligible())
                .isTrue();
    }

    @Test
    void amountsMustAddUp() {
        assertThat(amounts("30000.00", "20000.00", "0.00").addsUp()).isTrue();
        SettlementAmounts off = new SettlementAmounts(CareType.INPATIENT, LocalDate.of(2026, 3, 1), cny("120000.01"),
                cny("60000.00"), cny("10000.00"), cny("0.00"), cny("0.00"), cny("30000.00"), cny("20000.00"), cny("0.00"));
        assertThat(off.addsUp()).isFalse();
    }

    @Test
    void reversalGivesBackExactlyWhatWasConsumed() {
        Plan plan = Plans.liaoning();
        Balances before = new Balances(Map.of("MAIN", cny("5000.00")), Map.of(LiabilityCode.IN_POLICY, cny("100.00")));
        Decision d = decide(plan, before, amounts("30000.00", "20000.00", "0.00"));
        assertThat(before.plus(d.consumption()).minus(d.consumption()).remaining(plan)).isEqualTo(before.remaining(plan));
    }
}
