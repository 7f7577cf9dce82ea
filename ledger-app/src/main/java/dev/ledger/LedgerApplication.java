package dev.ledger;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.scheduling.annotation.EnableScheduling;

/**
 * The ledger: one executable that hosts the account aggregate, the transfer saga, the read models and the
 * REST API. It sits in the root package so that every module's components ({@code dev.ledger.*}) are found.
 */
@SpringBootApplication
@EnableScheduling
public class LedgerApplication {

    public static void main(String[] args) {
        // Axon's update checker phones home from a static initialiser; only a system property stops it.
        System.setProperty("axoniq.update-checker.disabled", "true");
        SpringApplication.run(LedgerApplication.class, args);
    }
}
