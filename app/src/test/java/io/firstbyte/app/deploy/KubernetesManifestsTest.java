package io.firstbyte.app.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import io.firstbyte.app.call.LiveCalls;
import io.firstbyte.app.observability.CallMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.convert.DurationStyle;
import org.yaml.snakeyaml.Yaml;

/**
 * The manifests in deploy/kubernetes against the server's own configuration (application.yaml from
 * the class path): ports, probe paths, every environment variable name, the secrets, the drain
 * timeout against the grace period, and the metric the autoscaler reads.
 */
class KubernetesManifestsTest {

    private static final Path MANIFESTS = Path.of("..", "deploy", "kubernetes");
    /** Secrets by name: tokens, API and encryption keys, passwords, and the store URLs (credentials inside). */
    private static final Pattern SECRET = Pattern.compile(
            ".*_(TOKEN|API_KEY|CREDENTIALS_KEY|PRIVATE_KEY|PASSWORD|SECRET)|DATABASE_URL|REDIS_URL");
    /** Read by the JVM itself, not by the server's configuration. */
    private static final Set<String> JVM_VARIABLES = Set.of("JAVA_TOOL_OPTIONS", "JDK_JAVA_OPTIONS");
    /**
     * The drain setting the manifests already carry for the SIGTERM drain (issue 14): until
     * application.yaml has {@code firstbyte.drain.timeout}, its planned variable and default.
     */
    private static final String DRAIN_PROPERTY = "firstbyte.drain.timeout";
    private static final String PLANNED_DRAIN_VARIABLE = "FIRSTBYTE_DRAIN_TIMEOUT";
    private static final String PLANNED_DRAIN_DEFAULT = "10m";

    private static final ApplicationYaml application = ApplicationYaml.load();
    private static final List<Map<String, Object>> resources = new ArrayList<>();
    private static Map<String, Object> secretTemplate;

    @BeforeAll
    static void readManifests() throws IOException {
        for (Object file : list(yaml(MANIFESTS.resolve("kustomization.yaml")).get("resources"))) {
            try (Reader reader = Files.newBufferedReader(MANIFESTS.resolve((String) file))) {
                new Yaml().loadAll(reader).forEach(document -> resources.add(map(document)));
            }
        }
        secretTemplate = yaml(MANIFESTS.resolve("secret.template.yaml"));
    }

    @Test
    void containerPortsAreTheServersHttpAndAudioSocketPorts() {
        Map<String, Integer> ports = containerPorts();

        assertThat(ports).containsEntry("http", Integer.valueOf(effective("server.port")));
        assertThat(ports).containsEntry("audiosocket", Integer.valueOf(effective("firstbyte.telephony.audiosocket.port")));
    }

    @Test
    void theServiceForwardsBothPortsToThePods() {
        Map<String, Object> service = resource("Service");
        Map<String, Object> podLabels = map(map(map(resource("Deployment").get("spec")).get("template")).get("metadata"));

        assertThat(map(podLabels.get("labels"))).containsAllEntriesOf(map(map(service.get("spec")).get("selector")));
        Map<String, Integer> containerPorts = containerPorts();
        Set<String> targets = new TreeSet<>();
        for (Object port : list(map(service.get("spec")).get("ports"))) {
            Object target = map(port).get("targetPort");
            assertThat(map(port).get("protocol")).isEqualTo("TCP");
            assertThat(containerPorts.containsKey(String.valueOf(target)) || containerPorts.containsValue(target))
                    .as("Service targetPort %s is a container port", target).isTrue();
            targets.add(target instanceof Integer number ? nameOf(containerPorts, number) : (String) target);
        }
        assertThat(targets).containsExactlyInAnyOrder("http", "audiosocket");
    }

