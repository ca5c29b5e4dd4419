package org.huimin.clearing;

import io.quarkus.runtime.annotations.RegisterForReflection;

/** Clearing answers and their nested records: native-image registration for Jackson. */
@RegisterForReflection(targets = {Statement.class, Statement.Totals.class, Statement.Part.class, ClearingRun.class,
        ClearingRun.Issued.class, Payment.class, ClearingResource.RunRequest.class})
final class ClearingJson {

    private ClearingJson() {
    }
}
