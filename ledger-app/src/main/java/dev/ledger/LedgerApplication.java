package dev.ledger;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.scheduling.annotation.EnableScheduling;

/**
 * The ledger: one executable that hosts the account aggregate, the transfer saga, the read models and the
 * REST API. Only the host's own package, {@code dev.ledger.app}, is scanned. Each module contributes in one place:
 * the account aggregate and the transfer saga through their {@code ConfigurerModule}s ({@code AccountModule},
 * {@code TransferModule}), registered as beans in {@code dev.ledger.app.config.AxonConfiguration}; the read models
 * through their module's auto-configuration ({@code dev.ledger.query.ReadModelsAutoConfiguration}).
 */
@SpringBootApplication(scanBasePackages = "dev.ledger.app")
@EnableScheduling
public class LedgerApplication {

    public static void main(String[] args) {
        // Axon's update checker phones home from a static initialiser; only a system property stops it.
        System.setProperty("axoniq.update-checker.disabled", "true");
        SpringApplication.run(LedgerApplication.class, args);
    }
}
