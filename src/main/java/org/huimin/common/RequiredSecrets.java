package org.huimin.common;

import jakarta.enterprise.event.Observes;

import io.quarkus.runtime.LaunchMode;
import io.quarkus.runtime.StartupEvent;

/**
 * Outside dev and test the service refuses to start without its two secrets, rather than run with a public default:
 * without the payment secret no notification could be verified; without the audit key anyone could recompute the
 * keyed hash that finds a person's audit records.
 */
public class RequiredSecrets {

    void check(@Observes StartupEvent event, HuiminConfig config) {
        check(LaunchMode.current(), config);
    }

    static void check(LaunchMode mode, HuiminConfig config) {
        if (mode.isDevOrTest()) {
            return;
        }
        StringBuilder missing = new StringBuilder();
        if (config.payment().secret().filter(s -> !s.isBlank()).isEmpty()) {
            missing.append(" HUIMIN_PAYMENT_SECRET");
        }
        if (config.audit().key().filter(s -> !s.isBlank()).isEmpty()) {
            missing.append(" HUIMIN_AUDIT_KEY");
        }
        if (!missing.isEmpty()) {
            throw new IllegalStateException("Refusing to start: set" + missing
                    + " (from a Secret; see k8s/README.md). There is no default outside dev and test.");
        }
    }
}
