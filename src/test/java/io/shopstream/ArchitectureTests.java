package io.shopstream;

import java.util.List;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

/** The module boundaries of DESIGN.md, checked on the compiled classes. */
class ArchitectureTests {

	private static final List<String> FEATURES = List.of("users", "auth", "products", "inventory", "orders", "stores",
			"transfers", "analytics", "feeds", "demo");

	private final JavaClasses classes = new ClassFileImporter()
		.withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
		.importPackages("io.shopstream");

	@Test
	void platform_depends_on_no_feature() {
		String[] features = FEATURES.stream().map((feature) -> "io.shopstream." + feature + "..").toArray(String[]::new);
		noClasses().that().resideInAPackage("io.shopstream.platform..")
			.should().dependOnClassesThat().resideInAnyPackage(features)
			.check(this.classes);
	}

	@Test
	void a_feature_never_touches_another_features_repository() {
		for (String feature : FEATURES) {
			String inside = "io.shopstream." + feature + "..";
			noClasses().that().resideOutsideOfPackage(inside)
				.should().dependOnClassesThat(JavaClass.Predicates.resideInAPackage(inside)
					.and(JavaClass.Predicates.simpleNameEndingWith("Repository")))
				.allowEmptyShould(true)
				.check(this.classes);
		}
	}

}
