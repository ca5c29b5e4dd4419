package org.huimin.participant;

import io.quarkus.runtime.annotations.RegisterForReflection;

/** Benefit periods and family bindings, stored as JSON: native-image registration. */
@RegisterForReflection(targets = {Participant.BenefitPeriod.class, Participant.FamilyBinding.class})
final class ParticipantJson {

    private ParticipantJson() {
    }
}
