package io.shopstream;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import io.shopstream.support.Accounts;
import io.shopstream.support.Accounts.Account;
import io.shopstream.support.Catalogue;
import io.shopstream.support.Chromium;
import io.shopstream.support.EmbeddedApiTest;
import io.shopstream.support.Fixtures;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.WebDriverWait;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;
import org.springframework.context.SmartLifecycle;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The dashboard at {@code /} in a real browser ({@link Chromium}): stock changes made
 * through the API show in its table; when the service drops the feed the page resumes
 * with nothing missed or applied twice; a customer signs in, orders from the table, and
 * sees the order arrive and change live. Each scenario leaves a screenshot in
 * {@code target/dashboard/} and fails on any console error, a Content-Security-Policy
 * violation among them.
 */
@EmbeddedApiTest
class DashboardBrowserTests {

	@LocalServerPort
	int port;

	@Autowired
	WebTestClient anonymous;

	@Autowired
	ApplicationContext context;

	Chromium chromium;

	WebDriver page;

	WebTestClient admin;

	String sku;

	@BeforeEach
	void openDashboard() {
		this.chromium = Chromium.open();
		this.page = this.chromium.driver();
		this.admin = Accounts.admin(this.anonymous);
		this.sku = Fixtures.unique("DASH-");
		Catalogue.product(this.admin, this.sku, "12.50", null);
		Catalogue.stock(this.admin, this.sku, 10);
		this.page.get("http://localhost:" + this.port + "/");
		new WebDriverWait(this.page, Duration.ofSeconds(15)).until((shown) -> "10".equals(available())
				&& "live".equals(shown.findElement(By.id("stock-state")).getDomAttribute("data-state")));
	}

	@AfterEach
	void closeBrowser(TestInfo test) throws IOException {
		if (this.chromium != null) {
			try {
				this.chromium.screenshot(test.getTestMethod().orElseThrow().getName());
			}
			finally {
				this.chromium.close();
			}
		}
	}

	@Test
	void a_stock_change_made_through_the_api_shows_in_the_table_within_two_seconds() {
		Catalogue.adjust(this.admin, this.sku, 5);
		new WebDriverWait(this.page, Duration.ofSeconds(2)).until((shown) -> "15".equals(available()));
		assertThat(this.chromium.errors()).as("console errors, CSP violations among them").isEmpty();
	}

	@Test
	void when_the_service_drops_the_feed_the_page_resumes_missing_and_repeating_nothing() {
		Catalogue.adjust(this.admin, this.sku, 1);
		new WebDriverWait(this.page, Duration.ofSeconds(2)).until((shown) -> "11".equals(available()));
		SmartLifecycle feeds = this.context.getBean("changeFeedHub", SmartLifecycle.class);
		// Ends every feed's stream, as a shutting-down instance does. The browser
		// reconnects with Last-Event-ID after the retry delay; meanwhile the stock
		// changes.
		feeds.stop();
		feeds.start();
		for (int i = 0; i < 5; i++) {
			Catalogue.adjust(this.admin, this.sku, 1);
		}
		new WebDriverWait(this.page, Duration.ofSeconds(20)).until((shown) -> "16".equals(available()));
		WebElement table = this.page.findElement(By.id("stock"));
		assertThat(table.getDomAttribute("data-applied")).as("changes applied, each once").isEqualTo("6");
		assertThat(table.getDomAttribute("data-loads")).as("resumed, not reloaded").isEqualTo("1");
		assertThat(this.chromium.errors()).as("console errors, CSP violations among them").isEmpty();
	}

	@Test
	void a_customer_signs_in_places_an_order_from_the_stock_table_and_sees_it_change_live() {
		Account customer = Accounts.signUp(this.anonymous, "browser");
		this.page.findElement(By.id("login")).sendKeys(customer.username());
		this.page.findElement(By.id("password")).sendKeys(Accounts.PASSWORD, Keys.ENTER);
		WebDriverWait wait = new WebDriverWait(this.page, Duration.ofSeconds(10));
		wait.until((shown) -> "live".equals(shown.findElement(By.id("orders-state")).getDomAttribute("data-state")));
		this.page.findElement(By.id("ship-name")).sendKeys("Ada Lovelace");
		this.page.findElement(By.id("ship-street")).sendKeys("12 St James's Square");
		this.page.findElement(By.id("ship-city")).sendKeys("London");
		this.page.findElement(By.id("ship-postal")).sendKeys("SW1Y 4JH");
		this.page.findElement(By.id("ship-country")).sendKeys("GB");

		this.page.findElement(By.cssSelector("tr[data-sku='" + this.sku + "'] button.order")).click();

		By order = By.cssSelector("#orders tbody tr");
		wait.until((shown) -> shown.findElements(order).size() == 1);
		WebElement row = this.page.findElement(order);
		assertThat(row.getDomAttribute("data-status")).isEqualTo("pending");
		assertThat(this.page.findElement(By.id("order-message")).getText()).startsWith("Order ORD-")
			.endsWith("placed.");
		wait.until((shown) -> "9".equals(available()));

		this.admin.post()
			.uri("/api/v1/orders/{id}/status", row.getDomAttribute("data-id"))
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue("{\"status\": \"processing\"}")
			.exchange()
			.expectStatus()
			.isOk();
		new WebDriverWait(this.page, Duration.ofSeconds(2))
			.until((shown) -> "processing".equals(shown.findElement(order).getDomAttribute("data-status")));
		assertThat(this.chromium.errors()).as("console errors, CSP violations among them").isEmpty();
	}

