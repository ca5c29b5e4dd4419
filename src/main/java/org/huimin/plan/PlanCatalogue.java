package org.huimin.plan;

import java.time.Duration;

import jakarta.enterprise.context.ApplicationScoped;

import org.huimin.common.BusinessClock;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlClient;

/**
 * Plans by id for the claim paths, which read a plan for every settlement and coverage lookup. Only plans whose terms
 * are locked (enrolment has opened, so no policy exists before it) are kept: their benefit terms and coverage period
 * can never change again. The enrolment window can still be extended, so an entry lives ten minutes at most; the claim
 * paths never read the window.
 */
@ApplicationScoped
public class PlanCatalogue {

    private final PlanRepository plans;
    private final BusinessClock clock;
    private final Cache<Long, Plan> locked = Caffeine.newBuilder().maximumSize(1_000)
            .expireAfterWrite(Duration.ofMinutes(10)).build();

    public PlanCatalogue(PlanRepository plans, BusinessClock clock) {
        this.plans = plans;
        this.clock = clock;
    }

    /**
     * The plan with this id; from the cache when its terms are locked, else read on {@code client} — the caller's own
     * connection when it is in a transaction: asking the pool for a second connection while holding one lets concurrent
     * requests starve the pool (each holds one and waits for another).
     */
    public Uni<Plan> byId(SqlClient client, long id) {
        Plan cached = locked.getIfPresent(id);
        if (cached != null) {
            return Uni.createFrom().item(cached);
        }
        return plans.findById(client, id).invoke(plan -> {
            if (plan != null && plan.termsLockedOn(clock.today())) {
                locked.put(id, plan);
            }
        });
    }
}
