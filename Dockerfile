# syntax=docker/dockerfile:1
# The ledger's image: built from sources with the Maven wrapper on a JDK, run on a JRE as a non-root user.

FROM eclipse-temurin:17.0.12_7-jdk-noble AS build
WORKDIR /src
# Every module, the wrapper and its settings (.dockerignore leaves out build output and local files).
COPY . .
# The tests ran in CI (.ci/run); the cache mount keeps downloaded dependencies between builds.
RUN --mount=type=cache,target=/root/.m2 \
    ./mvnw --batch-mode --no-transfer-progress -DskipTests -pl ledger-app package \
    && cp ledger-app/target/ledger-app-*.jar /ledger.jar

FROM eclipse-temurin:17.0.12_7-jre-noble
RUN groupadd --system --gid 10001 ledger \
    && useradd --system --uid 10001 --gid ledger --home-dir /app --shell /usr/sbin/nologin ledger
WORKDIR /app
COPY --from=build --chown=ledger:ledger /ledger.jar /app/ledger.jar
RUN mkdir /app/data && chown ledger:ledger /app/data
USER ledger
EXPOSE 8080
# Without a profile the ledger keeps H2 files under /app/data; docker-compose.yml selects postgres,axonserver.
ENV JAVA_TOOL_OPTIONS="-XX:MaxRAMPercentage=75"
HEALTHCHECK --interval=10s --timeout=3s --start-period=60s --retries=3 \
    CMD curl -fsS http://localhost:8080/actuator/health || exit 1
# Axon's update checker phones home and only a system property stops it.
ENTRYPOINT ["java", "-Daxoniq.update-checker.disabled=true", "-jar", "/app/ledger.jar"]