    @Test
    void probesUseTheActuatorHealthGroupsOnTheHttpPort() {
        assertThat(application.value("management.endpoint.health.probes.enabled")).contains("true");
        assertThat(application.value("management.endpoints.web.exposure.include").orElseThrow().split(","))
                .contains("health");
        assertThat(application.value("management.server.port")).as("actuator on its own port").isEmpty();
        String health = application.value("management.endpoints.web.base-path").orElse("/actuator") + "/health";
        Map<String, Object> container = container();

        assertThat(probe(container, "readinessProbe")).containsEntry("path", health + "/readiness");
        assertThat(probe(container, "livenessProbe")).containsEntry("path", health + "/liveness");
        assertThat(probe(container, "startupProbe")).containsEntry("path", health + "/liveness");
        for (String kind : List.of("readinessProbe", "livenessProbe", "startupProbe")) {
            Object port = probe(container, kind).get("port");
            assertThat(port.equals("http") || port.equals(containerPorts().get("http"))).as(kind + " port").isTrue();
        }
    }

    @Test
    void everyEnvironmentVariableInTheManifestsIsOneTheServerReads() {
        Set<String> readable = new TreeSet<>(application.variables());
        readable.addAll(JVM_VARIABLES);
        if (application.variable(DRAIN_PROPERTY).isEmpty()) {
            readable.add(PLANNED_DRAIN_VARIABLE);
        }

        assertThat(manifestVariables()).allSatisfy(name -> assertThat(readable.contains(name) || isRelaxedName(name))
                .as("%s is named in application.yaml (or binds one of its properties)", name).isTrue());
    }

    @Test
    void theDeploymentTakesItsEnvironmentFromTheConfigMapAndTheSecret() {
        List<Object> sources = list(container().get("envFrom"));

        assertThat(sources).anySatisfy(source -> assertThat(map(map(source).get("configMapRef")).get("name"))
                .isEqualTo(metadataName(resource("ConfigMap"))));
        assertThat(sources).anySatisfy(source -> assertThat(map(map(source).get("secretRef")).get("name"))
                .isEqualTo(metadataName(secretTemplate)));
    }

    @Test
    void theSecretTemplateNamesEverySecretTheServerReadsAndTheConfigMapNone() {
        Set<String> secrets = new TreeSet<>();
        application.variables().stream().filter(name -> SECRET.matcher(name).matches()).forEach(secrets::add);

        assertThat(secretTemplate.get("kind")).isEqualTo("Secret");
        assertThat(map(secretTemplate.get("stringData")).keySet()).containsExactlyInAnyOrderElementsOf(secrets);
        assertThat(map(secretTemplate.get("stringData")).values()).allSatisfy(value -> assertThat(value).isEqualTo(""));
        assertThat(configMap().keySet()).noneMatch(name -> SECRET.matcher(name).matches());
    }

    @Test
    void theGracePeriodOutlastsTheDrainTimeoutAndThePreStopPause() {
        String variable = application.variable(DRAIN_PROPERTY).orElse(PLANNED_DRAIN_VARIABLE);
        String configured = Optional.ofNullable((String) configMap().get(variable))
                .orElseGet(() -> application.defaultValue(DRAIN_PROPERTY).orElse(PLANNED_DRAIN_DEFAULT));
        Duration drain = DurationStyle.detectAndParse(configured);
        Map<String, Object> pod = map(map(map(resource("Deployment").get("spec")).get("template")).get("spec"));
        Duration grace = Duration.ofSeconds(((Number) pod.get("terminationGracePeriodSeconds")).longValue());
        Duration preStop = Optional.ofNullable(map(container().get("lifecycle")).get("preStop"))
                .map(hook -> map(map(hook).get("sleep")).get("seconds"))
                .map(seconds -> Duration.ofSeconds(((Number) seconds).longValue()))
                .orElse(Duration.ZERO);

        assertThat(application.variable(DRAIN_PROPERTY)).as("the drain setting's variable").isIn(
                Optional.empty(), Optional.of(PLANNED_DRAIN_VARIABLE));
        assertThat(grace).as("terminationGracePeriodSeconds against drain %s + pre-stop %s", drain, preStop)
                .isGreaterThan(drain.plus(preStop));
    }

