package io.shopstream.platform.web;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * An RFC 9457 problem document. The detail is always written by Shopstream for the
 * client, never copied from an exception.
 *
 * @param type a URI naming the kind of problem
 * @param title the kind of problem in words
 * @param status the HTTP status
 * @param detail what went wrong with this request
 * @param instance the request path
 * @param correlationId the id to quote when reporting it (also in {@code X-Request-Id})
 * @param errors the invalid fields, for 400
 * @param field the field a conflict is about, for 409
 * @param capability the missing capability, for 501
 * @param remedy how to get the missing capability, for 501
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Problem(String type, String title, int status, String detail, String instance, String correlationId,
		List<FieldProblem> errors, String field, String capability, String remedy) {

	static final int MAX_ERRORS = 50;

	static final String TYPE_BASE = "https://shopstream.io/problems/";

	static Problem of(String kind, String title, int status, String detail) {
		return new Problem(TYPE_BASE + kind, title, status, detail, null, null, null, null, null, null);
	}

	/**
	 * The invalid fields, at most {@value #MAX_ERRORS} of them: a body with twenty
	 * thousand unknown keys gets a short answer, not one twenty thousand entries long.
	 */
	Problem withErrors(List<FieldProblem> errors) {
		List<FieldProblem> listed = (errors.size() > MAX_ERRORS) ? errors.subList(0, MAX_ERRORS) : errors;
		String told = (errors.size() > MAX_ERRORS)
				? this.detail + " (the first " + MAX_ERRORS + " of " + errors.size() + " problems are listed)"
				: this.detail;
		return new Problem(this.type, this.title, this.status, told, this.instance, this.correlationId,
				List.copyOf(listed), this.field, this.capability, this.remedy);
	}

	Problem withField(String field) {
		return new Problem(this.type, this.title, this.status, this.detail, this.instance, this.correlationId,
				this.errors, field, this.capability, this.remedy);
	}

	Problem withCapability(String capability, String remedy) {
		return new Problem(this.type, this.title, this.status, this.detail, this.instance, this.correlationId,
				this.errors, this.field, capability, remedy);
	}

	Problem at(String instance, String correlationId) {
		return new Problem(this.type, this.title, this.status, this.detail, instance, correlationId, this.errors,
				this.field, this.capability, this.remedy);
	}

}
