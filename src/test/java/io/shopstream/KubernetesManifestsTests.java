package io.shopstream;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.google.gson.Gson;
import io.kubernetes.client.custom.IntOrString;
import io.kubernetes.client.openapi.JSON;
import io.kubernetes.client.openapi.models.V1ConfigMap;
import io.kubernetes.client.openapi.models.V1Container;
import io.kubernetes.client.openapi.models.V1Deployment;
import io.kubernetes.client.openapi.models.V1EnvVar;
import io.kubernetes.client.openapi.models.V1HTTPGetAction;
import io.kubernetes.client.openapi.models.V1Ingress;
import io.kubernetes.client.openapi.models.V1NetworkPolicy;
import io.kubernetes.client.openapi.models.V1NetworkPolicyPort;
import io.kubernetes.client.openapi.models.V1PodDisruptionBudget;
import io.kubernetes.client.openapi.models.V1PodSpec;
import io.kubernetes.client.openapi.models.V1Probe;
import io.kubernetes.client.openapi.models.V1SecurityContext;
import io.kubernetes.client.openapi.models.V1Service;
import io.kubernetes.client.openapi.models.V1ServiceAccount;
import io.kubernetes.client.openapi.models.V2HorizontalPodAutoscaler;
import io.shopstream.support.EmbeddedApiTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;
import org.springframework.test.web.reactive.server.WebTestClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The {@code k8s/} overlays as {@code kubectl kustomize} renders them, parsed as
 * Kubernetes API models (client-java) and held to what the deployment promises: probes on
 * paths this service answers, resources set, a locked-down security context, a pinned
 * image, environment variables that are all real configuration keys, matching ports, the
 * disruption budget and autoscaler on the Deployment, and network policy to 8080 in and
 * DNS and MongoDB out. Skipped, each test saying why, where kubectl is not installed;
 * yamllint likewise.
 */
@EmbeddedApiTest
class KubernetesManifestsTests {

	/** Variables that configure the JVM or the base image, not the application. */
	private static final Set<String> NOT_APPLICATION = Set.of("JAVA_TOOL_OPTIONS");

	/**
	 * The graceful shutdown's budget,
	 * {@code spring.lifecycle.timeout-per-shutdown-phase}.
	 */
	private static final int SHUTDOWN_SECONDS = 20;

	private static final Pattern PLACEHOLDER = Pattern.compile("\\$\\{([A-Z][A-Z0-9_]*)[:}]");

	/**
	 * The kinds the overlays hold, by apiVersion and kind, as client-java models them.
	 */
	private static final Map<String, Class<?>> MODELS = Map.of("apps/v1/Deployment", V1Deployment.class, "v1/Service",
			V1Service.class, "v1/ConfigMap", V1ConfigMap.class, "v1/ServiceAccount", V1ServiceAccount.class,
			"policy/v1/PodDisruptionBudget", V1PodDisruptionBudget.class, "autoscaling/v2/HorizontalPodAutoscaler",
			V2HorizontalPodAutoscaler.class, "networking.k8s.io/v1/NetworkPolicy", V1NetworkPolicy.class,
			"networking.k8s.io/v1/Ingress", V1Ingress.class);

	private static final Map<String, Rendered> RENDERED = new LinkedHashMap<>();

	@Autowired
	WebTestClient client;

	@ParameterizedTest
	@ValueSource(strings = { "dev", "prod" })
	void every_object_is_a_kubernetes_model_and_the_base_is_complete(String overlay) {
		Rendered rendered = render(overlay);
		assertThat(rendered.objects.keySet()).contains("Deployment/shopstream", "Service/shopstream",
				"ServiceAccount/shopstream", "PodDisruptionBudget/shopstream", "HorizontalPodAutoscaler/shopstream",
				"NetworkPolicy/shopstream");
		assertThat(rendered.objects.keySet()).anyMatch((name) -> name.startsWith("ConfigMap/shopstream-config-"));
		V1ServiceAccount account = rendered.one(V1ServiceAccount.class);
		assertThat(account.getAutomountServiceAccountToken()).isFalse();
		assertThat(rendered.deployment().getSpec().getTemplate().getSpec().getAutomountServiceAccountToken()).isFalse();
	}