	@Test
	void an_admin_sees_account_changes_live_and_the_sales_summary() {
		this.page.findElement(By.id("login")).sendKeys(Accounts.ADMIN_LOGIN);
		this.page.findElement(By.id("password")).sendKeys(Accounts.ADMIN_PASSWORD, Keys.ENTER);
		WebDriverWait wait = new WebDriverWait(this.page, Duration.ofSeconds(10));
		wait.until((shown) -> "live".equals(shown.findElement(By.id("users-state")).getDomAttribute("data-state")));
		wait.until((shown) -> shown.findElement(By.id("sales-currency")).getText().equals("USD"));

		Account joined = Accounts.signUp(this.anonymous, "joined");

		new WebDriverWait(this.page, Duration.ofSeconds(2))
			.until((shown) -> shown.findElements(By.cssSelector("#users tbody tr"))
				.stream()
				.anyMatch((row) -> row.getText().contains(joined.username())));
		assertThat(this.chromium.errors()).as("console errors, CSP violations among them").isEmpty();
	}

	@Test
	void at_360_pixels_wide_nothing_scrolls_sideways() {
		this.page.manage().window().setSize(new Dimension(360, 800));
		this.page.navigate().refresh();
		new WebDriverWait(this.page, Duration.ofSeconds(15)).until((shown) -> "10".equals(available()));
		Object overflow = ((JavascriptExecutor) this.page)
			.executeScript("return document.documentElement.scrollWidth - document.documentElement.clientWidth;");
		assertThat(((Number) overflow).intValue()).as("pixels scrolled sideways").isLessThanOrEqualTo(0);
		assertThat(this.chromium.errors()).as("console errors, CSP violations among them").isEmpty();
	}

	/**
	 * Silence with the connection still open (a proxy holding it, a half-open socket)
	 * cannot be made on loopback, so the dashboard's own feed.js runs here against an
	 * EventSource that goes quiet on purpose, with heartbeats every 50 ms.
	 */
	@Test
	@SuppressWarnings("unchecked")
	void a_feed_silent_for_three_heartbeats_is_reopened_from_its_last_event() {
		Map<String, Object> result = (Map<String, Object>) ((JavascriptExecutor) this.page).executeAsyncScript("""
				const done = arguments[arguments.length - 1];
				class QuietSource {
				  static CLOSED = 2;
				  static made = [];
				  constructor(url) { this.url = String(url); this.listeners = {}; QuietSource.made.push(this); }
				  addEventListener(type, listener) { (this.listeners[type] ||= []).push(listener); }
				  emit(type, event) { (this.listeners[type] || []).forEach((listener) => listener(event)); }
				  close() { this.closed = true; }
				}
				window.EventSource = QuietSource;
				import('/dashboard/feed.js').then(({ LiveFeed }) => {
				  const states = [];
				  const changes = [];
				  new LiveFeed('/api/v1/feeds/inventory', {
				    onChange: (operation, item, id) => changes.push(id),
				    onReload: () => {},
				    onState: (state) => states.push(state),
				  }).open();
				  const first = QuietSource.made[0];
				  first.emit('open', {});
				  first.emit('heartbeat', { data: '{"every_ms":50}' });
				  first.emit('update', { lastEventId: 'token-1', data: '{"sku":"A","available":1}' });
				  first.emit('update', { lastEventId: 'token-1', data: '{"sku":"A","available":1}' });
				  setTimeout(() => done({ urls: QuietSource.made.map((source) => source.url),
				    firstClosed: first.closed === true, states, changes }), 400);
				});
				""");
		List<String> urls = (List<String>) result.get("urls");
		assertThat(urls).hasSizeGreaterThanOrEqualTo(2);
		assertThat(urls.get(0)).endsWith("/api/v1/feeds/inventory?heartbeats=events");
		assertThat(urls.get(1)).endsWith("/api/v1/feeds/inventory?heartbeats=events&last_event_id=token-1");
		assertThat(result.get("firstClosed")).isEqualTo(true);
		assertThat((List<String>) result.get("states")).containsSubsequence("live", "stale", "connecting");
		assertThat((List<String>) result.get("changes")).as("the change delivered twice, applied once")
			.containsExactly("token-1");
	}

	private String available() {
		return this.page.findElements(By.cssSelector("tr[data-sku='" + this.sku + "'] .available"))
			.stream()
			.findFirst()
			.map((cell) -> cell.getText())
			.orElse(null);
	}

}
