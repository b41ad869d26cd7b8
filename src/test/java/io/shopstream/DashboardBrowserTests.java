package io.shopstream;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.logging.Level;

import io.shopstream.support.Accounts;
import io.shopstream.support.Catalogue;
import io.shopstream.support.EmbeddedApiTest;
import io.shopstream.support.Fixtures;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.support.ui.WebDriverWait;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The dashboard at {@code /} in a real browser: Debian's Chromium, headless, driven
 * through Debian's chromedriver (no browser or driver is downloaded). Skipped, saying so,
 * where they are not installed. Each scenario leaves a screenshot in
 * {@code target/dashboard/}, and fails on any console error, a Content-Security-Policy
 * violation among them.
 */
@EmbeddedApiTest
class DashboardBrowserTests {

	private static final Path CHROMIUM = Path.of("/usr/bin/chromium");

	private static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");

	private static final Path SCREENSHOTS = Path.of("target", "dashboard");

	@LocalServerPort
	int port;

	@Autowired
	WebTestClient anonymous;

	ChromeDriver browser;

	@BeforeEach
	void openBrowser() {
		assumeTrue(Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER),
				"Chromium and chromedriver are not installed (apt-get install chromium chromium-driver): "
						+ "the dashboard is not tested in a browser");
		ChromeOptions options = new ChromeOptions().setBinary(CHROMIUM.toFile())
			.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
					"--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run",
					"--disable-quic", "--window-size=1280,900");
		options.setCapability("goog:loggingPrefs", Map.of(LogType.BROWSER, "ALL"));
		ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(CHROMEDRIVER.toFile())
			.usingAnyFreePort()
			.build();
		this.browser = new ChromeDriver(service, options);
	}

	@AfterEach
	void closeBrowser(TestInfo test) throws IOException {
		if (this.browser == null) {
			return;
		}
		try {
			Files.createDirectories(SCREENSHOTS);
			Files.write(SCREENSHOTS.resolve(test.getTestMethod().orElseThrow().getName() + ".png"),
					this.browser.getScreenshotAs(OutputType.BYTES));
		}
		finally {
			this.browser.quit();
		}
	}

	@Test
	void a_stock_change_made_through_the_api_shows_in_the_table_within_two_seconds() {
		WebTestClient admin = Accounts.admin(this.anonymous);
		String sku = Fixtures.unique("DASH-");
		Catalogue.product(admin, sku, "12.50", null);
		Catalogue.stock(admin, sku, 10);

		this.browser.get("http://localhost:" + this.port + "/");
		By available = By.cssSelector("tr[data-sku='" + sku + "'] .available");
		new WebDriverWait(this.browser, Duration.ofSeconds(15)).until(
				(page) -> !page.findElements(available).isEmpty() && page.findElement(available).getText().equals("10")
						&& "live".equals(page.findElement(By.id("stock-state")).getDomAttribute("data-state")));

		admin.post()
			.uri("/api/v1/inventory/{sku}/adjust", sku)
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue("{\"delta\": 5}")
			.exchange()
			.expectStatus()
			.isOk();
		new WebDriverWait(this.browser, Duration.ofSeconds(2))
			.until((page) -> page.findElement(available).getText().equals("15"));

		assertThat(errors()).as("console errors, CSP violations among them").isEmpty();
	}

	private List<String> errors() {
		return this.browser.manage()
			.logs()
			.get(LogType.BROWSER)
			.getAll()
			.stream()
			.filter((entry) -> entry.getLevel().intValue() >= Level.WARNING.intValue())
			.map(LogEntry::toString)
			.toList();
	}

}