	@ParameterizedTest
	@ValueSource(strings = { "dev", "prod" })
	void the_probes_ask_paths_the_service_answers_on_its_own_port(String overlay) {
		V1Container container = render(overlay).container();
		List<V1Probe> probes = List.of(container.getStartupProbe(), container.getLivenessProbe(),
				container.getReadinessProbe());
		for (V1Probe probe : probes) {
			V1HTTPGetAction get = probe.getHttpGet();
			assertThat(get.getPort()).isEqualTo(new IntOrString("http"));
			this.client.get().uri(get.getPath()).exchange().expectStatus().isOk();
		}
		assertThat(container.getReadinessProbe().getHttpGet().getPath()).isEqualTo("/actuator/health/readiness");
		assertThat(container.getLivenessProbe().getHttpGet().getPath()).isEqualTo("/actuator/health/liveness");
	}

	@ParameterizedTest
	@ValueSource(strings = { "dev", "prod" })
	void resources_security_image_and_shutdown_are_as_promised(String overlay) {
		Rendered rendered = render(overlay);
		V1PodSpec pod = rendered.deployment().getSpec().getTemplate().getSpec();
		V1Container container = rendered.container();
		for (String resource : List.of("cpu", "memory")) {
			assertThat(container.getResources().getRequests()).containsKey(resource);
			assertThat(container.getResources().getLimits()).containsKey(resource);
		}
		assertThat(container.getResources().getLimits().get("memory"))
			.isEqualTo(container.getResources().getRequests().get("memory"));

		V1SecurityContext security = container.getSecurityContext();
		assertThat(security.getRunAsNonRoot()).isTrue();
		assertThat(security.getReadOnlyRootFilesystem()).isTrue();
		assertThat(security.getAllowPrivilegeEscalation()).isFalse();
		assertThat(security.getCapabilities().getDrop()).containsExactly("ALL");
		assertThat(security.getSeccompProfile().getType()).isEqualTo("RuntimeDefault");
		assertThat(pod.getSecurityContext().getRunAsUser()).isPositive();
		assertThat(container.getVolumeMounts()).anySatisfy((mount) -> {
			assertThat(mount.getMountPath()).isEqualTo("/tmp");
			assertThat(pod.getVolumes()).anySatisfy((volume) -> {
				assertThat(volume.getName()).isEqualTo(mount.getName());
				assertThat(volume.getEmptyDir()).isNotNull();
			});
		});

		assertThat(container.getImage()).matches("[^:@]+:[^:]+").doesNotEndWith(":latest");

		List<String> preStop = container.getLifecycle().getPreStop().getExec().getCommand();
		assertThat(preStop.get(0)).isEqualTo("sleep");
		int pause = Integer.parseInt(preStop.get(1));
		assertThat(pod.getTerminationGracePeriodSeconds()).isGreaterThan(pause + SHUTDOWN_SECONDS);
	}

	@ParameterizedTest
	@ValueSource(strings = { "dev", "prod" })
	void every_environment_variable_is_a_configuration_key_of_the_service(String overlay) throws IOException {
		Rendered rendered = render(overlay);
		Set<String> names = new HashSet<>(rendered.configMap().getData().keySet());
		List<V1EnvVar> env = (rendered.container().getEnv() != null) ? rendered.container().getEnv() : List.of();
		env.forEach((variable) -> names.add(variable.getName()));
		assertThat(rendered.container().getEnvFrom())
			.allSatisfy((from) -> assertThat(from.getConfigMapRef().getName()).startsWith("shopstream-config"));
		Known known = Known.load();
		assertThat(names).allSatisfy(
				(name) -> assertThat(known.binds(name)).as("%s is no configuration key of the service", name).isTrue());
		assertThat(known.binds("SHOPSTREAM_LIMITS_FEEDS_PER_CLIENTS")).as("a misspelt key is caught").isFalse();
	}

