package io.shopstream.platform.web;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.util.List;
import java.util.regex.Pattern;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.web.server.adapter.ForwardedHeaderTransformer;
import org.springframework.web.server.adapter.WebHttpHandlerBuilder;

/**
 * Forwarded headers believed from the proxy only. With
 * {@code server.forward-headers-strategy=framework}, Spring takes the client's address,
 * scheme and host from {@code Forwarded} and {@code X-Forwarded-*} whoever sent them; the
 * per-address limits (anonymous feeds and requests, failed logins) would then count
 * whatever address a client names. This transformer, which replaces Spring's, applies
 * them only when the connection comes from one of {@code shopstream.web.trusted-proxies}
 * (IPv4 or IPv6 addresses or CIDR ranges, literals only) and removes them from every
 * other request. With no trusted proxy set it believes every peer, as Spring's does, and
 * says so at start-up.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty(name = "server.forward-headers-strategy", havingValue = "framework")
class TrustedProxies {

	private static final Logger log = LoggerFactory.getLogger(TrustedProxies.class);

	/** Named as {@link WebHttpHandlerBuilder} looks it up; Spring Boot's backs off. */
	@Bean(WebHttpHandlerBuilder.FORWARDED_HEADER_TRANSFORMER_BEAN_NAME)
	ForwardedHeaderTransformer forwardedHeaderTransformer(WebProperties properties) {
		if (properties.trustedProxies().isEmpty()) {
			log.warn("Forwarded headers are believed from every peer (server.forward-headers-strategy=framework "
					+ "and no shopstream.web.trusted-proxies): a client that reaches the service directly can name "
					+ "any address");
		}
		return new FromTrustedProxies(properties.trustedProxies());
	}

	/** Applies forwarded headers from trusted peers, removes them from the others. */
	static final class FromTrustedProxies extends ForwardedHeaderTransformer {

		private final List<Range> trusted;

		private final ForwardedHeaderTransformer remover = new ForwardedHeaderTransformer();

		FromTrustedProxies(List<String> trusted) {
			this.trusted = trusted.stream().map(String::trim).map(Range::parse).toList();
			this.remover.setRemoveOnly(true);
		}

		@Override
		public ServerHttpRequest apply(ServerHttpRequest request) {
			return trusted(request.getRemoteAddress()) ? super.apply(request) : this.remover.apply(request);
		}

		private boolean trusted(InetSocketAddress peer) {
			if (this.trusted.isEmpty()) {
				return true;
			}
			return peer != null && peer.getAddress() != null
					&& this.trusted.stream().anyMatch((range) -> range.contains(peer.getAddress()));
		}

	}

	/** An address and how many of its leading bits a peer's must share. */
	record Range(byte[] network, int bits) {

		private static final Pattern LITERAL = Pattern.compile("[0-9a-fA-F:.]+");

		static Range parse(String cidr) {
			int slash = cidr.indexOf('/');
			String address = (slash < 0) ? cidr : cidr.substring(0, slash);
			if (!LITERAL.matcher(address).matches()) {
				throw new IllegalArgumentException("shopstream.web.trusted-proxies: '" + cidr
						+ "' is not an IP address or CIDR range (host names are not looked up)");
			}
			byte[] network;
			int bits;
			try {
				network = InetAddress.getByName(address).getAddress();
				bits = (slash < 0) ? network.length * 8 : Integer.parseInt(cidr.substring(slash + 1));
			}
			catch (UnknownHostException | NumberFormatException ex) {
				throw new IllegalArgumentException(
						"shopstream.web.trusted-proxies: '" + cidr + "' is not an IP address or CIDR range", ex);
			}
			if (bits < 0 || bits > network.length * 8) {
				throw new IllegalArgumentException("shopstream.web.trusted-proxies: '" + cidr
						+ "' has a prefix length outside 0 to " + network.length * 8);
			}
			return new Range(network, bits);
		}

		boolean contains(InetAddress peer) {
			byte[] address = peer.getAddress();
			if (address.length != this.network.length) {
				return false;
			}
			for (int bit = 0; bit < this.bits; bit++) {
				int mask = 0x80 >>> (bit % 8);
				if ((address[bit / 8] & mask) != (this.network[bit / 8] & mask)) {
					return false;
				}
			}
			return true;
		}

	}

}
