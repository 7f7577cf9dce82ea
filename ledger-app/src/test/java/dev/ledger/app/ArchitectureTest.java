package dev.ledger.app;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The module map, as rules the build checks. Each bounded context is a module with a package of its own:
 * {@code dev.ledger.account} (module {@code account}), {@code dev.ledger.transfer} ({@code transfer-saga}) and
 * {@code dev.ledger.query} ({@code account-query}). They talk to each other only through the messages of
 * {@code dev.ledger.api} ({@code api-contracts}), and only the host, {@code dev.ledger.app} ({@code ledger-app}),
 * knows them all. The rules run here because this is the one module that has every other on its class path.
 */
class ArchitectureTest {

    private static final String CONTRACTS = "dev.ledger.api..";
    private static final String ACCOUNT = "dev.ledger.account..";
    private static final String TRANSFER = "dev.ledger.transfer..";
    private static final String READ_SIDE = "dev.ledger.query..";
    private static final String HOST = "dev.ledger.app..";

    private static JavaClasses ledger;

    @BeforeAll
    static void importTheLedger() {
        ledger = new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("dev.ledger");
    }

    @Test
    void theContractsDependOnNoOtherModuleAndOnNoSpring() {
        noClasses().that().resideInAPackage(CONTRACTS)
                .should().dependOnClassesThat().resideInAnyPackage(ACCOUNT, TRANSFER, READ_SIDE, HOST,
                        "org.springframework..")
                .check(ledger);
    }

    @Test
    void theDomainModulesKnowNoSpring() {
        noClasses().that().resideInAnyPackage(ACCOUNT, TRANSFER)
                .should().dependOnClassesThat().resideInAPackage("org.springframework..")
                .because("an aggregate or a process that needs Spring cannot be tested with a plain Axon fixture")
                .check(ledger);
    }

    @Test
    void theAccountsTalkToOtherModulesOnlyThroughTheContracts() {
        noClasses().that().resideInAPackage(ACCOUNT)
                .should().dependOnClassesThat().resideInAnyPackage(TRANSFER, READ_SIDE, HOST)
                .check(ledger);
    }

    @Test
    void theTransferTalksToOtherModulesOnlyThroughTheContracts() {
        noClasses().that().resideInAPackage(TRANSFER)
                .should().dependOnClassesThat().resideInAnyPackage(ACCOUNT, READ_SIDE, HOST)
                .check(ledger);
    }

    @Test
    void theReadSideTalksToOtherModulesOnlyThroughTheContracts() {
        noClasses().that().resideInAPackage(READ_SIDE)
                .should().dependOnClassesThat().resideInAnyPackage(ACCOUNT, TRANSFER, HOST)
                .check(ledger);
    }

    @Test
    void noModuleDependsOnTheHost() {
        noClasses().that().resideOutsideOfPackage(HOST).and().resideOutsideOfPackage("dev.ledger")
                .should().dependOnClassesThat().resideInAPackage(HOST)
                .check(ledger);
    }

    @Test
    void theModulesHaveNoCycles() {
        slices().matching("dev.ledger.(*)..").should().beFreeOfCycles().check(ledger);
    }

    /** Package by package: the OpenAPI document describes the security schemes, which answer with the web's problems. */
    @Test
    void theHostsPackagesHaveNoCycles() {
        slices().matching("dev.ledger.app.(**)").should().beFreeOfCycles().check(ledger);
    }
}