	@ParameterizedTest
	@ValueSource(strings = { "dev", "prod" })
	void ports_budget_autoscaler_and_network_policy_fit_the_deployment(String overlay) {
		Rendered rendered = render(overlay);
		V1Deployment deployment = rendered.deployment();
		Map<String, String> podLabels = deployment.getSpec().getTemplate().getMetadata().getLabels();
		V1Container container = rendered.container();
		int port = Integer.parseInt(rendered.configMap().getData().get("PORT"));
		assertThat(container.getPorts()).singleElement().satisfies((declared) -> {
			assertThat(declared.getName()).isEqualTo("http");
			assertThat(declared.getContainerPort()).isEqualTo(port);
		});

		V1Service service = rendered.one(V1Service.class);
		assertThat(podLabels).containsAllEntriesOf(service.getSpec().getSelector());
		assertThat(service.getSpec().getPorts()).singleElement()
			.satisfies((servicePort) -> assertThat(servicePort.getTargetPort()).isEqualTo(new IntOrString("http")));

		V1PodDisruptionBudget budget = rendered.one(V1PodDisruptionBudget.class);
		assertThat(podLabels).containsAllEntriesOf(budget.getSpec().getSelector().getMatchLabels());
		V2HorizontalPodAutoscaler autoscaler = rendered.one(V2HorizontalPodAutoscaler.class);
		assertThat(autoscaler.getSpec().getScaleTargetRef().getKind()).isEqualTo("Deployment");
		assertThat(autoscaler.getSpec().getScaleTargetRef().getName()).isEqualTo(deployment.getMetadata().getName());
		assertThat(deployment.getSpec().getReplicas()).as("the autoscaler owns the count").isNull();

		V1NetworkPolicy policy = rendered.one(V1NetworkPolicy.class);
		assertThat(podLabels).containsAllEntriesOf(policy.getSpec().getPodSelector().getMatchLabels());
		assertThat(policy.getSpec().getPolicyTypes()).containsExactlyInAnyOrder("Ingress", "Egress");
		assertThat(policy.getSpec().getIngress()).flatMap((rule) -> rule.getPorts())
			.extracting(V1NetworkPolicyPort::getPort)
			.containsExactly(new IntOrString(port));
		assertThat(policy.getSpec().getEgress()).flatMap((rule) -> rule.getPorts())
			.extracting((egress) -> egress.getProtocol() + "/" + egress.getPort())
			.containsExactlyInAnyOrder("UDP/53", "TCP/53", "TCP/27017");
	}

	@Test
	void prod_runs_three_pods_across_zones_on_the_mongodb_of_its_secret() {
		Rendered prod = render("prod");
		assertThat(prod.one(V2HorizontalPodAutoscaler.class).getSpec().getMinReplicas()).isGreaterThanOrEqualTo(3);
		V1PodSpec pod = prod.deployment().getSpec().getTemplate().getSpec();
		assertThat(pod.getTopologySpreadConstraints()).anySatisfy((spread) -> {
			assertThat(spread.getTopologyKey()).isEqualTo("topology.kubernetes.io/zone");
			assertThat(spread.getWhenUnsatisfiable()).isEqualTo("DoNotSchedule");
		});
		assertThat(prod.container().getEnv()).anySatisfy((variable) -> {
			assertThat(variable.getName()).isEqualTo("MONGODB_URI");
			assertThat(variable.getValueFrom().getSecretKeyRef().getName()).isEqualTo("shopstream-mongodb");
		});
		assertThat(prod.configMap().getData()).containsEntry("SHOPSTREAM_EMBEDDED_ENABLED", "false")
			.containsEntry("SERVER_FORWARD_HEADERS_STRATEGY", "framework")
			.containsKey("SHOPSTREAM_WEB_TRUSTED_PROXIES")
			.containsKey("SHOPSTREAM_LIMITS_FEEDS_PER_CLIENT")
			.containsKey("SHOPSTREAM_LIMITS_REQUESTS_PER_SECOND_PER_CLIENT");
		assertThat(render("dev").one(V2HorizontalPodAutoscaler.class).getSpec().getMaxReplicas()).isOne();
	}

	@Test
	void the_ingress_example_keeps_feeds_open_and_unbuffered() throws IOException {
		V1Ingress ingress = parse(Files.readString(Path.of("k8s/overlays/prod/ingress-example.yaml")))
			.one(V1Ingress.class);
		Map<String, String> annotations = ingress.getMetadata().getAnnotations();
		assertThat(annotations).containsEntry("nginx.ingress.kubernetes.io/proxy-buffering", "off");
		assertThat(Integer.parseInt(annotations.get("nginx.ingress.kubernetes.io/proxy-read-timeout")))
			.isGreaterThanOrEqualTo(3600);
		assertThat(ingress.getSpec().getRules()).flatMap((rule) -> rule.getHttp().getPaths())
			.allSatisfy((path) -> assertThat(path.getBackend().getService().getPort().getName()).isEqualTo("http"));
	}

	@Test
	void the_yaml_is_yamllint_clean() throws Exception {
		assumeTrue(onPath("yamllint"), "yamllint is not installed: the YAML is not linted (apt-get install yamllint)");
		Process lint = new ProcessBuilder("yamllint", "--strict", "k8s", "src/main/resources", ".github")
			.redirectErrorStream(true)
			.start();
		String out = new String(lint.getInputStream().readAllBytes());
		assertThat(lint.waitFor(60, TimeUnit.SECONDS)).isTrue();
		assertThat(lint.exitValue()).as(out).isZero();
	}

