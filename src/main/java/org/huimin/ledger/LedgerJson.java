package org.huimin.ledger;

import io.quarkus.runtime.annotations.RegisterForReflection;

/** The ledger's answers and the records nested in them: native-image registration for Jackson. */
@RegisterForReflection(targets = {InsurerAccounts.class, InsurerAccounts.Line.class, InsurerAccounts.Figures.class,
        InsurerAccounts.Premium.class, InsurerAccounts.Claims.class, InsurerAccounts.Parties.class, Verification.class,
        Verification.Check.class})
final class LedgerJson {

    private LedgerJson() {
    }
}
