package dev.ledger.app.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeoutException;
import org.axonframework.axonserver.connector.AxonServerException;
import org.axonframework.commandhandling.CommandExecutionException;
import org.axonframework.modelling.command.AggregateStreamCreationException;
import org.junit.jupiter.api.Test;

/**
 * The failures a remote bus reports, as the ledger reads them: which ones say "send it again" (503) and which say
 * "that id is taken" (409). The messages are the ones a real Axon Server SE 2023.2.1 sent in
 * {@code TwoNodesOnAxonServerTest}.
 */
class RemoteFailuresTest {

    @Test
    void aCommandWhoseHandlingNodeWentAwayMaySimplyBeSentAgain() {
        AxonServerException lost = new AxonServerException("AXONIQ-0001",
                "Connection lost while executing command on: node-1");

        assertThat(RemoteHandlerUnavailable.isCauseOf(new CompletionException(lost))).isTrue();
        assertThat(RemoteHandlerUnavailable.isCauseOf(new AxonServerException("AXONIQ-4000", "No handler"))).isTrue();
        assertThat(RemoteHandlerUnavailable.isCauseOf(new CompletionException(new TimeoutException()))).isTrue();
    }

    @Test
    void aFailureOfTheCommandItselfIsNotAnUnavailableNode() {
        assertThat(RemoteHandlerUnavailable.isCauseOf(new AxonServerException("AXONIQ-4002", "Handler failed")))
                .isFalse();
        assertThat(RemoteHandlerUnavailable.isCauseOf(new AxonServerException("AXONIQ-0001", "Something else")))
                .isFalse();
        assertThat(RemoteHandlerUnavailable.isCauseOf(new IllegalStateException("a bug"))).isFalse();
    }

    @Test
    void anIdTakenIsRecognisedOnOneNodeAndOverAxonServer() {
        assertThat(StreamAlreadyTaken.isCauseOf(new AggregateStreamCreationException("taken"))).isTrue();
        assertThat(StreamAlreadyTaken.isCauseOf(new CommandExecutionException("OUT_OF_RANGE: [AXONIQ-2000] Invalid"
                + " sequence number 0 for aggregate t-1, expected 2", null))).isTrue();
        assertThat(StreamAlreadyTaken.isCauseOf(new CommandExecutionException("OUT_OF_RANGE: [AXONIQ-2000] Invalid"
                + " sequence number 7 for aggregate t-1, expected 8", null))).isFalse();
    }
}
