package org.huimin.plan;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.runtime.annotations.RegisterForReflection;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * Plans: scalar columns for what is queried (code, region, dates), the benefit terms as one {@code jsonb}
 * document, because they are always read and written whole.
 */
@ApplicationScoped
public class PlanRepository {

    /** Columns every plan read selects, in the order {@link #toPlan} reads them. */
    public static final String COLUMNS = "p.id, p.code, p.name, p.region, p.plan_year, p.premium, p.enrolment_opens, "
            + "p.enrolment_closes, p.coverage_starts, p.coverage_ends, p.late_enrolment_waiting_days, p.terms::text AS terms";

    @Inject
    Pool pool;

    @Inject
    ObjectMapper json;

    /** The terms document stored in {@code plan.terms}. */
    @RegisterForReflection
    record StoredTerms(List<CareType> coveredCareTypes, LinkedHashMap<String, BigDecimal> deductibles,
            List<Plan.Liability> liabilities, List<Plan.Insurer> insurers) {
    }

    /** Inserts unless the code is taken; empty when it is (the unique constraint decides, not a prior read). */
    public Uni<Long> insert(Plan plan) {
        return pool.preparedQuery("""
                INSERT INTO plan (code, name, region, plan_year, premium, enrolment_opens, enrolment_closes,
                                  coverage_starts, coverage_ends, late_enrolment_waiting_days, terms)
                VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11::text::jsonb)
                ON CONFLICT (code) DO NOTHING
                RETURNING id""")
                .execute(values(plan).addValue(termsJson(plan)))
                .map(rows -> rows.rowCount() == 0 ? null : rows.iterator().next().getLong(0));
    }

    public Uni<Void> update(SqlClient client, Plan plan) {
        return client.preparedQuery("""
                UPDATE plan SET name = $2, region = $3, plan_year = $4, premium = $5, enrolment_opens = $6,
                       enrolment_closes = $7, coverage_starts = $8, coverage_ends = $9,
                       late_enrolment_waiting_days = $10, terms = $11::text::jsonb, updated_at = now()
                WHERE code = $1""")
                .execute(values(plan).addValue(termsJson(plan)))
                .replaceWithVoid();
    }

    public Uni<Plan> findByCode(String code) {
        return findByCode(pool, code, false);
    }

    /** With {@code forUpdate}, the row stays locked until the caller's transaction ends. */
    public Uni<Plan> findByCode(SqlClient client, String code, boolean forUpdate) {
        return client.preparedQuery("SELECT " + COLUMNS + " FROM plan p WHERE p.code = $1" + (forUpdate ? " FOR UPDATE" : ""))
                .execute(Tuple.of(code))
                .map(rows -> first(rows));
    }

    public Uni<Plan> findById(SqlClient client, long id) {
        return client.preparedQuery("SELECT " + COLUMNS + " FROM plan p WHERE p.id = $1")
                .execute(Tuple.of(id))
                .map(rows -> first(rows));
    }

    public Uni<List<Plan>> list(String region, Integer year) {
        return pool.preparedQuery("SELECT " + COLUMNS + """
                 FROM plan p
                WHERE ($1::text IS NULL OR p.region = $1) AND ($2::int IS NULL OR p.plan_year = $2)
                ORDER BY p.plan_year DESC, p.code""")
                .execute(Tuple.of(region, year))
                .map(rows -> {
                    List<Plan> plans = new ArrayList<>();
                    rows.forEach(row -> plans.add(toPlan(row)));
                    return plans;
                });
    }

    public Pool pool() {
        return pool;
    }

    private Plan first(RowSet<Row> rows) {
        return rows.rowCount() == 0 ? null : toPlan(rows.iterator().next());
    }

    private static Tuple values(Plan plan) {
        return Tuple.tuple()
                .addValue(plan.code()).addValue(plan.name()).addValue(plan.region()).addValue(plan.planYear())
                .addValue(plan.premium()).addValue(plan.enrolmentOpens()).addValue(plan.enrolmentCloses())
                .addValue(plan.coverageStarts()).addValue(plan.coverageEnds())
                .addValue(plan.lateEnrolmentWaitingDays());
    }

    private String termsJson(Plan plan) {
        try {
            return json.writeValueAsString(new StoredTerms(List.copyOf(plan.coveredCareTypes()),
                    new LinkedHashMap<>(plan.deductibles()), plan.liabilities(), plan.insurers()));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Plan terms could not be written", e);
        }
    }

    /**
     * Parsed terms by their stored text. Every settlement and coverage read carries the plan's terms; parsing them
     * each time was 3 % of the service's CPU under load. Keyed by the text itself, so a changed plan is a new entry;
     * a province has a handful of plans, and the map is cleared if it ever grows past 256.
     */
    private final java.util.concurrent.ConcurrentHashMap<String, StoredTerms> parsedTerms = new java.util.concurrent.ConcurrentHashMap<>();

    /** Reads a plan from a row that starts with {@link #COLUMNS} (other queries join more columns after them). */
    public Plan toPlan(Row row) {
        String text = row.getString("terms");
        StoredTerms terms = parsedTerms.get(text);
        if (terms == null) {
            try {
                terms = json.readValue(text, StoredTerms.class);
            } catch (JsonProcessingException e) {
                throw new IllegalStateException("Stored plan terms are unreadable", e);
            }
            if (parsedTerms.size() > 256) {
                parsedTerms.clear();
            }
            parsedTerms.put(text, terms);
        }
        Set<CareType> careTypes = new LinkedHashSet<>(terms.coveredCareTypes());
        Map<String, BigDecimal> deductibles = new LinkedHashMap<>();
        terms.deductibles().forEach((group, amount) -> deductibles.put(group, amount.setScale(2)));
        return new Plan(row.getLong("id"), row.getString("code"), row.getString("name"), row.getString("region"),
                row.getInteger("plan_year"), row.getBigDecimal("premium"), row.getLocalDate("enrolment_opens"),
                row.getLocalDate("enrolment_closes"), row.getLocalDate("coverage_starts"),
                row.getLocalDate("coverage_ends"), row.getInteger("late_enrolment_waiting_days"), careTypes,
                deductibles,
                terms.liabilities().stream().map(l -> new Plan.Liability(l.code(), l.deductibleGroup(), l.ratio(),
                        l.annualCap().setScale(2))).toList(),
                terms.insurers());
    }
}
