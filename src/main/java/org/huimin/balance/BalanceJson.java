package org.huimin.balance;

import io.quarkus.runtime.annotations.RegisterForReflection;

/** Balance types stored as JSON (consumption of a settlement, remaining amounts in stored answers): native-image registration. */
@RegisterForReflection(targets = {Consumption.class, Remaining.class, Balances.class})
final class BalanceJson {

    private BalanceJson() {
    }
}
