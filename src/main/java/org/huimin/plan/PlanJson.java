package org.huimin.plan;

import io.quarkus.runtime.annotations.RegisterForReflection;

/** Plan types inside the stored terms document and the settlement answers: native-image registration. */
@RegisterForReflection(targets = {Plan.Liability.class, Plan.Insurer.class, InsurerSplit.Part.class})
final class PlanJson {

    private PlanJson() {
    }
}