	private static synchronized Rendered render(String overlay) {
		assumeTrue(onPath("kubectl"),
				"kubectl is not installed: the k8s overlays are not rendered or checked (kubectl kustomize)");
		return RENDERED.computeIfAbsent(overlay, (name) -> {
			try {
				Process kustomize = new ProcessBuilder("kubectl", "kustomize", "k8s/overlays/" + name).start();
				String yaml = new String(kustomize.getInputStream().readAllBytes());
				String errors = new String(kustomize.getErrorStream().readAllBytes());
				assertThat(kustomize.waitFor(60, TimeUnit.SECONDS)).isTrue();
				assertThat(kustomize.exitValue()).as(errors).isZero();
				return parse(yaml);
			}
			catch (IOException | InterruptedException ex) {
				throw new IllegalStateException(ex);
			}
		});
	}

	private static Rendered parse(String yaml) {
		Gson gson = new JSON().getGson();
		Map<String, Object> objects = new LinkedHashMap<>();
		for (Object document : new Yaml(new SafeConstructor(new LoaderOptions())).loadAll(yaml)) {
			@SuppressWarnings("unchecked")
			Map<String, Object> object = (Map<String, Object>) document;
			String kind = (String) object.get("kind");
			Class<?> model = MODELS.get(object.get("apiVersion") + "/" + kind);
			assertThat(model).as("a Kubernetes kind this test knows: %s %s", object.get("apiVersion"), kind)
				.isNotNull();
			@SuppressWarnings("unchecked")
			String name = (String) ((Map<String, Object>) object.get("metadata")).get("name");
			objects.put(kind + "/" + name, gson.fromJson(gson.toJsonTree(object), model));
		}
		return new Rendered(objects);
	}

	private static boolean onPath(String command) {
		for (String directory : System.getenv("PATH").split(":")) {
			if (Files.isExecutable(Path.of(directory, command))) {
				return true;
			}
		}
		return false;
	}

	/** One overlay's objects, by kind and name. */
	private record Rendered(Map<String, Object> objects) {

		<T> T one(Class<T> type) {
			List<T> found = new ArrayList<>();
			this.objects.values().stream().filter(type::isInstance).map(type::cast).forEach(found::add);
			assertThat(found).as("one %s", type.getSimpleName()).hasSize(1);
			return found.get(0);
		}

		V1Deployment deployment() {
			return one(V1Deployment.class);
		}

		V1ConfigMap configMap() {
			return one(V1ConfigMap.class);
		}

		V1Container container() {
			return deployment().getSpec().getTemplate().getSpec().getContainers().get(0);
		}

	}

	/**
	 * The environment variables that bind to a configuration key: each key of the
	 * configuration metadata on the class path (Spring Boot's and, from the configuration
	 * processor, Shopstream's own) in both of the forms Spring Boot reads from the
	 * environment (dots to underscores, dashes removed or turned into underscores, upper
	 * case), prefixes for map-valued keys, and the variables application.yaml names in
	 * placeholders.
	 */
	private record Known(Set<String> exact, Set<String> prefixes) {

		static Known load() throws IOException {
			Set<String> exact = new HashSet<>();
			Set<String> prefixes = new HashSet<>();
			JsonMapper json = JsonMapper.builder().build();
			for (Resource metadata : new PathMatchingResourcePatternResolver()
				.getResources("classpath*:META-INF/spring-configuration-metadata.json")) {
				try (InputStream in = metadata.getInputStream()) {
					for (JsonNode property : json.readTree(in).path("properties")) {
						String name = property.path("name").asString();
						String type = property.path("type").asString("");
						exact.add(name.replace('.', '_').replace("-", "").toUpperCase(Locale.ROOT));
						exact.add(name.replace('.', '_').replace('-', '_').toUpperCase(Locale.ROOT));
						if (type.startsWith("java.util.Map")) {
							prefixes.add(name.replace('.', '_').replace('-', '_').toUpperCase(Locale.ROOT) + "_");
						}
					}
				}
			}
			Matcher placeholder = PLACEHOLDER.matcher(Files.readString(Path.of("src/main/resources/application.yaml")));
			while (placeholder.find()) {
				exact.add(placeholder.group(1));
			}
			exact.addAll(NOT_APPLICATION);
			return new Known(exact, prefixes);
		}

		boolean binds(String variable) {
			return this.exact.contains(variable) || this.prefixes.stream().anyMatch(variable::startsWith);
		}

	}

}
