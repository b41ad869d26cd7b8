package io.shopstream;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.Constructor;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import com.mongodb.reactivestreams.client.MongoClients;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.syntax.ArchRuleDefinition;
import io.shopstream.platform.mongo.schema.CollectionSchema;
import org.junit.jupiter.api.Test;

import org.springframework.boot.mongodb.autoconfigure.ReactiveMongoClientFactory;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The module boundaries of DESIGN.md, checked on the compiled classes and, where the
 * compiler leaves no trace (string constants are inlined into the classes that use them),
 * on the sources.
 */
class ArchitectureTests {

	/** Every top-level package under io.shopstream besides {@code platform}. */
	static final Set<String> FEATURES = Set.of("users", "auth", "products", "inventory", "orders", "stores",
			"analytics", "feeds", "demo", "wallet");

	/**
	 * The one list of features that read a collection another feature owns, and why. Each
	 * such read names the collection by the owner's {@code XSchema.COLLECTION}; any other
	 * cross-feature reference to a collection fails
	 * {@link #a_feature_reads_another_features_collection_only_where_listed}. Everything
	 * else goes through the owner's service.
	 */
	static final Map<String, Set<String>> CROSS_FEATURE_READS = Map.of(
			// Sales, customer and monthly reports are aggregation pipelines over the
			// orders collection: read-only, and as one pipeline, not per order through
			// OrderService.
			"analytics", Set.of("orders"),
			// GET /users/{id}/orders is one $lookup from a user to their orders.
			"orders", Set.of("users"),
			// One change stream per watched collection, shared by every subscriber.
			"feeds", Set.of("users", "orders", "inventory"));

	private static final Path MAIN = Path.of("src/main/java/io/shopstream");

	/**
	 * Where a collection is named by a string: documents, collections, $lookup and
	 * template calls.
	 */
	private static final Pattern COLLECTION_LITERAL = Pattern
		.compile("(?:@Document\\(|getCollection\\(|pageAggregation\\(|\"from\",\\s*|Document\\.class,\\s*)\"(\\w+)\"");

	private static final Pattern SCHEMA_CONSTANT = Pattern.compile("\\b([A-Z]\\w*Schema)\\.COLLECTION\\b");

	private static final JavaClasses CLASSES = new ClassFileImporter()
		.withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
		.importPackages("io.shopstream");

	@Test
	void platform_depends_on_no_feature() {
		String[] features = FEATURES.stream()
			.map((feature) -> "io.shopstream." + feature + "..")
			.toArray(String[]::new);
		ArchRuleDefinition.noClasses()
			.that()
			.resideInAPackage("io.shopstream.platform..")
			.should()
			.dependOnClassesThat()
			.resideInAnyPackage(features)
			.check(CLASSES);
	}

	/**
	 * The application's client runs in Stable API V1 strict mode; the one way around it
	 * is {@code OutsideStableApi}, whose client {@code MongoClientConfiguration} builds.
	 * No other class makes a client of its own.
	 */
	@Test
	void only_the_mongo_configuration_makes_a_mongodb_client() {
		ArchRuleDefinition.noClasses()
			.that()
			.doNotHaveFullyQualifiedName("io.shopstream.platform.mongo.MongoClientConfiguration")
			.should()
			.dependOnClassesThat()
			.belongToAnyOf(MongoClients.class, ReactiveMongoClientFactory.class)
			.check(CLASSES);
	}

	@Test
	void a_feature_never_touches_another_features_repository() {
		for (String feature : FEATURES) {
			String inside = "io.shopstream." + feature + "..";
			ArchRuleDefinition.noClasses()
				.that()
				.resideOutsideOfPackage(inside)
				.should()
				.dependOnClassesThat(JavaClass.Predicates.resideInAPackage(inside)
					.and(JavaClass.Predicates.simpleNameEndingWith("Repository")))
				.allowEmptyShould(true)
				.check(CLASSES);
		}
	}

	@Test
	void every_top_level_package_is_a_known_feature_and_every_listed_feature_exists() {
		Set<String> packages = CLASSES.stream()
			.map(JavaClass::getPackageName)
			.filter((name) -> name.startsWith("io.shopstream."))
			.map((name) -> name.substring("io.shopstream.".length()).split("\\.")[0])
			.collect(Collectors.toCollection(TreeSet::new));
		Set<String> known = new TreeSet<>(FEATURES);
		known.add("platform");
		assertThat(packages).as("top-level packages under io.shopstream").isEqualTo(known);
		Set<String> listed = new TreeSet<>(CROSS_FEATURE_READS.keySet());
		CROSS_FEATURE_READS.values()
			.forEach((collections) -> collections.forEach(
					(collection) -> listed.add(owners().getOrDefault(collection, "no feature owns " + collection))));
		assertThat(FEATURES).as("features named by CROSS_FEATURE_READS").containsAll(listed);
	}

	@Test
	void every_collection_is_named_once_by_a_constant_of_its_features_schema() {
		List<String> problems = new ArrayList<>();
		for (Class<?> schema : schemas()) {
			problems.addAll(schemaProblems(schema));
		}
		assertThat(problems).isEmpty();
	}

