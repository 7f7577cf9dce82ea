package dev.ledger.app.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ledger.transfer.StepAnswers;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Configuration;

/**
 * The {@code ledger.*} settings as the ledger binds them, with its {@code application.yml}: their defaults, the step
 * timeout's earlier key, and a start that stops on a wrong value with a report that names the setting.
 */
@ExtendWith(OutputCaptureExtension.class)
class SettingsTest {

    @Configuration(proxyBeanMethods = false)
    @EnableConfigurationProperties({AccountSettings.class, TransferSettings.class, IdempotencySettings.class,
            ProcessorSettings.class, AxonConfiguration.EventStoreSettings.class})
    static class SettingsOnly {
    }

    private static ConfigurableApplicationContext start(String... arguments) {
        return new SpringApplicationBuilder(SettingsOnly.class).web(WebApplicationType.NONE).run(arguments);
    }

    @Test
    void withoutSettingsTheDocumentedDefaultsHold() {
        try (ConfigurableApplicationContext ledger = start()) {
            assertThat(ledger.getBean(AccountSettings.class)).isEqualTo(new AccountSettings(20_000, 500));
            assertThat(ledger.getBean(TransferSettings.class))
                    .isEqualTo(new TransferSettings(10_000, Duration.ofSeconds(30), StepAnswers.AT_ONCE));
            assertThat(ledger.getBean(IdempotencySettings.class).retention()).isEqualTo(Duration.ofHours(48));
            assertThat(ledger.getBean(ProcessorSettings.class).balanceInterval()).isEqualTo(Duration.ofSeconds(10));
        }
    }

    @Test
    void theStepTimeoutsEarlierKeyStillSetsIt() {
        try (ConfigurableApplicationContext ledger = start("--ledger.transfer.step-timeout=4s")) {
            assertThat(ledger.getBean(TransferSettings.class).stepTimeout()).isEqualTo(Duration.ofSeconds(4));
        }
    }

    @Test
    void theStepTimeoutsNewKeyWinsOverTheEarlierOne() {
        try (ConfigurableApplicationContext ledger = start("--ledger.transfer.step-timeout=4s",
                "--ledger.transfers.step-timeout=7s")) {
            assertThat(ledger.getBean(TransferSettings.class).stepTimeout()).isEqualTo(Duration.ofSeconds(7));
        }
    }

    @Test
    void theSagaCanBeToldToHearEveryAnswerByEvents() {
        try (ConfigurableApplicationContext ledger = start("--ledger.transfers.step-answers=by-events")) {
            assertThat(ledger.getBean(TransferSettings.class).stepAnswers()).isEqualTo(StepAnswers.BY_EVENTS);
        }
    }

    @Test
    void anEmptyAccountCacheStopsTheStartNamingTheSetting(CapturedOutput output) {
        assertThatThrownBy(() -> start("--ledger.accounts.cache-size=0")).isInstanceOf(RuntimeException.class);

        assertThat(unescaped(output)).contains("Origin: \"ledger.accounts.cache-size\"").contains("Value: \"0\"")
                .contains("Reason: must be greater than 0");
    }

    @Test
    void aRetentionShorterThanTheApiPromisesStopsTheStartNamingTheSetting(CapturedOutput output) {
        assertThatThrownBy(() -> start("--ledger.idempotency.retention=12h")).isInstanceOf(RuntimeException.class);

        assertThat(unescaped(output)).contains("Origin: \"ledger.idempotency.retention\"")
                .contains("Reason: must be longer than or equal to 24 hours");
    }

    @Test
    void aStepTimeoutOfZeroStopsTheStartNamingTheSetting(CapturedOutput output) {
        assertThatThrownBy(() -> start("--ledger.transfers.step-timeout=0s")).isInstanceOf(RuntimeException.class);

        assertThat(unescaped(output)).contains("Origin: \"ledger.transfers.step-timeout\"")
                .contains("Reason: must be longer than or equal to 1 milli");
    }

    // The failure report is one log line; a JSON log format, as a production profile sets, escapes its quotes.
    private static String unescaped(CapturedOutput output) {
        return output.toString().replace("\\\"", "\"");
    }
}
