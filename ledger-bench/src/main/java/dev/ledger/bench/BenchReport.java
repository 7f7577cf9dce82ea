package dev.ledger.bench;

import java.util.Locale;
import tools.jackson.databind.JsonNode;

/** The Markdown form of a run's JSON report: the table the README and docs/performance.md show. */
final class BenchReport {

    private BenchReport() {
    }

    static String markdown(JsonNode report) {
        JsonNode run = report.path("run");
        JsonNode baseline = report.path("baseline");
        StringBuilder md = new StringBuilder();
        md.append(String.format(Locale.ROOT, "Run %s (%s mode), commit %s%s, %d accounts, %d s per measurement, "
                        + "%d CPUs, PostgreSQL %s, client: %s%s.%n%n",
                run.path("startedAt").asString(), run.path("mode").asString(), run.path("gitCommit").asString(),
                run.path("gitDirty").asBoolean() ? " (uncommitted changes)" : "", run.path("accounts").asInt(),
                run.path("measureSeconds").asInt(), run.path("processors").asInt(), run.path("postgres").asString(),
                run.path("client").asString("POST, then GET ?waitSeconds="),
                run.path("ledgerArgs").asString().isBlank() ? "" : ", ledger args `" + run.path("ledgerArgs").asString()
                        + "`"));
        scenarios(md, report.path("scenarios"));
        md.append(String.format(Locale.ROOT, "| plain JDBC baseline | closed %d threads | **%.0f** | %.1f | %.1f | %.1f |"
                        + " – | %.2f | – | %.2f | %d rejected |%n%n",
                baseline.path("threads").asInt(), baseline.path("transfersPerSecond").asDouble(),
                baseline.path("p50Ms").asDouble(), baseline.path("p99Ms").asDouble(),
                baseline.path("p999Ms").asDouble(), baseline.path("dbCommitsPerTransfer").asDouble(),
                baseline.path("postgresCpuMsPerTransfer").asDouble(), baseline.path("rejected").asLong()));
        JsonNode summary = report.path("summary");
        md.append(String.format(Locale.ROOT, "Best saga throughput %.0f/s = %.3f of the same-run JDBC baseline (1/%.0f).%n%n",
                summary.path("bestCompletedPerSecond").asDouble(), summary.path("ratioToBaseline").asDouble(),
                1 / summary.path("ratioToBaseline").asDouble()));
        JsonNode twoPhase = summary.path("twoPhase");
        if (!twoPhase.isMissingNode()) {
            md.append(String.format(Locale.ROOT, "Authorize then capture (two requests per transfer, %s, uniform pairs): "
                            + "%.0f completed/s = %.2f of the one-step transfer's %.0f/s in the same run; p50 %.0f ms "
                            + "(%.2f×), p99 %.0f ms (%.2f×); %.1f DB commits and %.1f ledger CPU-ms per transfer "
                            + "(%.2f× and %.2f×); unexpected outcomes or errors: %d.%n%n",
                    twoPhase.path("load").asString(), twoPhase.path("completedPerSecond").asDouble(),
                    twoPhase.path("completedPerSecondRatio").asDouble(),
                    twoPhase.path("oneStepCompletedPerSecond").asDouble(), twoPhase.path("p50Ms").asDouble(),
                    twoPhase.path("p50MsRatio").asDouble(), twoPhase.path("p99Ms").asDouble(),
                    twoPhase.path("p99MsRatio").asDouble(), twoPhase.path("dbCommitsPerTransfer").asDouble(),
                    twoPhase.path("ledgerCpuMsPerTransfer").asDouble(),
                    twoPhase.path("dbCommitsPerTransferRatio").asDouble(),
                    twoPhase.path("ledgerCpuMsPerTransferRatio").asDouble(),
                    twoPhase.path("unexpectedOrErrors").asLong()));
        }
        if (summary.has("targetPerSecond")) {
            md.append(String.format(Locale.ROOT, "At the target rate, %.0f/s offered over uniform pairs in an open loop: "
                            + "%.1f completed/s, p99 %.0f ms (target: p99 at most 500 ms).%n%n",
                    summary.path("targetPerSecond").asDouble(), summary.path("targetCompletedPerSecond").asDouble(),
                    summary.path("targetP99Ms").asDouble()));
        }
        warmUp(md, report);
        md.append("| audit | figure |\n|---|---:|\n");
        for (JsonNode r : report.path("replay")) {
            md.append(String.format(Locale.ROOT, "| rebuild `%s` (%d events) | %.0f events/s (%.1f s) |%n",
                    r.path("readModel").asString(), r.path("events").asLong(), r.path("eventsPerSecond").asDouble(),
                    r.path("seconds").asDouble()));
        }
        JsonNode history = report.path("history");
        md.append(String.format(Locale.ROOT, "| history of %d events, median of %d loads | %.0f ms |%n",
                history.path("events").asInt(), history.path("loads").asInt(), history.path("medianMs").asDouble()));
        JsonNode checks = report.path("checks");
        md.append(String.format(Locale.ROOT, "| `/api/audit/verify` over %d accounts | %s in %.1f s |%n",
                checks.path("accountsChecked").asLong(), checks.path("auditVerifyOk").asBoolean() ? "ok" : "**FAILED**",
                checks.path("auditVerifySeconds").asDouble()));
        md.append(String.format(Locale.ROOT, "| transfers, all ended | %d: %s; not terminal %d, sagas running %d, "
                        + "dead letters %d |%n%n",
                checks.path("transfers").asLong(), checks.path("transfersByStatus").toString(),
                checks.path("transfersNotTerminal").asLong(), checks.path("sagasStillRunning").asLong(),
                checks.path("deadLetters").asInt()));
        JsonNode remote = report.path("overAxonServer");
        if (!remote.isMissingNode()) {
            String remoteArgs = remote.path("ledgerArgs").asString("");
            md.append(String.format(Locale.ROOT, "The same run over Axon Server (%s), profiles `postgres,axonserver`%s, one"
                    + " node, a database of its own; Axon Server's own CPU is not in the figures:%n%n",
                    remote.path("axonServer").asString(),
                    remoteArgs.isBlank() ? "" : ", remote ledger args `" + remoteArgs + "`"));
            scenarios(md, remote.path("scenarios"));
            md.append('\n');
            warmUp(md, remote);
            JsonNode over = remote.path("summary");
            JsonNode overChecks = remote.path("checks");
            md.append(String.format(Locale.ROOT, "%nOver Axon Server: best %.0f/s = %.3f of the same-run JDBC baseline,"
                            + " %.2f of the local path's ratio; at half of that capacity (%.0f/s offered) p99 %.0f ms."
                            + " Checks: %s (`/api/audit/verify` %s, %d transfers, not terminal %d).%n%n",
                    over.path("bestCompletedPerSecond").asDouble(), over.path("ratioToBaseline").asDouble(),
                    over.path("shareOfTheLocalRatio").asDouble(), over.path("halfCapacityPerSecond").asDouble(),
                    over.path("halfCapacityP99Ms").asDouble(), overChecks.path("ok").asBoolean() ? "ok" : "**FAILED**",
                    overChecks.path("auditVerifyOk").asBoolean() ? "ok" : "**FAILED**",
                    overChecks.path("transfers").asLong(), overChecks.path("transfersNotTerminal").asLong()));
        }
        return md.toString();
    }