    @Test
    void theAutoscalerReadsTheActiveCallsGaugeTheServerExports() {
        Map<String, Object> spec = map(resource("HorizontalPodAutoscaler").get("spec"));
        Map<String, Object> metric = map(map(map(list(spec.get("metrics")).getFirst()).get("pods")).get("metric"));
        PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        new CallMetrics(registry, new LiveCalls());

        assertThat(map(spec.get("scaleTargetRef"))).containsEntry("kind", "Deployment")
                .containsEntry("name", metadataName(resource("Deployment")));
        assertThat(registry.scrape()).containsPattern("(?m)^" + metric.get("name") + "(\\{| )");
    }

    @Test
    void podsRunAsTheImagesNonRootUser() {
        Map<String, Object> pod = map(map(map(resource("Deployment").get("spec")).get("template")).get("spec"));

        assertThat(map(pod.get("securityContext"))).containsEntry("runAsNonRoot", true).containsEntry("runAsUser", 10001);
    }

    private static String effective(String path) {
        String variable = application.variable(path).orElseThrow(() -> new AssertionError(path + " has no variable"));
        return Optional.ofNullable(configMap().get(variable)).map(String::valueOf)
                .orElseGet(() -> application.defaultValue(path).orElseThrow());
    }

    /** FIRSTBYTE_CALL_PACER_LEAD binds firstbyte.call.pacer-lead (Spring's relaxed binding) when application.yaml sets it. */
    private static boolean isRelaxedName(String name) {
        return application.paths().stream().anyMatch(path ->
                path.replace("-", "").replace('.', '_').toUpperCase(Locale.ROOT).equals(name));
    }

    private static Set<String> manifestVariables() {
        Set<String> names = new TreeSet<>(configMap().keySet());
        names.addAll(map(secretTemplate.get("stringData")).keySet());
        Optional.ofNullable(container().get("env")).map(KubernetesManifestsTest::list)
                .ifPresent(env -> env.forEach(variable -> names.add((String) map(variable).get("name"))));
        return names;
    }

    private static Map<String, Integer> containerPorts() {
        Map<String, Integer> ports = new java.util.HashMap<>();
        list(container().get("ports")).forEach(port -> ports.put((String) map(port).get("name"),
                (Integer) map(port).get("containerPort")));
        return ports;
    }

    private static Map<String, Object> probe(Map<String, Object> container, String kind) {
        return map(map(container.get(kind)).get("httpGet"));
    }

    private static Map<String, Object> container() {
        Map<String, Object> pod = map(map(map(resource("Deployment").get("spec")).get("template")).get("spec"));
        List<Object> containers = list(pod.get("containers"));
        assertThat(containers).hasSize(1);
        return map(containers.getFirst());
    }

    private static Map<String, Object> configMap() {
        return map(resource("ConfigMap").get("data"));
    }

    private static Map<String, Object> resource(String kind) {
        return resources.stream().filter(resource -> kind.equals(resource.get("kind"))).findFirst()
                .orElseThrow(() -> new AssertionError("no " + kind + " in deploy/kubernetes/kustomization.yaml"));
    }

    private static String metadataName(Map<String, Object> resource) {
        return (String) map(resource.get("metadata")).get("name");
    }

    private static String nameOf(Map<String, Integer> ports, int number) {
        return ports.entrySet().stream().filter(entry -> entry.getValue() == number).findFirst().orElseThrow().getKey();
    }

    private static Map<String, Object> yaml(Path file) throws IOException {
        try (Reader reader = Files.newBufferedReader(file)) {
            return map(new Yaml().load(reader));
        }
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Object node) {
        assertThat(node).isInstanceOf(Map.class);
        return (Map<String, Object>) node;
    }

    @SuppressWarnings("unchecked")
    private static List<Object> list(Object node) {
        assertThat(node).isInstanceOf(List.class);
        return (List<Object>) node;
    }
}
