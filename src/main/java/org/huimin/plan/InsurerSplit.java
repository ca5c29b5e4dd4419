package org.huimin.plan;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;

import org.huimin.common.Money;
import org.huimin.common.Pure;

/**
 * 共保体 split of an amount of money between the plan's insurers: each {@code round_half_up(amount × share)}; the cent
 * left over or overdrawn by rounding goes to the lead (first) insurer, so the parts add up exactly to the amount.
 * Applied to each premium and each payout when it arises, never to totals.
 */
@Pure
public final class InsurerSplit {

    private InsurerSplit() {
    }

    /** One insurer's part. */
    public record Part(String insurer, BigDecimal amount) {
    }

    public static List<Part> of(Plan plan, BigDecimal amount) {
        return of(plan.insurers(), amount);
    }

    /** The split between {@code insurers} (lead first). */
    public static List<Part> of(List<Plan.Insurer> insurers, BigDecimal amount) {
        List<BigDecimal> amounts = new ArrayList<>();
        BigDecimal sum = Money.ZERO;
        for (Plan.Insurer insurer : insurers) {
            BigDecimal part = Money.roundHalfUp(amount.multiply(insurer.share()));
            amounts.add(part);
            sum = sum.add(part);
        }
        amounts.set(0, amounts.get(0).add(amount.subtract(sum)));
        List<Part> parts = new ArrayList<>();
        for (int i = 0; i < amounts.size(); i++) {
            parts.add(new Part(insurers.get(i).code(), amounts.get(i).setScale(2)));
        }
        return parts;
    }
}
