package org.huimin.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import org.junit.jupiter.api.Test;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;

/** The boundaries of STYLE.md, checked: a pure core without framework code, thin resources, dev tools kept apart. */
class ArchitectureTest {

    private static final JavaClasses MAIN = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("org.huimin");

    /** The business rules: plain Java functions of their inputs. */
    private static final String[] PURE = {"org.huimin.claim.PayoutCalculator", "org.huimin.claim.Balances",
            "org.huimin.claim.Consumption", "org.huimin.claim.Decision", "org.huimin.claim.SettlementAmounts",
            "org.huimin.claim.Remaining", "org.huimin.plan.Plan", "org.huimin.plan.PlanRules",
            "org.huimin.enrolment.EnrolmentRules", "org.huimin.enrolment.PaymentSignature",
            "org.huimin.participant.Participant", "org.huimin.common.Money", "org.huimin.common.IdNumber",
            "org.huimin.audit.AuditChain"};

    @Test
    void theCoreHasNoFrameworkCode() {
        noClasses().that().haveNameMatching(String.join("|", escape(PURE)) + "(\\$.*)?")
                .should().dependOnClassesThat().resideInAnyPackage("io.quarkus..", "io.vertx..", "io.smallrye..",
                        "jakarta..", "com.fasterxml..", "org.eclipse.microprofile..", "io.micrometer..")
                .check(MAIN);
    }

    @Test
    void resourcesDoNotTouchTheDatabase() {
        noClasses().that().haveSimpleNameEndingWith("Resource")
                .should().dependOnClassesThat().resideInAnyPackage("io.vertx.mutiny.sqlclient..", "io.vertx.sqlclient..")
                .check(MAIN);
    }

    @Test
    void onlyDevToolsAndTestsUseTheDevSigner() {
        classes().that().resideInAPackage("org.huimin.devtools..")
                .should().onlyBeAccessed().byClassesThat().resideInAPackage("org.huimin.devtools..")
                .check(MAIN);
    }

    private static String[] escape(String[] names) {
        String[] escaped = new String[names.length];
        for (int i = 0; i < names.length; i++) {
            escaped[i] = names[i].replace(".", "\\.");
        }
        return escaped;
    }
}