	@Test
	void no_collection_is_named_by_a_string_literal_outside_its_schema() {
		Set<String> collections = owners().keySet();
		List<String> problems = new ArrayList<>();
		for (Path source : sources(MAIN)) {
			String file = MAIN.relativize(source).toString().replace('\\', '/');
			Matcher literal = COLLECTION_LITERAL.matcher(read(source));
			while (literal.find()) {
				if (collections.contains(literal.group(1)) || literal.group(0).startsWith("getCollection")) {
					problems.add(file + ": " + literal.group(0));
				}
			}
		}
		assertThat(problems).as("collections named by a literal; use the owner's XSchema.COLLECTION").isEmpty();
	}

	@Test
	void a_feature_reads_another_features_collection_only_where_listed() {
		Map<String, String> schemaFeatures = new TreeMap<>();
		schemas().forEach((schema) -> schemaFeatures.put(schema.getSimpleName(), feature(schema)));
		Map<String, String> owners = owners();
		List<String> problems = new ArrayList<>();
		for (Path source : sources(MAIN)) {
			String reader = MAIN.relativize(source).getName(0).toString();
			String text = read(source);
			Matcher constant = SCHEMA_CONSTANT.matcher(text);
			while (constant.find()) {
				String owner = schemaFeatures.get(constant.group(1));
				if (owner != null && !owner.equals(reader) && !allowed(reader, owner, owners)) {
					problems.add(MAIN.relativize(source) + " reads " + constant.group(0) + " of " + owner);
				}
			}
		}
		assertThat(problems).as("cross-feature reads not in CROSS_FEATURE_READS").isEmpty();
	}

	@Test
	void comments_and_docs_cite_files_and_tests_that_exist() {
		Set<String> javaFiles = Stream.of(Path.of("src"), Path.of("bench"))
			.flatMap((root) -> sources(root).stream())
			.map((path) -> path.getFileName().toString())
			.filter((name) -> name.endsWith(".java"))
			.collect(Collectors.toSet());
		List<Path> citing = new ArrayList<>(sources(Path.of("src/main")));
		citing.addAll(sources(Path.of("docs")));
		citing.add(Path.of("README.md"));
		citing.add(Path.of("k8s/README.md"));
		List<String> missing = new ArrayList<>();
		for (Path file : citing) {
			for (String cited : CitedFiles.in(read(file))) {
				if (!CitedFiles.exists(cited, file, javaFiles)) {
					missing.add(file + " cites " + cited);
				}
			}
		}
		assertThat(missing).isEmpty();
	}

	private static boolean allowed(String reader, String owner, Map<String, String> owners) {
		return CROSS_FEATURE_READS.getOrDefault(reader, Set.of())
			.stream()
			.anyMatch((collection) -> owner.equals(owners.get(collection)));
	}

	/** Every collection and the feature whose schema declares it. */
	private Map<String, String> owners() {
		Map<String, String> owners = new TreeMap<>();
		for (Class<?> schema : schemas()) {
			owners.put(((CollectionSchema) instantiate(schema)).collection(), feature(schema));
		}
		return owners;
	}

	private List<Class<?>> schemas() {
		return CLASSES.stream()
			.filter((type) -> type.isAssignableTo(CollectionSchema.class) && !type.isInterface())
			.map(JavaClass::reflect)
			.filter((type) -> !Modifier.isAbstract(type.getModifiers()))
			.collect(Collectors.toList());
	}

	private static List<String> schemaProblems(Class<?> schema) {
		List<String> problems = new ArrayList<>();
		if (!schema.getSimpleName().endsWith("Schema") || !FEATURES.contains(feature(schema))) {
			problems.add(schema.getName() + " should be a feature's XSchema");
		}
		try {
			Field constant = schema.getDeclaredField("COLLECTION");
			constant.setAccessible(true);
			int modifiers = constant.getModifiers();
			String collection = ((CollectionSchema) instantiate(schema)).collection();
			if (!Modifier.isStatic(modifiers) || !Modifier.isFinal(modifiers)
					|| !collection.equals(constant.get(null))) {
				problems.add(schema.getName() + ".collection() should return its static final COLLECTION");
			}
		}
		catch (NoSuchFieldException | IllegalAccessException ex) {
			problems.add(schema.getName() + " should declare static final String COLLECTION");
		}
		return problems;
	}

	private static Object instantiate(Class<?> type) {
		try {
			Constructor<?> constructor = type.getDeclaredConstructor();
			constructor.setAccessible(true);
			return constructor.newInstance();
		}
		catch (ReflectiveOperationException ex) {
			throw new IllegalStateException(type.getName() + " should have a no-argument constructor", ex);
		}
	}

	private static String feature(Class<?> type) {
		return type.getPackageName().substring("io.shopstream.".length()).split("\\.")[0];
	}

	private static List<Path> sources(Path root) {
		try (Stream<Path> files = Files.walk(root)) {
			return files.filter(Files::isRegularFile)
				.filter((path) -> !path.toString().endsWith(".class") && !path.toString().endsWith(".png"))
				.sorted()
				.toList();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	private static String read(Path file) {
		try {
			return Files.readString(file);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}
