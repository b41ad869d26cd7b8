# Shopstream's container image. Build it from the repository's top level:
#
#   docker build -t shopstream:0.1.0 .
#
# Two stages: the Maven wrapper builds the jar (its dependencies resolved in a layer of their
# own, so a source change does not download them again), and a pinned JRE 17 runs the jar
# extracted into Spring Boot's layers, dependencies first, so an image for a new release shares
# every layer but the application's with the one before. ImageStartCommandIT runs the extract
# command and the start command below on the built jar in every `./mvnw verify`.

# Pinned: a new JDK update is a change to this file, never a silent one.
FROM eclipse-temurin:17.0.15_6-jdk-jammy AS build
WORKDIR /workspace
COPY mvnw pom.xml ./
COPY .mvn .mvn
RUN ./mvnw -B -q dependency:go-offline
COPY src src
RUN ./mvnw -B -q package -Dmaven.test.skip=true \
 && java -Djarmode=tools -jar target/shopstream-0.1.0-SNAPSHOT.jar extract --layers --launcher --destination extracted

FROM eclipse-temurin:17.0.15_6-jre-jammy
LABEL org.opencontainers.image.title="Shopstream" \
      org.opencontainers.image.description="Reactive commerce service on MongoDB with live Server-Sent Event feeds" \
      org.opencontainers.image.version="0.1.0" \
      org.opencontainers.image.base.name="docker.io/library/eclipse-temurin:17.0.15_6-jre-jammy"
WORKDIR /app
# Least changing first: each COPY is a layer, and only the application's changes between releases.
COPY --from=build /workspace/extracted/dependencies/ ./
COPY --from=build /workspace/extracted/spring-boot-loader/ ./
COPY --from=build /workspace/extracted/snapshot-dependencies/ ./
COPY --from=build /workspace/extracted/application/ ./
# A numeric, unprivileged user that owns nothing in the image: Kubernetes can check runAsNonRoot
# without a passwd entry, and the application cannot rewrite itself.
USER 10001:10001
EXPOSE 8080
# -XX:MaxRAMPercentage=75: the heap follows the container's memory limit (768 MiB of 1 GiB);
#   the rest is for metaspace, thread stacks, direct buffers and the GC.
# -XX:+ExitOnOutOfMemoryError: out of heap, the JVM exits and the orchestrator restarts it.
# -XX:+UseG1GC: below 1792 MiB the JVM would choose the Serial collector, whose full pauses
#   stall every feed.
# In the exec form, so the JVM is PID 1 and gets SIGTERM for its graceful shutdown.
ENTRYPOINT ["java", "-XX:MaxRAMPercentage=75", "-XX:+ExitOnOutOfMemoryError", "-XX:+UseG1GC", "org.springframework.boot.loader.launch.JarLauncher"]