    private static void scenarios(StringBuilder md, JsonNode scenarios) {
        md.append("| scenario | load | completed/s | p50 ms | p99 ms | p99.9 ms | max read-model lag (events) |"
                + " DB commits/transfer | ledger CPU-ms/transfer | PostgreSQL CPU-ms/transfer | outcomes |\n");
        md.append("|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---|\n");
        for (JsonNode s : scenarios) {
            md.append(String.format(Locale.ROOT, "| %s | %s | **%.0f** | %.0f | %.0f | %.0f | %d | %.1f | %.1f | %.1f | %s |%n",
                    s.path("name").asString(), s.path("load").asString(), s.path("completedPerSecond").asDouble(),
                    s.path("p50Ms").asDouble(), s.path("p99Ms").asDouble(), s.path("p999Ms").asDouble(),
                    s.path("readModelLag").path("maxEvents").asLong(), s.path("dbCommitsPerTransfer").asDouble(),
                    s.path("ledgerCpuMsPerTransfer").asDouble(), s.path("postgresCpuMsPerTransfer").asDouble(),
                    outcomes(s)));
        }
    }

    /**
     * The first transfers after a restart, window by window, beside the steady state of the same load: the
     * closed-loop uniform scenario of the same run.
     */
    private static void warmUp(StringBuilder md, JsonNode report) {
        JsonNode warmUp = report.path("warmUp");
        if (warmUp.isMissingNode()) {
            return;
        }
        double steady = 0;
        for (JsonNode s : report.path("scenarios")) {
            if (s.path("name").asString().equals("uniform") && s.path("load").asString().equals(warmUp.path("load")
                    .asString())) {
                steady = s.path("completedPerSecond").asDouble();
            }
        }
        md.append(String.format(Locale.ROOT, "After a restart on the same books (healthy in %.1f s; first transfer "
                        + "ended %.0f ms after the load began), %s, uniform pairs; the steady state of the same load "
                        + "in this run: %.0f/s:%n%n",
                warmUp.path("restartToHealthySeconds").asDouble(), warmUp.path("firstEndMs").asDouble(),
                warmUp.path("load").asString(), steady));
        md.append("| seconds after the restart's first request | completed/s | share of the steady state | p50 ms |"
                + " p99 ms |\n|---|---:|---:|---:|---:|\n");
        for (JsonNode w : warmUp.path("windows")) {
            md.append(String.format(Locale.ROOT, "| %d–%d | %.0f | %.2f | %.0f | %.0f |%n", w.path("fromSecond").asInt(),
                    w.path("toSecond").asInt(), w.path("completedPerSecond").asDouble(),
                    steady > 0 ? w.path("completedPerSecond").asDouble() / steady : Double.NaN,
                    w.path("p50Ms").asDouble(), w.path("p99Ms").asDouble()));
        }
        md.append('\n');
    }

    private static String outcomes(JsonNode scenario) {
        StringBuilder text = new StringBuilder();
        scenario.path("outcomesInWindow").properties().forEach(entry -> text.append(text.length() == 0 ? "" : ", ")
                .append(entry.getKey().toLowerCase(Locale.ROOT)).append(' ').append(entry.getValue().asLong()));
        long notSent = scenario.path("notSent").asLong();
        return notSent > 0 ? text + ", not sent " + notSent : text.toString();
    }
}
