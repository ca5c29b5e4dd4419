package org.huimin.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import org.huimin.common.Pure;
import org.junit.jupiter.api.Test;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaAccess;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;

/**
 * The boundaries of STYLE.md, checked: a pure core without framework code (found by its {@link Pure} annotation), HTTP
 * only in resources and the web layer, SQL only in repositories, feature packages without cycles, dev tools apart.
 */
class ArchitectureTest {

    private static final JavaClasses MAIN = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("org.huimin");

    @Test
    void theCoreHasNoFrameworkCode() {
        classes().that().areAnnotatedWith(Pure.class)
                .should().onlyDependOnClassesThat(DescribedPredicate.not(
                        JavaClass.Predicates.resideInAnyPackage("io.quarkus..", "io.vertx..", "io.smallrye..", "jakarta..",
                                "com.fasterxml..", "org.eclipse.microprofile..", "io.micrometer..", "org.jboss..",
                                "org.hibernate..", "software.amazon..")))
                .check(MAIN);
        // And there is a core: the rules this project is about carry the annotation.
        classes().that().haveSimpleNameEndingWith("Rules").or().haveSimpleNameEndingWith("Calculator")
                .should().beAnnotatedWith(Pure.class).check(MAIN);
    }

    @Test
    void onlyResourcesAndTheWebLayerSpeakHttp() {
        noClasses().that().haveSimpleNameNotEndingWith("Resource")
                .and().resideOutsideOfPackages("org.huimin.common.web..", "org.huimin.devtools..")
                .and().haveSimpleNameNotEndingWith("Client")
                .should().dependOnClassesThat().resideInAnyPackage("jakarta.ws.rs..", "org.jboss.resteasy..")
                .check(MAIN);
    }

    @Test
    void onlyRepositoriesTalkSql() {
        // Services hold the connection a transaction gives them and pass it on; only repositories (and the transaction
        // helper in common.db) send statements.
        noClasses().that().haveSimpleNameNotEndingWith("Repository")
                .and().resideOutsideOfPackage("org.huimin.common.db..")
                .should().callMethodWhere(sqlCall())
                .check(MAIN);
        noClasses().that().haveSimpleNameEndingWith("Resource")
                .should().dependOnClassesThat().resideInAnyPackage("io.vertx.mutiny.sqlclient..", "io.vertx.sqlclient..")
                .check(MAIN);
    }

    @Test
    void featurePackagesHaveNoCycles() {
        slices().matching("org.huimin.(*)..").should().beFreeOfCycles().check(MAIN);
        // Shared code knows no feature.
        noClasses().that().resideInAPackage("org.huimin.common..")
                .should().dependOnClassesThat(DescribedPredicate.describe("a feature package",
                        c -> c.getPackageName().startsWith("org.huimin.") && !c.getPackageName().startsWith("org.huimin.common")))
                .check(MAIN);
    }

    @Test
    void onlyDevToolsUseTheDevTools() {
        // The main class alone may ask for the embedded database (the local run), and it checks first that it is there.
        classes().that().resideInAPackage("org.huimin.devtools..")
                .should().onlyBeAccessed().byClassesThat(JavaClass.Predicates.resideInAPackage("org.huimin.devtools..")
                        .or(JavaClass.Predicates.equivalentTo(org.huimin.HuiminMain.class)))
                .check(MAIN);
    }

    private static DescribedPredicate<JavaAccess<?>> sqlCall() {
        return DescribedPredicate.describe("a statement sent through the reactive SQL client", access -> {
            String owner = access.getTargetOwner().getName();
            String name = access.getName();
            return owner.startsWith("io.vertx.mutiny.sqlclient.") && (name.equals("preparedQuery") || name.equals("query")
                    || name.equals("withTransaction") || name.equals("withConnection"));
        });
    }
}
