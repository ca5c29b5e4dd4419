package org.huimin.plan;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.LoadingCache;

import io.quarkus.runtime.annotations.RegisterForReflection;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * Plans: scalar columns for what is queried (code, region, dates), the benefit terms as one {@code jsonb} document,
 * because they are always read and written whole.
 */
@ApplicationScoped
public class PlanRepository {

    private static final String COLUMNS = "p.id, p.code, p.name, p.region, p.plan_year, p.premium, p.enrolment_opens, "
            + "p.enrolment_closes, p.coverage_starts, p.coverage_ends, p.late_enrolment_waiting_days, p.terms::text AS terms";

    /** The terms document stored in {@code plan.terms}. */
    @RegisterForReflection
    record StoredTerms(List<CareType> coveredCareTypes, LinkedHashMap<String, BigDecimal> deductibles,
            List<Plan.Liability> liabilities, List<Plan.Insurer> insurers) {
    }

    private final ObjectMapper json;

    /**
     * Parsed terms by their stored text: every settlement and coverage read carries a plan, and parsing its terms each
     * time was 3 % of the service's CPU under load. Keyed by the text itself, so a changed plan is a new entry; a
     * province has a handful of plans a year.
     */
    private final LoadingCache<String, StoredTerms> parsedTerms;

    public PlanRepository(ObjectMapper json) {
        this.json = json;
        this.parsedTerms = Caffeine.newBuilder().maximumSize(256).build(this::parse);
    }

    /** Inserts unless the code is taken; null when it is (the unique constraint decides, not a prior read). */
    public Uni<Long> insert(SqlClient client, Plan plan) {
        return client.preparedQuery("""
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

    public Uni<Void> updateEnrolmentCloses(SqlClient client, long id, java.time.LocalDate closes) {
        return client.preparedQuery("UPDATE plan SET enrolment_closes = $2, updated_at = now() WHERE id = $1")
                .execute(Tuple.of(id, closes)).replaceWithVoid();
    }

    /**
     * Serialises every creation and change of plans' regions and coverage periods (a transaction-scoped advisory
     * lock): the overlap check reads the other plans, and two overlapping plans created at the same moment on two
     * instances must not both pass it. Plans are created a few times a year, so one lock costs nothing.
     */
    public Uni<Void> lockPlanCalendar(SqlClient tx) {
        return tx.query("SELECT pg_advisory_xact_lock(7154338261)").execute().replaceWithVoid();
    }

    /** With {@code forUpdate}, the row stays locked until the caller's transaction ends. */
    public Uni<Plan> findByCode(SqlClient client, String code, boolean forUpdate) {
        return client.preparedQuery("SELECT " + COLUMNS + " FROM plan p WHERE p.code = $1" + (forUpdate ? " FOR UPDATE" : ""))
                .execute(Tuple.of(code))
                .map(this::first);
    }

    public Uni<Plan> findById(SqlClient client, long id) {
        return client.preparedQuery("SELECT " + COLUMNS + " FROM plan p WHERE p.id = $1")
                .execute(Tuple.of(id))
                .map(this::first);
    }

    public Uni<List<Plan>> findByIds(SqlClient client, java.util.Collection<Long> ids) {
        return client.preparedQuery("SELECT " + COLUMNS + " FROM plan p WHERE p.id = ANY($1)")
                .execute(Tuple.of(ids.toArray(Long[]::new)))
                .map(this::all);
    }

    public Uni<List<Plan>> list(SqlClient client, String region, Integer year) {
        return client.preparedQuery("SELECT " + COLUMNS + """
                 FROM plan p
                WHERE ($1::text IS NULL OR p.region = $1) AND ($2::int IS NULL OR p.plan_year = $2)
                ORDER BY p.plan_year DESC, p.code""")
                .execute(Tuple.of(region, year))
                .map(this::all);
    }

    /** Plans whose coverage shares a day with {@code from..to} (candidates for the overlap rule). */
    public Uni<List<Plan>> coveringAnyOf(SqlClient client, java.time.LocalDate from, java.time.LocalDate to) {
        return client.preparedQuery("SELECT " + COLUMNS + " FROM plan p WHERE p.coverage_starts <= $2 AND p.coverage_ends >= $1")
                .execute(Tuple.of(from, to))
                .map(this::all);
    }

    private Plan first(RowSet<Row> rows) {
        return rows.rowCount() == 0 ? null : toPlan(rows.iterator().next());
    }

    private List<Plan> all(RowSet<Row> rows) {
        List<Plan> plans = new ArrayList<>();
        rows.forEach(row -> plans.add(toPlan(row)));
        return plans;
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

    private StoredTerms parse(String text) {
        try {
            return json.readValue(text, StoredTerms.class);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Stored plan terms are unreadable", e);
        }
    }

    private Plan toPlan(Row row) {
        StoredTerms terms = parsedTerms.get(row.getString("terms"));
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
