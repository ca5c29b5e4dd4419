package org.huimin.common;

import io.quarkus.runtime.annotations.RegisterForReflection;

/** Shared types written inside problem details and pages: native-image registration. */
@RegisterForReflection(targets = {FieldError.class, Page.class})
final class CommonJson {

    private CommonJson() {
    }
}
