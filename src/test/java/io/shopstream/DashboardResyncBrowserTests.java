package io.shopstream;

import java.io.IOException;
import java.time.Duration;

import io.shopstream.platform.mongo.embedded.EmbeddedMongoServer;
import io.shopstream.support.Accounts;
import io.shopstream.support.Catalogue;
import io.shopstream.support.Chromium;
import io.shopstream.support.EmbeddedApiTest;
import io.shopstream.support.Fixtures;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.support.ui.WebDriverWait;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.TestPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A resync reloads the dashboard's list: the embedded back-end is restarted empty (a
 * database that lost its history, {@link EmbeddedMongoServer#restartEmpty()}), the feed
 * sends {@code resync}, and the page loads its stock table again from the REST API, now
 * empty. Its own context, since the data is gone afterwards.
 */
@EmbeddedApiTest
@DirtiesContext
@TestPropertySource(properties = "shopstream.feeds.max-backoff=1s")
class DashboardResyncBrowserTests {

	@LocalServerPort
	int port;

	@Autowired
	WebTestClient anonymous;

	@Autowired
	EmbeddedMongoServer embedded;

	@Test
	void a_resync_reloads_the_stock_table_from_the_api() throws IOException {
		try (Chromium chromium = Chromium.open()) {
			WebDriver page = chromium.driver();
			String sku = Fixtures.unique("RESYNC-");
			WebTestClient admin = Accounts.admin(this.anonymous);
			Catalogue.product(admin, sku, "3.00", null);
			Catalogue.stock(admin, sku, 7);
			page.get("http://localhost:" + this.port + "/");
			By row = By.cssSelector("tr[data-sku='" + sku + "']");
			new WebDriverWait(page, Duration.ofSeconds(15)).until((shown) -> !shown.findElements(row).isEmpty());
			// a change first, so the page holds a resume point: what follows is a resync,
			// not
			// the reload of a feed opened without one
			Catalogue.adjust(admin, sku, 1);
			new WebDriverWait(page, Duration.ofSeconds(5))
				.until((shown) -> "1".equals(shown.findElement(By.id("stock")).getDomAttribute("data-applied")));

			this.embedded.restartEmpty();

			new WebDriverWait(page, Duration.ofSeconds(30))
				.until((shown) -> "2".equals(shown.findElement(By.id("stock")).getDomAttribute("data-loads")));
			assertThat(page.findElements(row)).as("the product is gone with the database").isEmpty();
			chromium.screenshot("a_resync_reloads_the_stock_table_from_the_api");
			assertThat(chromium.errors()).as("console errors, CSP violations among them").isEmpty();
		}
	}

}
