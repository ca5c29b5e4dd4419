package org.huimin.participant;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

import org.huimin.common.Pure;

/** Consistency of what a bureau record carries. Pure. */
@Pure
public final class ParticipantRules {

    private ParticipantRules() {
    }

    /**
     * Benefit periods may not be inverted ({@code to} before {@code from}) nor share a day with each other; only one may
     * be open-ended, and it must be the latest. Returns why not, or empty.
     */
    public static Optional<String> periods(List<Participant.BenefitPeriod> periods) {
        List<Participant.BenefitPeriod> sorted = new ArrayList<>(periods);
        for (Participant.BenefitPeriod period : sorted) {
            if (period.to() != null && period.to().isBefore(period.from())) {
                return Optional.of("period " + period.from() + ".." + period.to() + " ends before it starts");
            }
        }
        sorted.sort(Comparator.comparing(Participant.BenefitPeriod::from));
        for (int i = 1; i < sorted.size(); i++) {
            Participant.BenefitPeriod before = sorted.get(i - 1);
            Participant.BenefitPeriod after = sorted.get(i);
            if (before.to() == null || !before.to().isBefore(after.from())) {
                return Optional.of("periods starting " + before.from() + " and " + after.from() + " overlap");
            }
        }
        return Optional.empty();
    }
}
